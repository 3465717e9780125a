import type { HashedFile, SourceText } from '@arena/protocol';
import yazl from 'yazl';
import { hashSourceFiles, sha256Hex } from '../submissions/decode-submission-zip';

export interface ZippedSources {
  zip: Buffer;
  zipSha256: string;
  /** Each file's path and sha256, sorted by path (as a submission lists them). */
  files: HashedFile[];
}

/**
 * Packs a test run's source texts (UTF-8) into a zip, so they are stored exactly like submitted
 * sources (`SubmissionRepo.insertSources`) and judges fetch each file by its sha256.
 * Entries get a fixed time, so the same files always make the same zip.
 */
export async function zipTestRunSources(sources: readonly SourceText[]): Promise<ZippedSources> {
  const data = sources.map((s) => ({ path: s.filename, data: Buffer.from(s.text, 'utf8') }));
  const zip = new yazl.ZipFile();
  for (const file of data) zip.addBuffer(file.data, file.path, { mtime: new Date(Date.UTC(2000, 0, 1)), mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { zip: bytes, zipSha256: sha256Hex(bytes), files: hashSourceFiles(data) };
}
