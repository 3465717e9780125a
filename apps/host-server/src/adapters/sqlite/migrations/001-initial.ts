/**
 * Initial schema. Every CLICS object keeps its served representation in `data` (JSON) plus the
 * columns needed to query it. Secrets (password hashes, testdata) never live in `data`.
 * Times are epoch milliseconds from the host clock.
 */
export const sql = `
CREATE TABLE contests (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,                -- CLICS contest object (start_time etc. derived from clock)
  clock TEXT NOT NULL,               -- ContestClock JSON (domain/clock)
  created_ms INTEGER NOT NULL
);

CREATE TABLE judgement_types (contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE languages       (contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE groups_         (contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE organizations   (contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE teams (
  contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (contest_id, id)
);
CREATE TABLE accounts (
  contest_id TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
  username TEXT NOT NULL,
  type TEXT NOT NULL,               -- team | judge | admin | analyst | staff
  team_id TEXT,
  password_hash TEXT NOT NULL,      -- scrypt$N$r$p$salt$hash
  enabled INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (contest_id, id)
);
CREATE UNIQUE INDEX accounts_username ON accounts (contest_id, username);

CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,    -- only the hash of a bearer token is stored
  contest_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE problems (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  data TEXT NOT NULL,               -- CLICS problem object
  spec TEXT NOT NULL,               -- judging spec JSON: limits, validation, flags, validator files, groups
  PRIMARY KEY (contest_id, id)
);
CREATE TABLE testcases (
  contest_id TEXT NOT NULL, problem_id TEXT NOT NULL, id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,               -- path under data/ without extension; name order = judging order
  is_sample INTEGER NOT NULL,
  input_sha256 TEXT NOT NULL,
  answer_sha256 TEXT NOT NULL,
  extra TEXT NOT NULL DEFAULT '[]', -- HashedFile[] JSON
  PRIMARY KEY (contest_id, problem_id, id)
);
CREATE TABLE statements (
  contest_id TEXT NOT NULL, problem_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  format TEXT NOT NULL,             -- md | tex | pdf
  html TEXT,                        -- sanitized HTML (null for pdf)
  source_sha256 TEXT NOT NULL,
  PRIMARY KEY (contest_id, problem_id, lang, format)
);
CREATE TABLE problem_files (        -- attachments and statement assets served to teams
  contest_id TEXT NOT NULL, problem_id TEXT NOT NULL,
  kind TEXT NOT NULL,               -- attachment | statement-asset | statement-pdf
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  PRIMARY KEY (contest_id, problem_id, kind, path)
);

CREATE TABLE submissions (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  seq INTEGER NOT NULL,             -- arrival order within the contest
  team_id TEXT NOT NULL, problem_id TEXT NOT NULL, language_id TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  contest_time_ms INTEGER NOT NULL,
  files TEXT NOT NULL,              -- HashedFile[] JSON (source files in the blob store)
  zip_sha256 TEXT NOT NULL,         -- the zip as submitted
  entry_point TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (contest_id, id)
);
CREATE INDEX submissions_team ON submissions (contest_id, team_id);

CREATE TABLE judgements (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  judgement_type_id TEXT,
  valid INTEGER NOT NULL DEFAULT 1,  -- 0 once superseded by a rejudge
  start_ms INTEGER NOT NULL,
  end_ms INTEGER,
  agent_id TEXT,
  compile_output TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  PRIMARY KEY (contest_id, id)
);
CREATE INDEX judgements_submission ON judgements (contest_id, submission_id);

CREATE TABLE runs (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  judgement_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  testcase_id TEXT NOT NULL,
  judgement_type_id TEXT NOT NULL,
  cpu_time_ms REAL NOT NULL, wall_time_ms REAL NOT NULL, memory_bytes INTEGER NOT NULL,
  judge_message TEXT NOT NULL DEFAULT '', team_message TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  PRIMARY KEY (contest_id, id)
);
CREATE UNIQUE INDEX runs_judgement_testcase ON runs (contest_id, judgement_id, testcase_id);

CREATE TABLE clarifications (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  from_team_id TEXT, to_team_id TEXT, reply_to_id TEXT, problem_id TEXT,
  time_ms INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (contest_id, id)
);

CREATE TABLE judge_queue (
  contest_id TEXT NOT NULL, submission_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'submission',    -- submission | test-run
  state TEXT NOT NULL,              -- queued | leased | done | held (too many judging errors)
  priority INTEGER NOT NULL DEFAULT 0,        -- lower goes first (test runs get 1)
  enqueued_ms INTEGER NOT NULL,
  lease_id TEXT,
  agent_id TEXT,
  lease_expires_ms INTEGER,
  judgement_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,        -- judging errors so far
  last_error TEXT,
  PRIMARY KEY (contest_id, submission_id)
);
CREATE INDEX judge_queue_state ON judge_queue (state, priority, enqueued_ms);

-- Append-only event log: the CLICS feed and every projection read it.
-- audience: public (anyone), team (the team in team_id, and the jury), jury (jury only).
CREATE TABLE events (
  token INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id TEXT NOT NULL,
  type TEXT NOT NULL,
  object_id TEXT,
  data TEXT,                        -- JSON object, or NULL for a delete
  audience TEXT NOT NULL,
  team_id TEXT,
  time_ms INTEGER NOT NULL
);
CREATE INDEX events_contest ON events (contest_id, token);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id TEXT,
  time_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,              -- account id, or 'system' / 'cli'
  action TEXT NOT NULL,
  details TEXT NOT NULL             -- JSON
);
`;
