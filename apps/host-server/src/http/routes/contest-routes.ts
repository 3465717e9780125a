import type { CollectionType } from '../../adapters/sqlite/repos/api-repo';
import type { ContestApi } from '../../app/contest-api/contest-api';
import { ContestParams, ObjectParams, type RouteDeps } from './api-scope';

/** CLICS collections served from the database with visibility applied. */
const COLLECTIONS: readonly CollectionType[] = [
  'judgement-types', 'languages', 'problems', 'groups', 'organizations', 'teams', 'accounts',
  'submissions', 'judgements', 'runs', 'clarifications',
];

/** `/api`, `/api/contests[/{id}]`, `state`, `access` and every collection with its `/{id}`. */
export function registerContestRoutes({ app, auth }: RouteDeps, api: ContestApi): void {
  app.get('/api', async () => ({
    version: '2023-06',
    version_url: 'https://ccs-specs.icpc.io/2023-06/contest_api',
    name: 'Arena',
    provider: { name: 'Arena', version: '0.1.0' },
  }));

  app.get('/api/contests', async () => api.contests());
  app.get('/api/contests/:id', { schema: { params: ContestParams } }, async (request) => api.contest(request.params.id));
  app.get('/api/contests/:id/state', { schema: { params: ContestParams } }, async (request) => api.state(request.params.id));
  app.get('/api/contests/:id/access', { schema: { params: ContestParams } }, async (request) =>
    api.access(auth.viewer(request, request.params.id), request.params.id));

  for (const type of COLLECTIONS) {
    app.get(`/api/contests/:id/${type}`, { schema: { params: ContestParams } }, async (request) =>
      api.list(auth.viewer(request, request.params.id), request.params.id, type));
    app.get(`/api/contests/:id/${type}/:oid`, { schema: { params: ObjectParams } }, async (request) =>
      api.get(auth.viewer(request, request.params.id), request.params.id, type, request.params.oid));
  }
}
