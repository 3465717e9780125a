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

/** Where a submitted file's bytes are: inside a stored zip, at `path`. */
export interface SourceFileLocation {
  zipSha256: string;
  path: string;
}

/**
 * Submission rows and their sources (the zip as submitted, and an index of the files in it by
 * sha256). Statements are prepared once; call the writers inside `Store.write`, so the bytes
 * commit (and fsync) together with the submission row.
 */
export class SubmissionRepo {
  private readonly nextSeqStmt;
  private readonly insertStmt;
  private readonly teamStmt;
  private readonly insertZipStmt;
  private readonly insertFileStmt;
  private readonly zipStmt;
  private readonly fileStmt;

  constructor(db: Db) {
    this.nextSeqStmt = db.prepare<[string], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM submissions WHERE contest_id = ?');
    this.insertStmt = db.prepare(`INSERT INTO submissions
      (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, entry_point, data)
      VALUES (@contestId, @id, @seq, @teamId, @problemId, @languageId, @timeMs, @contestTimeMs, @files, @zipSha256, @entryPoint, @data)`);
    this.teamStmt = db.prepare<[string, string], { enabled: number }>('SELECT enabled FROM teams WHERE contest_id = ? AND id = ?');
    this.insertZipStmt = db.prepare<[string, Buffer]>('INSERT OR IGNORE INTO submission_zips (sha256, bytes) VALUES (?, ?)');
    this.insertFileStmt = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO submission_files (sha256, zip_sha256, path) VALUES (?, ?, ?)');
    this.zipStmt = db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM submission_zips WHERE sha256 = ?');
    this.fileStmt = db.prepare<[string], SourceFileLocation>('SELECT zip_sha256 AS zipSha256, path FROM submission_files WHERE sha256 = ?');
  }

  /** The next arrival number in the contest (1, 2, ...); only meaningful inside a write. */
  nextSeq(contestId: string): number {
    return (this.nextSeqStmt.get(contestId) as { next: number }).next;
  }

  insert(row: NewSubmissionRow): void {
    this.insertStmt.run({ ...row, files: JSON.stringify(row.files), data: JSON.stringify(row.data) });
  }

  /**
   * Stores a submitted zip (content-addressed: storing the same bytes again is a no-op) and
   * indexes each of its files by sha256 (the first zip seen holding a file stays its home).
   */
  insertSources(zipSha256: string, zip: Buffer, files: readonly HashedFile[]): void {
    this.insertZipStmt.run(zipSha256, zip);
    for (const f of files) this.insertFileStmt.run(f.sha256, zipSha256, f.path);
  }

  /** A stored submission zip by its sha256, or undefined. */
  zipBytes(sha256: string): Buffer | undefined {
    return this.zipStmt.get(sha256)?.bytes;
  }

  /** Where a submitted file with this sha256 is stored, or undefined. */
  fileLocation(sha256: string): SourceFileLocation | undefined {
    return this.fileStmt.get(sha256);
  }

  /** Whether the team exists and is enabled: undefined when it does not exist. */
  teamEnabled(contestId: string, teamId: string): boolean | undefined {
    const row = this.teamStmt.get(contestId, teamId);
    return row === undefined ? undefined : row.enabled === 1;
  }
}
