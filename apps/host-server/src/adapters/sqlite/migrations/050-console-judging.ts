/**
 * Judging operations of the proctor console: judge agents as the console knows them (paused is
 * kept across reconnects and host restarts, keyed by agent id), rejudgings and their items (the
 * old judgement, and the new one once judged; a rejudging's new judgements stay valid=0 and
 * unannounced until the jury applies it), and manual verdicts (override) by whom.
 */
export const sql = `
CREATE TABLE console_judge_agents (
  agent_id TEXT PRIMARY KEY,
  hostname TEXT NOT NULL DEFAULT '',
  sandbox TEXT NOT NULL DEFAULT '',
  paused INTEGER NOT NULL DEFAULT 0,
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
);

CREATE TABLE console_rejudgings (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  created_by TEXT NOT NULL,          -- username
  created_ms INTEGER NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,               -- active | applied | cancelled ('judging'/'ready' derive from items)
  finished_ms INTEGER,
  PRIMARY KEY (contest_id, id)
);

CREATE TABLE console_rejudging_items (
  contest_id TEXT NOT NULL, rejudging_id TEXT NOT NULL, submission_id TEXT NOT NULL,
  old_judgement_id TEXT NOT NULL,
  old_verdict TEXT,
  old_queue TEXT NOT NULL,           -- the queue row's lease/agent/times before (JSON), restored on cancel
  new_judgement_id TEXT,
  new_verdict TEXT,
  PRIMARY KEY (contest_id, rejudging_id, submission_id)
);
CREATE INDEX console_rejudging_items_submission ON console_rejudging_items (contest_id, submission_id);

CREATE TABLE console_overrides (
  contest_id TEXT NOT NULL, judgement_id TEXT NOT NULL,
  actor TEXT NOT NULL,               -- username
  reason TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  PRIMARY KEY (contest_id, judgement_id)
);
`;
