/**
 * Test runs ("run on samples / custom input"): judged at low priority, never submissions. A test
 * run shares the judge queue with submissions (`judge_queue.kind = 'test-run'`, its id in
 * `submission_id`; ids start with `tr` so they never collide with a submission id). Sources are
 * stored like submitted ones (a zip in `submission_zips`, files indexed in `submission_files`).
 * `input` NULL = the problem's samples. `state` is `pending` until a verdict (`done`) or a judge
 * failure (`failed`); whether a pending run is waiting or being judged is its queue row's state.
 * `cases` is the per-case results as the judge reported them (JSON array), output included.
 */
export const sql = `
CREATE TABLE test_runs (
  contest_id TEXT NOT NULL, id TEXT NOT NULL,
  team_id TEXT NOT NULL, problem_id TEXT NOT NULL, language_id TEXT NOT NULL,
  files TEXT NOT NULL,              -- HashedFile[] JSON (sources, read like submitted ones)
  zip_sha256 TEXT NOT NULL,
  entry_point TEXT,
  input TEXT,                       -- custom input, or NULL for the samples
  state TEXT NOT NULL,              -- pending | done | failed
  verdict TEXT,
  compile_output TEXT NOT NULL DEFAULT '',
  cases TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  created_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  PRIMARY KEY (contest_id, id)
);
CREATE INDEX test_runs_team ON test_runs (contest_id, team_id, created_ms);
`;
