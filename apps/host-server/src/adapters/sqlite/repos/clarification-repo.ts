import type { Db } from '../database';

export interface ClarificationRow {
  contestId: string;
  id: string;
  fromTeamId: string | null;
  toTeamId: string | null;
  replyToId: string | null;
  problemId: string | null;
  timeMs: number;
  data: Record<string, unknown>;
}

/** Clarification rows. Writers run inside `Store.write`. */
export class ClarificationRepo {
  private readonly nextIdStmt;
  private readonly insertStmt;
  private readonly getStmt;

  constructor(db: Db) {
    // Ids are 1, 2, 3, ... per contest (imported ones may be anything; numeric ones are skipped past).
    this.nextIdStmt = db.prepare<[string], { next: number }>(
      "SELECT COALESCE(MAX(CAST(id AS INTEGER)), 0) + 1 AS next FROM clarifications WHERE contest_id = ? AND id GLOB '[0-9]*'");
    this.insertStmt = db.prepare(`INSERT INTO clarifications (contest_id, id, from_team_id, to_team_id, reply_to_id, problem_id, time_ms, data)
      VALUES (@contestId, @id, @fromTeamId, @toTeamId, @replyToId, @problemId, @timeMs, @data)`);
    this.getStmt = db.prepare<[string, string], Omit<ClarificationRow, 'data'> & { data: string }>(`SELECT contest_id AS contestId, id,
      from_team_id AS fromTeamId, to_team_id AS toTeamId, reply_to_id AS replyToId, problem_id AS problemId, time_ms AS timeMs, data
      FROM clarifications WHERE contest_id = ? AND id = ?`);
  }

  nextId(contestId: string): string {
    return String((this.nextIdStmt.get(contestId) as { next: number }).next);
  }

  insert(row: ClarificationRow): void {
    this.insertStmt.run({ ...row, data: JSON.stringify(row.data) });
  }

  get(contestId: string, id: string): ClarificationRow | undefined {
    const row = this.getStmt.get(contestId, id);
    return row && { ...row, data: JSON.parse(row.data) as Record<string, unknown> };
  }
}
