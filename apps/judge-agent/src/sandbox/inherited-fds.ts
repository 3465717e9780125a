/**
 * File descriptors of the judge process that a child would inherit (no O_CLOEXEC), e.g. a pipe
 * left open by whatever started the judge. bwrap passes every inherited fd on to the program,
 * so the run covers each of them with /dev/null in the child (see `native-run.ts`).
 */
import { readFileSync, readdirSync } from 'node:fs';

const closeOnExecFlag = 0o2000000;

/** Inheritable fds above stderr, read from /proc/self/fdinfo. */
export function inheritableFds(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc/self/fdinfo')) {
    const fd = Number(entry);
    if (fd <= 2) continue;
    let info: string;
    try {
      info = readFileSync(`/proc/self/fdinfo/${entry}`, 'utf8');
    } catch {
      continue; // closed meanwhile (e.g. the directory handle of this very listing)
    }
    const flags = /^flags:\s+([0-7]+)/m.exec(info)?.[1];
    if (flags !== undefined && (parseInt(flags, 8) & closeOnExecFlag) === 0) found.push(fd);
  }
  return found;
}

/**
 * The spawn stdio array: the run's own entries first, then `cover` (an fd of /dev/null) placed
 * at every other inheritable fd so the child gets /dev/null there instead of the judge's file.
 */
export function stdioCoveringInherited<T>(own: T[], inherited: number[], cover: number): Array<T | number | 'ignore'> {
  const stdio: Array<T | number | 'ignore'> = [...own];
  for (const fd of inherited) {
    if (fd < own.length) continue;
    while (stdio.length < fd) stdio.push('ignore');
    stdio[fd] = cover;
  }
  return stdio;
}
