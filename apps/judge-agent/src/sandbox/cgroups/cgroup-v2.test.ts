/**
 * The v2 driver's file handling against a fake cgroup tree in a temp dir (this machine runs
 * cgroup v1, so the real v2 kernel interface cannot be exercised here). A fake directory cannot
 * emulate rmdir of a live cgroup, so `destroy` is covered only by the v1 suite on real cgroups.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCgroupV2Driver } from './cgroup-v2.js';
import { detectCgroupDriver } from './detect-cgroups.js';

let root: string;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const write = (path: string, text: string) => writeFileSync(join(root, path), text);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fake-cgroup2-'));
  write('cgroup.controllers', 'cpuset cpu io memory hugetlb pids rdma misc\n');
  write('cgroup.subtree_control', 'cpu io\n');
  // The kernel creates these files on mkdir; the fake parent gets them up front.
  mkdirSync(join(root, 'arena-judge'));
  write('arena-judge/cgroup.subtree_control', '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cgroup v2 driver (fake tree)', () => {
  it('is detected from cgroup.controllers', () => {
    expect(detectCgroupDriver(root, 'arena-judge').version).toBe(2);
  });

  it('enables memory, pids and cpuset for the parent and its children', () => {
    createCgroupV2Driver(root, 'arena-judge').prepare();
    expect(read('cgroup.subtree_control')).toBe('+memory +pids +cpuset');
    expect(read('arena-judge/cgroup.subtree_control')).toBe('+memory +pids +cpuset');
  });

  it('refuses a hierarchy without the memory controller', () => {
    write('cgroup.controllers', 'cpu io pids\n');
    expect(() => createCgroupV2Driver(root, 'arena-judge').prepare()).toThrow(/memory controller/);
  });

  it('writes the run limits into a fresh group', () => {
    const driver = createCgroupV2Driver(root, 'arena-judge');
    driver.prepare();
    driver.createRunGroup('run-1-a', { memoryBytes: 64 << 20, tasks: 9, cpu: 1 });
    expect(read('arena-judge/run-1-a/memory.max')).toBe(String(64 << 20));
    expect(read('arena-judge/run-1-a/pids.max')).toBe('9');
    expect(read('arena-judge/run-1-a/cpuset.cpus')).toBe('1');
  });

  it('never reuses an existing group: a name clash is an error', () => {
    const driver = createCgroupV2Driver(root, 'arena-judge');
    driver.prepare();
    mkdirSync(join(root, 'arena-judge/run-1-b'));
    expect(() => driver.createRunGroup('run-1-b', { memoryBytes: 1 << 20, tasks: 2 })).toThrow(/EEXIST/);
  });

  it('reads CPU, OOM kills and pids, and samples the peak where memory.peak is missing', () => {
    const driver = createCgroupV2Driver(root, 'arena-judge');
    driver.prepare();
    const group = driver.createRunGroup('run-1-c', { memoryBytes: 1 << 20, tasks: 2 });
    write('arena-judge/run-1-c/cpu.stat', 'usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n');
    write('arena-judge/run-1-c/memory.current', '8192\n');
    write('arena-judge/run-1-c/memory.events', 'low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\noom_group_kill 0\n');
    write('arena-judge/run-1-c/cgroup.procs', '101\n102\n');
    expect(group.cpuUsageNs()).toBe(1_500_000);
    write('arena-judge/run-1-c/memory.current', '4096\n');
    expect(group.peakMemoryBytes()).toBe(8192);
    expect(group.oomKillCount()).toBe(1);
    expect(group.pids()).toEqual([101, 102]);
    write('arena-judge/run-1-c/memory.peak', '12288\n');
    expect(group.peakMemoryBytes()).toBe(12288);
  });

  it('joins by writing the pid and kills through cgroup.kill', () => {
    const driver = createCgroupV2Driver(root, 'arena-judge');
    driver.prepare();
    const group = driver.createRunGroup('run-1-d', { memoryBytes: 1 << 20, tasks: 2 });
    group.join(4242);
    expect(read('arena-judge/run-1-d/cgroup.procs')).toBe('4242');
    write('arena-judge/run-1-d/cgroup.procs', '');
    write('arena-judge/run-1-d/cgroup.kill', '0');
    group.killAll();
    expect(read('arena-judge/run-1-d/cgroup.kill')).toBe('1');
  });

  it('refuses CPU pinning without the cpuset controller', () => {
    write('cgroup.controllers', 'cpu io memory pids\n');
    const driver = createCgroupV2Driver(root, 'arena-judge');
    driver.prepare();
    expect(() => driver.createRunGroup('run-1-e', { memoryBytes: 1 << 20, tasks: 2, cpu: 0 })).toThrow(/cpuset/);
  });
});

describe('detectCgroupDriver', () => {
  it('picks v1 when the controllers have their own hierarchies', () => {
    const v1 = mkdtempSync(join(tmpdir(), 'fake-cgroup1-'));
    try {
      for (const controller of ['memory', 'pids', 'cpuacct']) {
        mkdirSync(join(v1, controller));
        writeFileSync(join(v1, controller, 'cgroup.procs'), '');
      }
      expect(detectCgroupDriver(v1, 'arena-judge').version).toBe(1);
    } finally {
      rmSync(v1, { recursive: true, force: true });
    }
  });

  it('says what is missing when neither layout is there', () => {
    expect(() => detectCgroupDriver(root.replace(/$/, '-missing'), 'arena-judge')).toThrow(/need cgroup v2.*or v1/);
  });
});
