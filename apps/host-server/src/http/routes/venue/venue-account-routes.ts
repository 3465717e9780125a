import { AccountCreate, AccountPatch, AccountsImport, CredentialSlipsRequest } from '@arena/protocol';
import { requireConsoleRole } from '../../../app/venue/console-roles';
import { renderCredentialSlips } from '../../../app/venue/credential-slips-html';
import { createAccount, importAccounts, listAccounts, patchAccount, resetPassword, resetPasswordsForSlips } from '../../../app/venue/team-accounts';
import type { HostContext } from '../../../app/host-context';
import type { RouteDeps } from '../api-scope';
import { tlsFingerprint } from '../../tls-fingerprint';
import { hostAddresses } from './host-addresses';
import { ContestParams, TeamParams } from './venue-params';

const BASE = '/api/arena/contests/:id/console';

/** Teams and accounts in the console: list (jury), add, edit, import, reset password, credential slips (admin). */
export function registerVenueAccountRoutes({ app, auth }: RouteDeps, ctx: HostContext): void {
  app.get(`${BASE}/accounts`, { schema: { params: ContestParams } }, async (request) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'jury');
    return listAccounts(ctx, request.params.id);
  });

  app.post(`${BASE}/accounts`, { schema: { params: ContestParams, body: AccountCreate } }, async (request, reply) => {
    const admin = requireConsoleRole(auth.principal(request), request.params.id, 'admin');
    const created = await createAccount(ctx, request.params.id, admin.accountId, request.body);
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  app.post(`${BASE}/accounts/import`, { schema: { params: ContestParams, body: AccountsImport } }, async (request, reply) => {
    const admin = requireConsoleRole(auth.principal(request), request.params.id, 'admin');
    const result = await importAccounts(ctx, request.params.id, admin.accountId, request.body);
    return reply.header('cache-control', 'no-store').send(result);
  });

  app.patch(`${BASE}/accounts/:teamId`, { schema: { params: TeamParams, body: AccountPatch } }, async (request) => {
    const admin = requireConsoleRole(auth.principal(request), request.params.id, 'admin');
    return patchAccount(ctx, request.params.id, admin.accountId, request.params.teamId, request.body);
  });

  app.post(`${BASE}/accounts/:teamId/password`, { schema: { params: TeamParams } }, async (request, reply) => {
    const admin = requireConsoleRole(auth.principal(request), request.params.id, 'admin');
    const reset = await resetPassword(ctx, request.params.id, admin.accountId, request.params.teamId);
    return reply.header('cache-control', 'no-store').send(reset);
  });

  app.post(`${BASE}/credential-slips`, { schema: { params: ContestParams, body: CredentialSlipsRequest.optional() } }, async (request, reply) => {
    const contestId = request.params.id;
    const admin = requireConsoleRole(auth.principal(request), contestId, 'admin');
    const { contestName, slips } = await resetPasswordsForSlips(ctx, contestId, admin.accountId, request.body?.teamIds);
    const html = renderCredentialSlips({
      contestName, slips, hostAddresses: hostAddresses(ctx, request), tlsFingerprint: tlsFingerprint(ctx),
      generatedAtIso: new Date(ctx.clock()).toISOString(),
    });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
