import { JudgeHello, PROTOCOL_VERSION } from '@arena/protocol';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import type { HostConfig } from '../host-config';

function sameSecret(presented: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function expectedKey(config: HostConfig): string {
  if (!config.judgeKey) throw new AppError('unavailable', 'this host has no judge key configured, so no judge can connect');
  return config.judgeKey;
}

/**
 * Checks a presented judge key: `unauthorized` when none was given, `forbidden` when it is wrong,
 * `unavailable` when the host has no key at all.
 */
export function checkJudgeKey(config: HostConfig, presented: string | null | undefined): void {
  const expected = expectedKey(config);
  if (!presented) throw new AppError('unauthorized', 'a judge key is required (Authorization: Bearer <key> or X-Judge-Key)');
  if (!sameSecret(presented, expected)) throw new AppError('forbidden', 'wrong judge key');
}

/**
 * Parses and checks a judge agent's handshake (`auth` of the `/judge` namespace): the hello
 * itself, the judge key, then the protocol version. Throws an AppError whose message the agent
 * shows its operator as is.
 */
export function authenticateJudge(config: HostConfig, raw: unknown): JudgeHello {
  const parsed = JudgeHello.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(hello)'}: ${i.message}`).join('; ');
    throw new AppError('bad_request', `invalid judge hello: ${problems}`);
  }
  const hello = parsed.data;
  const expected = expectedKey(config);
  if (!sameSecret(hello.key, expected)) {
    throw new AppError('forbidden', 'wrong judge key: use the key in the host\'s data directory (file judge-key) or its config');
  }
  if (hello.protocolVersion !== PROTOCOL_VERSION) {
    throw new AppError('bad_request', `judge protocol version ${hello.protocolVersion} does not match the host's version ${PROTOCOL_VERSION}: ` +
      'run the same Arena release on the host and the judges');
  }
  return hello;
}
