/**
 * Leases sandbox uids so that no two live boxes share one, across every judge process on the
 * machine (tests and several agents included): a lease is a file `<leaseDir>/<uid>` created
 * exclusively, holding the owner's pid. A lease whose owner process is dead is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface UidPoolOptions {
  leaseDir: string;
  firstUid: number;
  count: number;
}

export interface UidLease {
  readonly uid: number;
  /** Gives the uid back. Idempotent. */
  release(): void;
}

function ownerIsAlive(leaseFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(leaseFile, 'utf8').trim());
  } catch {
    return true; // Being created or removed right now: treat as taken.
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function tryLease(leaseFile: string): boolean {
  try {
    const fd = openSync(leaseFile, 'wx', 0o644);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/**
 * Takes over a lease left by a dead process. A `.takeover` directory (mkdir is atomic) makes sure
 * only one contender removes and recreates the file; losers move on to the next uid.
 */
function takeOver(leaseFile: string): boolean {
  const guard = `${leaseFile}.takeover`;
  try {
    mkdirSync(guard);
  } catch {
    return false;
  }
  try {
    if (ownerIsAlive(leaseFile)) return false;
    try {
      unlinkSync(leaseFile);
    } catch {
      // Already removed.
    }
    return tryLease(leaseFile);
  } finally {
    rmdirSync(guard);
  }
}

/** Leases a free uid; throws when all `count` uids are in use by live processes. */
export function leaseUid(options: UidPoolOptions): UidLease {
  mkdirSync(options.leaseDir, { recursive: true, mode: 0o755 });
  for (let offset = 0; offset < options.count; offset++) {
    const uid = options.firstUid + offset;
    const leaseFile = join(options.leaseDir, String(uid));
    let leased = tryLease(leaseFile);
    if (!leased && !ownerIsAlive(leaseFile)) leased = takeOver(leaseFile);
    if (!leased) continue;
    let released = false;
    return {
      uid,
      release() {
        if (released) return;
        released = true;
        try {
          unlinkSync(leaseFile);
        } catch {
          // Already gone: nothing to give back.
        }
      },
    };
  }
  throw new Error(`all ${options.count} sandbox uids from ${options.firstUid} are in use (leases in ${options.leaseDir})`);
}
