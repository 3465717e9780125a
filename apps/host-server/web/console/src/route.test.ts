import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route';

describe('console routes', () => {
  it.each([
    ['', { page: 'control', itemId: null }],
    ['#/', { page: 'control', itemId: null }],
    ['#/judges', { page: 'judges', itemId: null }],
    ['#/submissions/s12', { page: 'submissions', itemId: 's12' }],
    ['#/submissions/a%2Fb', { page: 'submissions', itemId: 'a/b' }],
    ['#/nonsense/7', { page: 'control', itemId: null }],
  ])('%s → %j', (hash, expected) => {
    expect(parseRoute(hash, 'control')).toEqual(expected);
  });

  it('builds hrefs that parse back to the same route', () => {
    expect(parseRoute(routeHref('submissions', 'a/b'), 'control')).toEqual({ page: 'submissions', itemId: 'a/b' });
    expect(parseRoute(routeHref('balloons'), 'control')).toEqual({ page: 'balloons', itemId: null });
  });
});
