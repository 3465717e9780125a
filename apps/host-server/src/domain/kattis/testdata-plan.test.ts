import { describe, expect, it } from 'vitest';
import { PackageError } from './package-error';
import type { TestGroupConfig } from './test-group-config';
import { planTestdata } from './testdata-plan';

const OPTS = { scoring: false, interactive: false, prefix: 'problems/p/data/' };
const group = (c: Partial<TestGroupConfig>): TestGroupConfig => ({ maxScore: undefined, aggregation: undefined, requirePass: [], acceptScore: undefined, validatorFlags: undefined, ...c });

describe('planTestdata', () => {
  it('orders test cases by name, samples first, and picks up extra files', () => {
    const plan = planTestdata([
      'secret/b.in', 'secret/b.ans', 'secret/a.in', 'secret/a.ans', 'secret/a.args', 'secret/a.files/x.txt',
      'sample/1.in', 'sample/1.ans', 'sample/1.interaction', 'secret/10.in', 'secret/10.ans', 'secret/2.in', 'secret/2.ans',
    ], new Map(), OPTS);
    expect(plan.testcases.map((t) => t.name)).toEqual(['sample/1', 'secret/10', 'secret/2', 'secret/a', 'secret/b']);
    expect(plan.testcases[0]).toMatchObject({ isSample: true, extras: [{ path: '1.interaction', file: 'sample/1.interaction' }] });
    expect(plan.testcases[3]?.extras).toEqual([{ path: 'a.args', file: 'secret/a.args' }, { path: 'a.files/x.txt', file: 'secret/a.files/x.txt' }]);
    expect(plan.groups).toEqual([]);
  });

  it('builds scoring groups with max scores summed up from children', () => {
    const configs = new Map([['secret/g1', group({ maxScore: 30 })], ['secret/g2', group({ maxScore: 70, aggregation: 'min', requirePass: ['secret/g1'] })]]);
    const plan = planTestdata(['secret/g1/1.in', 'secret/g1/1.ans', 'secret/g2/1.in', 'secret/g2/1.ans'], configs, { ...OPTS, scoring: true });
    expect(plan.groups).toEqual([
      { path: 'secret', maxScore: 100, aggregation: 'sum', requirePass: [] },
      { path: 'secret/g1', maxScore: 30, aggregation: 'sum', requirePass: [] },
      { path: 'secret/g2', maxScore: 70, aggregation: 'min', requirePass: ['secret/g1'] },
    ]);
    const unusual = planTestdata(['secret/g1/1.in', 'secret/g1/1.ans'], new Map([['secret/g1', group({ maxScore: 40 })]]), { ...OPTS, scoring: true });
    expect(unusual.groups[0]).toMatchObject({ path: 'secret', maxScore: 40 });
  });

  it('allows interactive cases without .ans', () => {
    const plan = planTestdata(['secret/1.in'], new Map(), { ...OPTS, interactive: true });
    expect(plan.testcases[0]?.answerPath).toBeNull();
  });

  it.each([
    [['sample/1.in', 'sample/1.ans'], 'problems/p/data/secret: is missing'],
    [[], 'problems/p/data/secret: is missing'],
    [['secret/1.in'], 'problems/p/data/secret/1.in: has no matching .ans file'],
    [['secret/1.ans', 'secret/2.in', 'secret/2.ans'], 'problems/p/data/secret/1.ans: has no matching .in file'],
  ])('rejects %j', (files, message) => {
    expect(() => planTestdata(files, new Map(), OPTS)).toThrow(PackageError);
    expect(() => planTestdata(files, new Map(), OPTS)).toThrow(message);
  });

  it('warns about test data outside sample/ and secret/', () => {
    const plan = planTestdata(['secret/1.in', 'secret/1.ans', 'extra/9.in', 'extra/9.ans'], new Map(), OPTS);
    expect(plan.warnings).toEqual(['problems/p/data/extra/ is neither sample/ nor secret/: its files were ignored']);
    expect(plan.testcases).toHaveLength(1);
  });
});
