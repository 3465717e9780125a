/**
 * A box's working directory is its own size-capped tmpfs, owned by the box uid with mode 0700:
 * a program cannot fill the judge's disk, and other uids cannot look in. Mounted on the host
 * side (root) so the judge can put files in and read results out between runs.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The "device" name of box mounts, so that leftovers can be found in the mount table. */
const boxMountSource = 'arena-box';

export async function mountBoxTmpfs(dir: string, uid: number, sizeBytes: number): Promise<void> {
  const options = `size=${sizeBytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev`;
  try {
    await run('mount', ['-t', 'tmpfs', '-o', options, boxMountSource, dir]);
  } catch (error) {
    throw new Error(`cannot mount the box tmpfs at ${dir}: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`);
  }
}

/** Mount points of every box tmpfs on the machine (whoever made them), from /proc/self/mountinfo. */
export async function listBoxMounts(): Promise<string[]> {
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  return mounts.split('\n').flatMap((line) => {
    const [left, right] = line.split(' - ');
    const mountPoint = left?.split(' ')[4];
    const [fsType, source] = right?.split(' ') ?? [];
    return fsType === 'tmpfs' && source === boxMountSource && mountPoint ? [mountPoint] : [];
  });
}

/** Unmounts if mounted (lazily if something still holds it open). */
export async function unmountBoxTmpfs(dir: string): Promise<void> {
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  const mounted = mounts.split('\n').some((line) => line.split(' ')[4] === dir);
  if (!mounted) return;
  try {
    await run('umount', [dir]);
  } catch {
    await run('umount', ['-l', dir]);
  }
}
