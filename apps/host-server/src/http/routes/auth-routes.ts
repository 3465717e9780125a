import { formatTime, LoginRequest, LoginResponse } from '@arena/protocol';
import type { AuthService } from '../../app/auth/auth-service';
import { AppError } from '../../app/errors';
import type { RouteDeps } from './api-scope';

/** `POST /api/login` (username + password -> bearer token) and `POST /api/logout`. */
export function registerAuthRoutes({ app }: RouteDeps, service: AuthService): void {
  app.post('/api/login', { schema: { body: LoginRequest } }, async (request) => {
    const result = service.login({
      username: request.body.username, password: request.body.password, clientIp: request.ip,
      ...(request.body.contest_id === undefined ? {} : { contestId: request.body.contest_id }),
    });
    const { principal } = result;
    return LoginResponse.parse({
      token: result.token, expires_at: formatTime(result.expiresMs), contest_id: principal.contestId,
      account: { id: principal.accountId, username: principal.username, type: principal.type, team_id: principal.teamId },
    });
  });

  app.post('/api/logout', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AppError('bad_request', 'log out with the bearer token from /api/login in the Authorization header');
    service.logout(match[1] as string);
    return reply.status(204).send();
  });
}
