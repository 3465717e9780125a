import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../app/errors';
import type { HostContext } from '../../app/host-context';
import { checkJudgeKey } from '../../app/judging/judge-auth';
import { createSubmissionSources } from '../../app/submissions/submission-sources';
import type { ArenaFastify } from '../create-http-server';

const SHA256 = /^[0-9a-f]{64}$/;

function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers['x-judge-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * `GET /judge/files/{sha256}`: a blob (testdata, validators, sources) for judge agents only.
 * Judge key required (`Authorization: Bearer <key>` or `X-Judge-Key`): 401 without one, 403 for a
 * wrong one (checked before anything else, so nobody learns which blobs exist); 400 for a
 * non-hash; 404 for an unknown blob. A blob-store file is streamed; a submitted source (kept
 * in SQLite with its submission) is sent from there.
 */
export function registerJudgeFileRoutes(app: ArenaFastify, ctx: HostContext): void {
  const sources = createSubmissionSources(ctx.store.db);
  app.get('/judge/files/:sha256', { schema: { params: z.object({ sha256: z.string() }) } }, async (request, reply) => {
    checkJudgeKey(ctx.config, presentedKey(request.headers));
    const { sha256 } = request.params;
    if (!SHA256.test(sha256)) throw new AppError('bad_request', 'the file name must be a lowercase hex sha256');
    const body = ctx.blobs.has(sha256) ? createReadStream(ctx.blobs.pathOf(sha256)) : await sources.read(sha256);
    if (body === undefined) throw new AppError('not_found', `no file with sha256 ${sha256}`);
    void reply.header('content-type', 'application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable');
    return reply.send(body);
  });
}
