import { ContestParams } from '../api-scope';
import { JurySubmissionQuery, SubmissionParams, VerdictOverride } from '@arena/protocol';
import { listSubmissionsForJury, submissionDetailForJury } from '../../../app/console-judging/jury-submissions';
import type { VerdictOverrides } from '../../../app/console-judging/override-verdict';
import type { HostContext } from '../../../app/host-context';
import type { ConsoleRouteDeps } from './console-scope';

/** Jury submission list and details, and verdict overrides (re-authenticated). */
export function registerJurySubmissionRoutes({ app, jury }: ConsoleRouteDeps, ctx: HostContext, overrides: VerdictOverrides): void {
  app.get('/api/arena/contests/:id/console/submissions', { schema: { params: ContestParams, querystring: JurySubmissionQuery } }, async (request) => {
    jury(request, request.params.id);
    return { submissions: listSubmissionsForJury(ctx, request.params.id, request.query) };
  });

  app.get('/api/arena/contests/:id/console/submissions/:sid', { schema: { params: SubmissionParams } }, async (request) => {
    jury(request, request.params.id);
    return submissionDetailForJury(ctx, request.params.id, request.params.sid);
  });

  app.post('/api/arena/contests/:id/console/submissions/:sid/override', { schema: { params: SubmissionParams, body: VerdictOverride } }, async (request) => {
    const actor = jury(request, request.params.id);
    overrides.override(actor, request.params.id, request.params.sid, request.body);
    return submissionDetailForJury(ctx, request.params.id, request.params.sid);
  });
}
