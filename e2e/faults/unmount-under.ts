import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Unmounts (lazily) every mount point at or under `dir`, deepest first: what a judge agent
 * killed with SIGKILL leaves behind (its tmpfs boxes), so the test can delete its temp dir.
 */
export function unmountUnder(dir: string): void {
  const points = readFileSync('/proc/self/mounts', 'utf8').split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && (point === dir || point.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const point of points) execFileSync('umount', ['-l', point]);
}
