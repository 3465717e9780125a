/**
 * Shared set-up of the venue tests: a real host (startLiveHost: SQLite file in a temp dir, HTTP on
 * 127.0.0.1:0, hand-moved clock, started contest with teams team1..3) plus a `staff` account, and
 * small helpers for the console routes.
 */
import { hashPassword } from '../../src/app/auth/password';
import type { ApiTestHost, JsonResponse } from '../helpers/api-host';
import { basic, call, startApiTestHost } from '../helpers/api-host';
import { HOUR, START_MS } from '../realtime-test-support';

export const STAFF_PASSWORD = 'staffpass';

/** Who is asking: every seeded account plus `staff`, by username. */
export function authFor(h: ApiTestHost, username: string): string {
  const password = username === 'staff' ? STAFF_PASSWORD : h.seed.passwords[username];
  if (password === undefined) throw new Error(`no password for ${username}`);
  return basic(username, password);
}

/** Adds a `staff` account to the seeded contest (as an import would store it). */
export function addStaffAccount(h: ApiTestHost): void {
  const contestId = h.seed.contestId;
  const data = { id: 'staff', username: 'staff', type: 'staff', team_id: null };
  h.ctx.store.write((tx) => {
    tx.db.prepare(`INSERT INTO accounts (contest_id, id, data, username, type, team_id, password_hash) VALUES (?, 'staff', ?, 'staff', 'staff', NULL, ?)`)
      .run(contestId, JSON.stringify(data), hashPassword(STAFF_PASSWORD));
    tx.emit({ contestId, type: 'accounts', id: 'staff', data, audience: 'jury' });
  });
}

/** `call` against the seeded contest's console: `console('GET', 'accounts')` → /api/arena/contests/<id>/console/accounts. */
export function consoleCall<T = unknown>(h: ApiTestHost, method: string, path: string, options: { auth?: string; body?: unknown } = {}): Promise<JsonResponse<T>> {
  return call<T>(h.url, method, `/api/arena/contests/${h.seed.contestId}/console/${path}`, options);
}

/** Number of rows in a table (to prove a refused request changed nothing). */
export function countRows(h: ApiTestHost, table: string): number {
  return (h.ctx.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The audit rows with `action`, oldest first. */
export function auditRows(h: ApiTestHost, action: string): Array<{ actor: string; details: Record<string, unknown> }> {
  return (h.ctx.store.db.prepare('SELECT actor, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ actor: string; details: string }>)
    .map((r) => ({ actor: r.actor, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** A judging spec the queue accepts (the seed stores none). */
const SPEC = {
  format: 'legacy-icpc', type: 'pass-fail', timeLimitMs: 1000, memoryLimitBytes: 256 << 20, outputLimitBytes: 8 << 20,
  compileTimeLimitMs: 60_000, validatorTimeLimitMs: 30_000, validatorMemoryLimitBytes: 1 << 30, validation: 'default',
  validatorFlags: [], validator: [], inputValidators: [], testGroups: [], warnings: [],
};

/**
 * A started contest (starts at START_MS, freezes at 4:00 of 5:00) with teams team1..3, judgeable
 * problems `hello` (A) and `sum` (B), a `staff` account and `config` on top of the test defaults.
 */
export async function startVenueHost(config: Record<string, unknown> = {}): Promise<ApiTestHost> {
  const h = await startApiTestHost({
    seed: { teams: 3, scheduledStartMs: START_MS, freezeDurationMs: HOUR },
    config: { submissions: { rateLimitBurst: 1000, rateLimitPerMinute: 1000 }, ...config },
  });
  const contestId = h.seed.contestId;
  h.ctx.store.write((tx) => {
    tx.db.prepare('UPDATE problems SET spec = ? WHERE contest_id = ?').run(JSON.stringify(SPEC), contestId);
    tx.db.prepare(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256)
      SELECT contest_id, 'sum', id, ordinal, name, is_sample, input_sha256, answer_sha256 FROM testcases WHERE contest_id = ? AND problem_id = 'hello'`).run(contestId);
  });
  addStaffAccount(h);
  return h;
}
