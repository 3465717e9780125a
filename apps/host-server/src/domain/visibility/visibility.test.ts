import type { EventType } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS, canManageContest, canSee, clarificationAudience, collectionAccess, viewerFor,
  type Audience, type Viewer,
} from './visibility';

const teamA: Viewer = { role: 'team', teamId: 'A' };
const teamB: Viewer = { role: 'team', teamId: 'B' };
const judge: Viewer = { role: 'jury', accountType: 'judge' };
const admin: Viewer = { role: 'jury', accountType: 'admin' };
const analyst: Viewer = { role: 'jury', accountType: 'analyst' };
const viewers = { anonymous: ANONYMOUS, teamA, teamB, judge, admin, analyst } as const;
type Who = keyof typeof viewers;

const started = { contestStarted: true };
const notStarted = { contestStarted: false };

function item(type: EventType, audience: Audience, teamId: string | null = null) {
  return { type, audience, teamId };
}

describe('canSee', () => {
  // Each row: an item, the facts, and exactly who may see it.
  it.each<[string, ReturnType<typeof item>, typeof started, Who[]]>([
    ['public contest object', item('contest', 'public'), notStarted, ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['public team list', item('teams', 'public'), notStarted, ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['problems before the start', item('problems', 'public'), notStarted, ['judge', 'admin', 'analyst']],
    ['problems after the start', item('problems', 'public'), started, ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ["team A's submission", item('submissions', 'team', 'A'), started, ['teamA', 'judge', 'admin', 'analyst']],
    ['a submission wrongly marked public', item('submissions', 'public', 'A'), started, ['teamA', 'judge', 'admin', 'analyst']],
    ['a submission without an owner', item('submissions', 'public', null), started, ['judge', 'admin', 'analyst']],
    ["team A's judgement", item('judgements', 'team', 'A'), started, ['teamA', 'judge', 'admin', 'analyst']],
    ["a run of team A's submission", item('runs', 'team', 'A'), started, ['judge', 'admin', 'analyst']],
    ['a public run', item('runs', 'public'), started, ['judge', 'admin', 'analyst']],
    ['an account', item('accounts', 'jury'), started, ['admin']],
    ['a public account event', item('accounts', 'public'), started, ['admin']],
    ['a broadcast clarification', item('clarifications', 'public'), started, ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ["team A's clarification", item('clarifications', 'team', 'A'), started, ['teamA', 'judge', 'admin', 'analyst']],
    ['a jury-only clarification', item('clarifications', 'jury'), started, ['judge', 'admin', 'analyst']],
    ['a jury-only state event', item('state', 'jury'), started, ['judge', 'admin', 'analyst']],
    ['a team-only award', item('awards', 'team', 'B'), started, ['teamB', 'judge', 'admin', 'analyst']],
  ])('%s', (_name, it_, facts, allowed) => {
    for (const [who, viewer] of Object.entries(viewers) as Array<[Who, Viewer]>) {
      expect({ who, visible: canSee(viewer, it_, facts) }).toEqual({ who, visible: allowed.includes(who) });
    }
  });
});

describe('collectionAccess', () => {
  it.each<[EventType, Who[]]>([
    ['runs', ['judge', 'admin', 'analyst']],
    ['accounts', ['admin']],
    ['submissions', ['teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['judgements', ['teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['clarifications', ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['problems', ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
    ['teams', ['anonymous', 'teamA', 'teamB', 'judge', 'admin', 'analyst']],
  ])('%s', (type, allowed) => {
    for (const [who, viewer] of Object.entries(viewers) as Array<[Who, Viewer]>) {
      const access = collectionAccess(viewer, type);
      expect({ who, ok: access.ok }).toEqual({ who, ok: allowed.includes(who) });
      if (!access.ok) expect(access.message).toMatch(new RegExp(type));
    }
  });
});

describe('viewers and roles', () => {
  it.each([
    [null, ANONYMOUS],
    [{ type: 'team' as const, teamId: 'A' }, teamA],
    [{ type: 'team' as const, teamId: null }, ANONYMOUS],
    [{ type: 'judge' as const, teamId: null }, judge],
    [{ type: 'staff' as const, teamId: null }, { role: 'jury', accountType: 'staff' }],
  ])('viewerFor(%j)', (account, expected) => {
    expect(viewerFor(account)).toEqual(expected);
  });

  it('only judges and admins manage the contest', () => {
    expect([ANONYMOUS, teamA, judge, admin, analyst].map(canManageContest)).toEqual([false, false, true, true, false]);
  });

  it.each([
    [{ fromTeamId: null, toTeamId: null }, { audience: 'public', teamId: null }],
    [{ fromTeamId: 'A', toTeamId: null }, { audience: 'team', teamId: 'A' }],
    [{ fromTeamId: null, toTeamId: 'B' }, { audience: 'team', teamId: 'B' }],
  ])('clarification %j is for %j', (clar, expected) => {
    expect(clarificationAudience(clar)).toEqual(expected);
  });
});
