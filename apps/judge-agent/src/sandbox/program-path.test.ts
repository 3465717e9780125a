import { describe, expect, it } from 'vitest';
import { findProgram, hostPathOf } from './program-path.js';

const view = { boxDir: '/work/boxes/b1/box', cwd: '/box', readOnlyMounts: [{ hostPath: '/cache/checker', sandboxPath: '/box/checker' }] };

describe('hostPathOf', () => {
  it.each([
    ['/box/a.out', '/work/boxes/b1/box/a.out'],
    ['/box', '/work/boxes/b1/box'],
    ['/box/checker/run', '/cache/checker/run'],
    ['/bin/sh', '/usr/bin/sh'],
    ['/usr/bin/python3', '/usr/bin/python3'],
    ['/tmp/x', null],
    ['/boxes/x', null],
  ])('%s -> %s', (inside, outside) => {
    expect(hostPathOf(inside, view)).toBe(outside);
  });
});

describe('findProgram', () => {
  it('finds programs on the sandbox PATH', () => {
    expect(findProgram('sh', view)).toBeNull();
    expect(findProgram('/usr/bin/env', view)).toBeNull();
  });
  it('names a program that is not installed', () => {
    expect(findProgram('no-such-compiler-xyz', view)).toMatch(/not installed in the sandbox/);
    expect(findProgram('./a.out', view)).toMatch(/\/box\/a.out\) is missing/);
  });
  it('cannot check paths the host does not see, and leaves them to the run', () => {
    expect(findProgram('/tmp/a.out', view)).toBeNull();
  });
});
