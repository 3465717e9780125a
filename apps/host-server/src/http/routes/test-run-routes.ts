import { Id, TestRunCreate } from '@arena/protocol';
import { z } from 'zod';
import type { TestRunService } from '../../app/test-runs/test-run-service';
import type { RequestAuth } from '../auth-hook';
import type { ArenaFastify } from '../create-http-server';

const TestRunParams = z.object({ id: Id, rid: Id });
const SubmissionParams = z.object({ id: Id, sid: Id });
const ContestParams = z.object({ id: Id });

/**
 * The contestant app's extras (protocol `contestant-app.ts`), team token (or Basic) required:
 * `POST /api/arena/contests/{id}/test-runs` → 202 `{ id }`,
 * `GET /api/arena/contests/{id}/test-runs/{rid}` → TestRunResult (own team or jury; else 404),
 * `GET /api/arena/contests/{id}/submissions/{sid}/compile-output` → `{ compileOutput }` (same rule).
 * Bad credentials are 401 (the auth hook throws before anything is read).
 */
export function registerTestRunRoutes(app: ArenaFastify, auth: RequestAuth, service: TestRunService): void {
  app.post('/api/arena/contests/:id/test-runs', { schema: { params: ContestParams, body: TestRunCreate } }, async (request, reply) => {
    const { id } = request.params;
    const accepted = await service.create(auth.viewer(request, id), id, request.body);
    return reply.status(202).send(accepted);
  });
  app.get('/api/arena/contests/:id/test-runs/:rid', { schema: { params: TestRunParams } }, async (request) => {
    const { id, rid } = request.params;
    return service.get(auth.viewer(request, id), id, rid);
  });
  app.get('/api/arena/contests/:id/submissions/:sid/compile-output', { schema: { params: SubmissionParams } }, async (request) => {
    const { id, sid } = request.params;
    return service.compileOutput(auth.viewer(request, id), id, sid);
  });
}
