/**
 * Judge queue columns the initial schema lacks: the owning team (fair order without a join),
 * a test run's custom input, lease/finish times (judging latency) and the judgement a rejudge
 * replaces once it completes. `lease_id` is unique so a fencing token names one job at most.
 */
export const sql = `
ALTER TABLE judge_queue ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE judge_queue ADD COLUMN custom_input TEXT;
ALTER TABLE judge_queue ADD COLUMN leased_ms INTEGER;
ALTER TABLE judge_queue ADD COLUMN done_ms INTEGER;
ALTER TABLE judge_queue ADD COLUMN superseded_judgement_id TEXT;
CREATE UNIQUE INDEX judge_queue_lease ON judge_queue (lease_id);
CREATE INDEX judge_queue_team ON judge_queue (contest_id, team_id, state);
`;
