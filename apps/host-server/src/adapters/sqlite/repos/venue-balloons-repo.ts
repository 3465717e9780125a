import type { Db } from '../database';

/** A team's first accepted submission on a problem (valid, finished judgement of a solving type). */
export interface FirstAccepted {
  teamId: string;
  problemId: string;
  submissionId: string;
  timeMs: number;
  contestTimeMs: number;
}

export interface StoredBalloon extends FirstAccepted {
  id: number;
  deliveredMs: number | null;
  deliveredBy: string | null;
  /** Stored CLICS team and problem JSON (null if the object is gone). */
  teamData: string | null;
  problemData: string | null;
}

/** First accepted submission per (team, problem) of a contest, in submission order. */
export function readFirstAccepted(db: Db, contestId: string): FirstAccepted[] {
  const rows = db.prepare(`SELECT s.team_id AS teamId, s.problem_id AS problemId, s.id AS submissionId, s.time_ms AS timeMs,
      s.contest_time_ms AS contestTimeMs
    FROM submissions s
    JOIN judgements j ON j.contest_id = s.contest_id AND j.submission_id = s.id AND j.valid = 1 AND j.end_ms IS NOT NULL
    JOIN judgement_types jt ON jt.contest_id = s.contest_id AND jt.id = j.judgement_type_id
    WHERE s.contest_id = ? AND json_extract(jt.data, '$.solved') = 1
    ORDER BY s.seq`).all(contestId) as FirstAccepted[];
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.teamId}\0${r.problemId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The first accepted submission of one team on one problem, or null. CROSS JOIN and `+s.seq` keep
 * SQLite on the team's index (left alone it scans every judgement or submission of the contest).
 */
export function readFirstAcceptedOf(db: Db, contestId: string, teamId: string, problemId: string): FirstAccepted | null {
  return (db.prepare(`SELECT s.team_id AS teamId, s.problem_id AS problemId, s.id AS submissionId, s.time_ms AS timeMs,
      s.contest_time_ms AS contestTimeMs
    FROM submissions s
    CROSS JOIN judgements j ON j.contest_id = s.contest_id AND j.submission_id = s.id AND j.valid = 1 AND j.end_ms IS NOT NULL
    CROSS JOIN judgement_types jt ON jt.contest_id = s.contest_id AND jt.id = j.judgement_type_id
    WHERE s.contest_id = ? AND s.team_id = ? AND s.problem_id = ? AND json_extract(jt.data, '$.solved') = 1
    ORDER BY +s.seq LIMIT 1`).get(contestId, teamId, problemId) as FirstAccepted | undefined) ?? null;
}

/** The team and problem of a judgement's submission, or null when unknown. */
export function judgementPair(db: Db, contestId: string, judgementId: string): { teamId: string; problemId: string } | null {
  return (db.prepare(`SELECT s.team_id AS teamId, s.problem_id AS problemId FROM judgements j
    JOIN submissions s ON s.contest_id = j.contest_id AND s.id = j.submission_id
    WHERE j.contest_id = ? AND j.id = ?`).get(contestId, judgementId) as { teamId: string; problemId: string } | undefined) ?? null;
}

/** The stored balloon of one team and problem (without team/problem data), or null. */
export function getBalloonOf(db: Db, contestId: string, teamId: string, problemId: string): Pick<StoredBalloon, 'id' | 'submissionId' | 'deliveredMs'> | null {
  return (db.prepare(`SELECT id, submission_id AS submissionId, delivered_ms AS deliveredMs FROM venue_balloons
    WHERE contest_id = ? AND team_id = ? AND problem_id = ?`).get(contestId, teamId, problemId) as Pick<StoredBalloon, 'id' | 'submissionId' | 'deliveredMs'> | undefined) ?? null;
}

const BALLOON_SELECT = `SELECT b.id, b.team_id AS teamId, b.problem_id AS problemId, b.submission_id AS submissionId, b.time_ms AS timeMs,
    b.contest_time_ms AS contestTimeMs, b.delivered_ms AS deliveredMs, b.delivered_by AS deliveredBy, t.data AS teamData, p.data AS problemData
  FROM venue_balloons b
  LEFT JOIN teams t ON t.contest_id = b.contest_id AND t.id = b.team_id
  LEFT JOIN problems p ON p.contest_id = b.contest_id AND p.id = b.problem_id`;

/** Every stored balloon of a contest in submission-time order. */
export function listStoredBalloons(db: Db, contestId: string): StoredBalloon[] {
  return db.prepare(`${BALLOON_SELECT} WHERE b.contest_id = ? ORDER BY b.time_ms, b.id`).all(contestId) as StoredBalloon[];
}

export function getStoredBalloon(db: Db, contestId: string, id: number): StoredBalloon | null {
  return (db.prepare(`${BALLOON_SELECT} WHERE b.contest_id = ? AND b.id = ?`).get(contestId, id) as StoredBalloon | undefined) ?? null;
}

export function insertBalloon(db: Db, contestId: string, row: FirstAccepted, createdMs: number): void {
  db.prepare(`INSERT INTO venue_balloons (contest_id, team_id, problem_id, submission_id, time_ms, contest_time_ms, created_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?)`).run(contestId, row.teamId, row.problemId, row.submissionId, row.timeMs, row.contestTimeMs, createdMs);
}

/** Points a balloon at another first-accepted submission (after a rejudge). */
export function updateBalloonSubmission(db: Db, id: number, row: FirstAccepted): void {
  db.prepare('UPDATE venue_balloons SET submission_id = ?, time_ms = ?, contest_time_ms = ? WHERE id = ?')
    .run(row.submissionId, row.timeMs, row.contestTimeMs, id);
}

export function deleteBalloon(db: Db, id: number): void {
  db.prepare('DELETE FROM venue_balloons WHERE id = ?').run(id);
}

export function markBalloonDelivered(db: Db, id: number, deliveredMs: number, deliveredBy: string): void {
  db.prepare('UPDATE venue_balloons SET delivered_ms = ?, delivered_by = ? WHERE id = ?').run(deliveredMs, deliveredBy, id);
}

/** Ids of every contest (balloons are synced per contest at start). */
export function listContestIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM contests ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
}
