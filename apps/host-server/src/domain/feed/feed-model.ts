/**
 * A contest as read from a CLICS event feed: the typed, normalised objects a scoreboard needs.
 * Times are milliseconds (contest times relative to the start). Lists keep the order in which
 * each object FIRST appeared in the feed (so several judgements of one submission stay in
 * creation order: the last one is the latest).
 */
export interface FeedContest {
  id: string;
  name: string;
  /** ISO-8601 start, or null if not scheduled. */
  startTime: string | null;
  durationMs: number;
  /** null or 0 = no freeze. */
  freezeDurationMs: number | null;
  penaltyMinutes: number;
  scoreboardType: 'pass-fail' | 'score';
}

export interface FeedState {
  started: string | null;
  frozen: string | null;
  ended: string | null;
  thawed: string | null;
  finalized: string | null;
  end_of_updates: string | null;
}

export interface FeedJudgementType {
  id: string;
  name: string;
  penalty: boolean;
  solved: boolean;
}

export interface FeedProblem {
  id: string;
  label: string;
  name: string;
  /** Scoreboard column position; null when the feed does not give one. */
  ordinal: number | null;
  maxScore?: number;
}

export interface FeedGroup {
  id: string;
  name: string;
  hidden: boolean;
}

export interface FeedTeam {
  id: string;
  name: string;
  groupIds: string[];
  hidden: boolean;
}

export interface FeedSubmission {
  id: string;
  teamId: string;
  problemId: string;
  contestTimeMs: number;
}

export interface FeedJudgement {
  id: string;
  submissionId: string;
  judgementTypeId: string | null;
  valid: boolean;
  score?: number;
}

export interface ContestFeed {
  contest: FeedContest | null;
  state: FeedState | null;
  judgementTypes: FeedJudgementType[];
  problems: FeedProblem[];
  groups: FeedGroup[];
  teams: FeedTeam[];
  submissions: FeedSubmission[];
  judgements: FeedJudgement[];
  /** Events applied (blank keep-alive lines not counted). */
  eventCount: number;
  /** Event types seen but not used for scoring (languages, runs, clarifications, unknown ones). */
  ignoredTypes: string[];
}
