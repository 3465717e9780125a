import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaseUid } from './uid-pool.js';

let leaseDir: string;
beforeEach(() => {
  leaseDir = mkdtempSync(join(tmpdir(), 'uid-leases-'));
});
afterEach(() => rmSync(leaseDir, { recursive: true, force: true }));

/** A pid that is certainly not running: above the kernel's pid_max. */
function deadPid(): number {
  return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
}

describe('leaseUid', () => {
  it('hands out distinct uids and records the owner pid', () => {
    const options = { leaseDir, firstUid: 61000, count: 3 };
    const first = leaseUid(options);
    const second = leaseUid(options);
    expect([first.uid, second.uid]).toEqual([61000, 61001]);
    expect(readFileSync(join(leaseDir, '61000'), 'utf8')).toBe(String(process.pid));
  });

  it('gives a released uid out again', () => {
    const options = { leaseDir, firstUid: 61000, count: 2 };
    const first = leaseUid(options);
    leaseUid(options);
    first.release();
    first.release();
    expect(leaseUid(options).uid).toBe(61000);
  });

  it('fails clearly when every uid is held by a live process', () => {
    const options = { leaseDir, firstUid: 61000, count: 1 };
    leaseUid(options);
    expect(() => leaseUid(options)).toThrow(/all 1 sandbox uids from 61000 are in use/);
  });

  it('takes over a lease whose owner died', () => {
    writeFileSync(join(leaseDir, '61000'), String(deadPid()));
    const lease = leaseUid({ leaseDir, firstUid: 61000, count: 1 });
    expect(lease.uid).toBe(61000);
    expect(readFileSync(join(leaseDir, '61000'), 'utf8')).toBe(String(process.pid));
  });

  it('does not take over a lease of another live process', () => {
    writeFileSync(join(leaseDir, '61000'), '1');
    expect(leaseUid({ leaseDir, firstUid: 61000, count: 2 }).uid).toBe(61001);
  });
});
