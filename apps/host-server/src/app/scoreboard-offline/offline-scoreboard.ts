import type { Award, ContestState, ScoreboardRow } from '@arena/protocol';
import type { ContestFeed } from '../../domain/feed/feed-model';
import { computeAwards } from '../../domain/scoring/awards';
import { computeScoreboard, type ComputedScoreboard } from '../../domain/scoring/scoreboard';
import type { ScoreboardView } from '../../domain/scoring/scoring-input';
import { UnknownJudgementTypeError } from '../../domain/scoring/submission-outcome';
import { AppError } from '../errors';
import { feedToScoringInput } from './feed-to-scoring-input';

/** CLICS scoreboard JSON as the offline tool prints it (`time`/`contest_time` omitted: no live clock). */
export interface OfflineScoreboardJson {
  state?: ContestState;
  rows: ScoreboardRow[];
}

export interface OfflineScoreboard {
  json: OfflineScoreboardJson;
  board: ComputedScoreboard;
  awards: Award[];
  /** Whether the public view hid anything (a freeze was in effect). */
  frozen: boolean;
}

export interface OfflineScoreboardOptions {
  view: ScoreboardView;
  /** Restrict the board to this group's teams (ranked among themselves). */
  groupId?: string;
}

/**
 * Computes the scoreboard (and awards) of a contest read from an event feed.
 * Throws AppError `bad_request` for an unknown group, a feed without a contest, or a judgement
 * type the feed uses that is neither defined in it nor a common CLICS one.
 */
export function computeOfflineScoreboard(feed: ContestFeed, options: OfflineScoreboardOptions): OfflineScoreboard {
  const input = feedToScoringInput(feed);
  if (options.groupId !== undefined && !feed.groups.some((g) => g.id === options.groupId) && !feed.teams.some((t) => t.groupIds.includes(options.groupId!))) {
    throw new AppError('bad_request', `There is no group "${options.groupId}" in this event feed.`);
  }
  let board: ComputedScoreboard;
  try {
    board = computeScoreboard(input, { view: options.view, ...(options.groupId !== undefined ? { groupId: options.groupId } : {}) });
  } catch (err) {
    if (err instanceof UnknownJudgementTypeError) {
      throw new AppError('bad_request', `The event feed uses judgement type "${err.judgementTypeId}" (submission ${err.submissionId}) without defining it.`);
    }
    throw err;
  }
  const teamsOnBoard = new Set(board.ranked.map((r) => r.score.teamId));
  const groups = feed.groups.filter((g) => !g.hidden && (options.groupId === undefined || g.id !== options.groupId))
    .filter((g) => feed.teams.some((t) => teamsOnBoard.has(t.id) && t.groupIds.includes(g.id)));
  const awards = computeAwards(board, input.teams, input.problems, groups);
  const json: OfflineScoreboardJson = { ...(feed.state ? { state: feed.state } : {}), rows: board.rows };
  return { json, board, awards, frozen: options.view === 'public' && input.rules.freezeTimeMs !== null };
}
