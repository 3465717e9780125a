import { describe, expect, it } from 'vitest';
import { compareIds, fairOrder, pickNextJob, priorityOf, type QueueEntry } from './fair-order';

function entry(submissionId: string, teamId: string, enqueuedMs: number, extra: Partial<QueueEntry> = {}): QueueEntry {
  return { contestId: 'c', submissionId, teamId, state: 'queued', priority: 0, enqueuedMs, languageId: 'cpp', ...extra };
}

const ids = (entries: readonly QueueEntry[]) => entries.map((e) => e.submissionId);

describe('fairOrder', () => {
  it.each([
    { name: 'empty queue', entries: [], order: [] },
    { name: 'one team keeps arrival order', entries: [entry('1', 'A', 10), entry('2', 'A', 20), entry('3', 'A', 30)], order: ['1', '2', '3'] },
    {
      name: 'a flooding team waits behind other teams\' first jobs',
      entries: [entry('1', 'A', 10), entry('2', 'A', 11), entry('3', 'A', 12), entry('4', 'B', 13), entry('5', 'C', 14)],
      order: ['1', '4', '5', '2', '3'],
    },
    {
      name: 'round robin between two busy teams',
      entries: [entry('1', 'A', 10), entry('2', 'A', 11), entry('3', 'B', 12), entry('4', 'B', 13)],
      order: ['1', '3', '2', '4'],
    },
    {
      name: 'a team with a job being judged counts it as ahead',
      entries: [entry('1', 'A', 1, { state: 'leased' }), entry('2', 'A', 10), entry('3', 'B', 20)],
      order: ['3', '2'],
    },
    {
      name: 'test runs go after every submission',
      entries: [entry('1', 'A', 10, { priority: priorityOf('test-run') }), entry('2', 'B', 20), entry('3', 'B', 30)],
      order: ['2', '3', '1'],
    },
    {
      name: 'done and held rows are ignored',
      entries: [entry('1', 'A', 1, { state: 'done' }), entry('2', 'A', 2, { state: 'held' }), entry('3', 'A', 10), entry('4', 'B', 5)],
      order: ['4', '3'],
    },
    {
      name: 'same team id in two contests is two teams',
      entries: [entry('1', 'A', 10), entry('2', 'A', 11), entry('1', 'A', 12, { contestId: 'd' })],
      order: ['1', '1', '2'],
    },
    {
      name: 'same time: numeric id order',
      entries: [entry('10', 'A', 5), entry('9', 'B', 5)],
      order: ['9', '10'],
    },
  ])('$name', ({ entries, order }) => {
    expect(ids(fairOrder(entries))).toEqual(order);
  });

  it('reports how many of the team\'s jobs are ahead', () => {
    const ranked = fairOrder([entry('1', 'A', 1, { state: 'leased' }), entry('2', 'A', 10), entry('3', 'A', 11)]);
    expect(ranked.map((r) => r.teamAhead)).toEqual([1, 2]);
  });
});

describe('pickNextJob', () => {
  it.each([
    { name: 'nothing queued', entries: [], languages: [], next: null },
    { name: 'any language by default', entries: [entry('1', 'A', 1), entry('2', 'B', 2)], languages: [], next: '1' },
    { name: 'skips languages the agent lacks', entries: [entry('1', 'A', 1, { languageId: 'java' }), entry('2', 'B', 2)], languages: ['cpp'], next: '2' },
    { name: 'nothing suits', entries: [entry('1', 'A', 1, { languageId: 'java' })], languages: ['cpp'], next: null },
    { name: 'unknown language only for agents taking all', entries: [entry('1', 'A', 1, { languageId: null })], languages: ['cpp'], next: null },
  ])('$name', ({ entries, languages, next }) => {
    expect(pickNextJob(entries, languages)?.submissionId ?? null).toBe(next);
  });
});

describe('compareIds', () => {
  it.each([
    { a: '9', b: '10', sign: -1 },
    { a: '10', b: '9', sign: 1 },
    { a: '10', b: '10', sign: 0 },
    { a: '010', b: '9', sign: 1 },
    { a: 'abc', b: 'abd', sign: -1 },
    { a: 'b', b: '10', sign: 1 },
  ])('$a vs $b', ({ a, b, sign }) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
});
