import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { importContestPackage } from '../import/import-contest';
import type { ImportReport } from '../import/import-report';
import { signalConsole } from './venue-audit';

/** How the uploaded zip is named in messages (never the host's temporary path). */
const UPLOAD_NAME = 'the uploaded package';

/**
 * Imports a contest package zip uploaded over HTTP: the body is streamed to a temporary file
 * (refused with `too_large` past `maxBytes`, after reading the rest) and imported by the same code as `pnpm host import`
 * (all or nothing; a bad package is `bad_request` naming the file, and nothing is imported).
 * The import writes its own audit row with `actor`. The temporary file is always removed.
 */
export async function importUploadedPackage(ctx: HostContext, body: Readable, options: { actor: string; maxBytes: number }): Promise<ImportReport> {
  const tempRoot = join(ctx.config.dataDir, 'tmp');
  mkdirSync(tempRoot, { recursive: true });
  const dir = mkdtempSync(join(tempRoot, 'upload-'));
  const zipPath = join(dir, 'package.zip');
  try {
    let bytes = 0;
    // Past the limit the rest is read and dropped (not written), so the client gets a clean 413
    // instead of a reset connection in the middle of its upload.
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, bytes > options.maxBytes ? undefined : chunk);
      },
    });
    await pipeline(body, limit, createWriteStream(zipPath));
    if (bytes > options.maxBytes) throw new AppError('too_large', `the package is larger than the ${options.maxBytes} bytes the host accepts (config uploads.maxPackageBytes)`);
    if (bytes === 0) throw new AppError('bad_request', 'the upload is empty: send the contest package zip as the request body');
    let report: ImportReport;
    try {
      report = await importContestPackage(ctx, zipPath, { actor: options.actor });
    } catch (err) {
      if (err instanceof AppError && err.message.includes(zipPath)) {
        throw new AppError(err.code, err.message.split(zipPath).join(UPLOAD_NAME), err.details);
      }
      throw err;
    }
    signalConsole(ctx, report.contestId, ['audit', 'accounts']);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
