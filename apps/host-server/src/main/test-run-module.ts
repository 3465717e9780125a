import { createAuthService } from '../app/auth/auth-service';
import { createTestRunService, type TestRunLimits } from '../app/test-runs/test-run-service';
import { createRequestAuth } from '../http/auth-hook';
import { registerTestRunRoutes } from '../http/routes/test-run-routes';
import { pushTestRunResults } from '../realtime/test-run-push';
import type { ModuleDeps } from './build-host';

/**
 * Test runs ("run on samples / custom input", never submissions) and the team's compile-output
 * route: REST under `/api/arena/contests/{id}/…`, results pushed to the team on `/contestant`.
 * The judge side (leasing, reports) is part of the judge queue (`kind = 'test-run'`).
 */
export function registerTestRunModule(deps: ModuleDeps, limits?: TestRunLimits): void {
  const service = createTestRunService(deps.ctx, limits);
  registerTestRunRoutes(deps.http, createRequestAuth(createAuthService(deps.ctx)), service);
  deps.onClose(pushTestRunResults(deps.ctx, deps.io, service));
}
