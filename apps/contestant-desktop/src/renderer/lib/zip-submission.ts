import { strToU8, unzipSync, zipSync } from 'fflate';

/** One source file as text, as the editor or a picked file holds it. */
export interface SourceFile {
  filename: string;
  text: string;
}

/** The CLICS submission body (`POST /api/contests/{id}/submissions`). */
export interface SubmissionBody {
  problem_id: string;
  language_id: string;
  files: [{ data: string; mime: 'application/zip' }];
  entry_point?: string;
}

/** Zips the files (deflate) in the order given. Throws on an empty list or a duplicate name. */
export function zipSources(files: readonly SourceFile[]): Uint8Array {
  if (files.length === 0) throw new Error('nothing to submit: no source file');
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    if (file.filename in entries) throw new Error(`two files are named ${file.filename}`);
    entries[file.filename] = strToU8(file.text);
  }
  return zipSync(entries, { level: 6 });
}

/** The files of a zip made by `zipSources`, as text (for tests and for showing what was sent). */
export function unzipSources(zip: Uint8Array): SourceFile[] {
  return Object.entries(unzipSync(zip)).map(([filename, bytes]) => ({ filename, text: new TextDecoder().decode(bytes) }));
}

/** Standard base64 (with padding) of any bytes; chunked so large files do not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The body that submits `files` for a problem in a language (entry point only when needed). */
export function submissionBody(problemId: string, languageId: string, files: readonly SourceFile[], entryPoint: string | null): SubmissionBody {
  const body: SubmissionBody = {
    problem_id: problemId,
    language_id: languageId,
    files: [{ data: bytesToBase64(zipSources(files)), mime: 'application/zip' }],
  };
  if (entryPoint !== null) body.entry_point = entryPoint;
  return body;
}
