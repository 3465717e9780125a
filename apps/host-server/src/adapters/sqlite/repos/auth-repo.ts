import type { AccountType } from '@arena/protocol';
import type { Db } from '../database';

/** An account as authentication needs it (with the secret hash, which is never served). */
export interface AuthAccountRow {
  contestId: string;
  id: string;
  username: string;
  type: AccountType;
  teamId: string | null;
  passwordHash: string;
  /** Account enabled, and its team (if any) enabled too. */
  enabled: boolean;
}

export interface SessionRow {
  contestId: string;
  accountId: string;
  expiresMs: number;
  revoked: boolean;
}

const ACCOUNT_COLUMNS = `a.contest_id AS contestId, a.id, a.username, a.type, a.team_id AS teamId, a.password_hash AS passwordHash,
  (a.enabled = 1 AND (a.team_id IS NULL OR COALESCE(t.enabled, 1) = 1)) AS enabled`;
const ACCOUNT_FROM = 'FROM accounts a LEFT JOIN teams t ON t.contest_id = a.contest_id AND t.id = a.team_id';

type RawAccount = Omit<AuthAccountRow, 'enabled'> & { enabled: number };

function toAccount(row: RawAccount | undefined): AuthAccountRow | undefined {
  return row === undefined ? undefined : { ...row, enabled: row.enabled === 1 };
}

/**
 * Account and session rows for authentication. Statements are prepared once per repo; every
 * method is a single statement, so it is atomic on its own and may also run inside a write.
 */
export class AuthRepo {
  private readonly byUsername;
  private readonly byUsernameInContest;
  private readonly byId;
  private readonly insertSessionStmt;
  private readonly sessionStmt;
  private readonly revokeStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    // Newest contest first: a username in several contests logs into the latest by default.
    this.byUsername = db.prepare<[string], RawAccount>(
      `SELECT ${ACCOUNT_COLUMNS} ${ACCOUNT_FROM} JOIN contests c ON c.id = a.contest_id WHERE a.username = ? ORDER BY c.created_ms DESC, c.id`);
    this.byUsernameInContest = db.prepare<[string, string], RawAccount>(`SELECT ${ACCOUNT_COLUMNS} ${ACCOUNT_FROM} WHERE a.contest_id = ? AND a.username = ?`);
    this.byId = db.prepare<[string, string], RawAccount>(`SELECT ${ACCOUNT_COLUMNS} ${ACCOUNT_FROM} WHERE a.contest_id = ? AND a.id = ?`);
    this.insertSessionStmt = db.prepare<[string, string, string, number, number]>(
      'INSERT INTO sessions (token_sha256, contest_id, account_id, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)');
    this.sessionStmt = db.prepare<[string], { contestId: string; accountId: string; expiresMs: number; revoked: number }>(
      'SELECT contest_id AS contestId, account_id AS accountId, expires_ms AS expiresMs, revoked FROM sessions WHERE token_sha256 = ?');
    this.revokeStmt = db.prepare<[string]>('UPDATE sessions SET revoked = 1 WHERE token_sha256 = ?');
    this.purgeStmt = db.prepare<[number]>('DELETE FROM sessions WHERE expires_ms < ?');
  }

  /** Accounts with this username, in any contest (or only in `contestId`). */
  findByUsername(username: string, contestId?: string): AuthAccountRow[] {
    if (contestId !== undefined) {
      const row = toAccount(this.byUsernameInContest.get(contestId, username));
      return row ? [row] : [];
    }
    return this.byUsername.all(username).map((r) => toAccount(r) as AuthAccountRow);
  }

  findById(contestId: string, accountId: string): AuthAccountRow | undefined {
    return toAccount(this.byId.get(contestId, accountId));
  }

  insertSession(tokenSha256: string, contestId: string, accountId: string, createdMs: number, expiresMs: number): void {
    this.insertSessionStmt.run(tokenSha256, contestId, accountId, createdMs, expiresMs);
  }

  findSession(tokenSha256: string): SessionRow | undefined {
    const row = this.sessionStmt.get(tokenSha256);
    return row === undefined ? undefined : { ...row, revoked: row.revoked === 1 };
  }

  /** Returns whether a session with that hash existed. */
  revokeSession(tokenSha256: string): boolean {
    return this.revokeStmt.run(tokenSha256).changes > 0;
  }

  /** Deletes sessions that expired before `nowMs`. */
  purgeExpired(nowMs: number): number {
    return this.purgeStmt.run(nowMs).changes;
  }
}
