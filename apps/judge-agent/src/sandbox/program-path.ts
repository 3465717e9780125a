/**
 * Checks, from the host side, that the program a run names exists inside the sandbox.
 * bwrap reports a failed exec as exit status 1, which would look like the program's own exit
 * code; a missing program is a judge configuration error, so it is caught before the run.
 */
import { statSync } from 'node:fs';
import { posix } from 'node:path';

const searchPath = ['/usr/bin', '/bin'];

interface SandboxView {
  boxDir: string;
  cwd: string;
  readOnlyMounts: Array<{ hostPath: string; sandboxPath: string }>;
}

/** Maps a sandbox path to the host path behind it, or null where the host cannot see it (e.g. /tmp). */
export function hostPathOf(sandboxPath: string, view: SandboxView): string | null {
  const mounts = [
    ...view.readOnlyMounts.map((mount) => ({ inside: mount.sandboxPath, outside: mount.hostPath })),
    { inside: '/box', outside: view.boxDir },
    { inside: '/usr', outside: '/usr' },
    { inside: '/bin', outside: '/usr/bin' },
    { inside: '/sbin', outside: '/usr/sbin' },
  ].sort((a, b) => b.inside.length - a.inside.length);
  for (const { inside, outside } of mounts) {
    if (sandboxPath === inside) return outside;
    if (sandboxPath.startsWith(`${inside}/`)) return outside + sandboxPath.slice(inside.length);
  }
  return null;
}

function isExecutableFile(hostPath: string): boolean {
  try {
    const info = statSync(hostPath);
    return info.isFile() && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Null if the program can be found (or cannot be checked from outside), else what is wrong. */
export function findProgram(argv0: string, view: SandboxView): string | null {
  if (!argv0.includes('/')) {
    const found = searchPath.some((dir) => isExecutableFile(hostPathOf(`${dir}/${argv0}`, view) ?? ''));
    return found ? null : `program "${argv0}" is not installed in the sandbox (searched ${searchPath.join(', ')})`;
  }
  const sandboxPath = posix.resolve(view.cwd, argv0);
  const hostPath = hostPathOf(sandboxPath, view);
  if (hostPath === null) return null;
  return isExecutableFile(hostPath) ? null : `program "${argv0}" (${sandboxPath}) is missing or not executable in the sandbox`;
}
