/**
 * The hostile-program suite (hostile-suite.ts) against the REAL native sandbox (bubblewrap +
 * cgroups + prlimit): after every test no process of a box uid alive and no run cgroup left.
 * Needs root.
 */
import { expect } from 'vitest';
import { createNativeSandbox } from '../src/sandbox/native-sandbox.js';
import { boxUid, liveProcessesOf, removeParentCgroups, runGroupsLeft } from './hostile-helpers.js';
import { defineHostileSuite } from './hostile-suite.js';

const cgroupParent = `arena-hostile-${process.pid}`;

defineHostileSuite({
  name: 'native sandbox',
  tag: '7f3a',
  setUpTimeoutMs: 120_000,
  createSandbox: async (workDir) => createNativeSandbox({ workDir, cgroupParent }),
  // Checked while the boxes still hold their uids (a released uid may go to a concurrent test file).
  afterTest: async (boxes) => {
    const survivors = liveProcessesOf(new Set(boxes.map(boxUid)));
    await Promise.all(boxes.map((box) => box.destroy()));
    expect(survivors).toEqual([]);
    expect(runGroupsLeft(cgroupParent)).toEqual([]);
  },
  tearDown: async () => removeParentCgroups(cgroupParent),
  extraReadTargets: ['/etc/passwd'],
  extraRefusedWriteDirs: [],
  extraPythonAttempts: {},
  fdHolder: 'judge',
  checkFds: (fds) => {
    expect(fds.filter(({ fd }) => fd <= 2).map(({ fd }) => fd)).toEqual([0, 1, 2]);
    // Whatever the judge process had open without O_CLOEXEC is covered by /dev/null.
    expect(fds.filter(({ fd, target }) => fd > 2 && target !== '/dev/null')).toEqual([]);
  },
  killParent: {
    title: 'cannot signal the judge: killing its parent and kill(-1) hit only the sandbox',
    check: async (stdout) => {
      expect(stdout).toMatch(/ppid 1 /); // its parent is the sandbox's own init
    },
  },
  compilePlace: 'sandbox',
});
