/**
 * Venue and people (proctor console): balloons (one per team and problem first accepted, with
 * who delivered it), print jobs (the text is kept so a failed job can be retried or printed from
 * the browser), lockdown/connection alerts (host time), each contest's exit code for the
 * desktop app, and when a team was last seen (login or contestant-app connection).
 */
export const sql = `
CREATE TABLE venue_balloons (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  problem_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,      -- the first accepted submission
  time_ms INTEGER NOT NULL,         -- its submission time
  contest_time_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  delivered_ms INTEGER,
  delivered_by TEXT
);
CREATE UNIQUE INDEX venue_balloons_team_problem ON venue_balloons (contest_id, team_id, problem_id);

CREATE TABLE venue_prints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  filename TEXT NOT NULL,
  language_id TEXT,
  text TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  state TEXT NOT NULL,              -- queued | printing | printed | failed
  error TEXT,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX venue_prints_contest ON venue_prints (contest_id, id);

CREATE TABLE venue_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  kind TEXT NOT NULL,               -- a LockdownKind, connected or disconnected
  detail TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  client_time_ms INTEGER
);
CREATE INDEX venue_alerts_contest ON venue_alerts (contest_id, team_id, id);

CREATE TABLE venue_exit_codes (
  contest_id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE venue_team_seen (
  contest_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  seen_ms INTEGER NOT NULL,
  PRIMARY KEY (contest_id, team_id)
);
`;
