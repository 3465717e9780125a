/** Public URL of a problem file the host serves (statement assets, attachments). */
export function problemFileUrl(contestId: string, problemId: string, kind: 'statement-assets' | 'attachments' | 'statement', path: string): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `/api/contests/${encodeURIComponent(contestId)}/problems/${encodeURIComponent(problemId)}/${kind}/${encodedPath}`;
}
