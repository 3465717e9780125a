import { ClarificationCreate } from '@arena/protocol';
import type { ClarificationService } from '../../app/clarifications/clarify';
import { ContestParams, type RouteDeps } from './api-scope';

/** `POST /api/contests/{id}/clarifications`: a team's question, or the jury's answer/announcement. */
export function registerClarificationRoutes({ app, auth }: RouteDeps, service: ClarificationService): void {
  app.post('/api/contests/:id/clarifications', { schema: { params: ContestParams, body: ClarificationCreate } }, async (request) => {
    const { id } = request.params;
    return service.create(auth.viewer(request, id), id, request.body);
  });
}
