/**
 * The statement HTML without its leading title heading when that heading only repeats the
 * problem name (LaTeX and most Markdown statements start with it), because the panel header
 * already shows the letter and the name. Anything else is returned unchanged.
 */
export function withoutRepeatedTitle(html: string, problemName: string): string {
  const match = /^\s*<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/i.exec(html);
  if (!match) return html;
  const text = (match[2] ?? '').replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  return text.toLowerCase() === problemName.replace(/\s+/g, ' ').trim().toLowerCase() ? html.slice(match[0].length) : html;
}
