import type { HashedFile } from '@arena/protocol';
import type { Db } from '../database';

export interface NewSubmissionRow {
  contestId: string;
  id: string;
  seq: number;
  teamId: string;
  problemId: string;
  languageId: string;
  timeMs: number;
  contestTimeMs: number;
  files: HashedFile[];
  zipSha256: string;
  entryPoint: string | null;
  data: Record<string, unknown>;
}

/** Submission rows. Statements are prepared once; call the writers inside `Store.write`. */
export class SubmissionRepo {
  private readonly nextSeqStmt;
  private readonly insertStmt;
  private readonly teamStmt;

  constructor(db: Db) {
    this.nextSeqStmt = db.prepare<[string], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM submissions WHERE contest_id = ?');
    this.insertStmt = db.prepare(`INSERT INTO submissions
      (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, entry_point, data)
      VALUES (@contestId, @id, @seq, @teamId, @problemId, @languageId, @timeMs, @contestTimeMs, @files, @zipSha256, @entryPoint, @data)`);
    this.teamStmt = db.prepare<[string, string], { enabled: number }>('SELECT enabled FROM teams WHERE contest_id = ? AND id = ?');
  }

  /** The next arrival number in the contest (1, 2, ...); only meaningful inside a write. */
  nextSeq(contestId: string): number {
    return (this.nextSeqStmt.get(contestId) as { next: number }).next;
  }

  insert(row: NewSubmissionRow): void {
    this.insertStmt.run({ ...row, files: JSON.stringify(row.files), data: JSON.stringify(row.data) });
  }

  /** Whether the team exists and is enabled: undefined when it does not exist. */
  teamEnabled(contestId: string, teamId: string): boolean | undefined {
    const row = this.teamStmt.get(contestId, teamId);
    return row === undefined ? undefined : row.enabled === 1;
  }
}
