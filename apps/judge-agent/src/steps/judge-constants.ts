/**
 * Fixed limits of the judging steps that the job does not carry.
 */

const MIB = 1048576;

/** Compilers get their own memory limit, independent of the problem's. */
export const COMPILE_MEMORY_BYTES = 2048 * MIB;
/** Largest file a compiler may write (the binary) and cap on its captured messages on disk. */
export const COMPILE_OUTPUT_BYTES = 256 * MIB;
/** Compilers run helpers (cc1, as, ld) and JVM threads. */
export const COMPILE_PROCESSES = 128;
/** Compiler messages handed to the team are cut to this many bytes. */
export const COMPILE_MESSAGE_MAX_BYTES = 64 * 1024;

/** Validators: output cap (their stdout/stderr is ignored; feedback files are read capped). */
export const VALIDATOR_OUTPUT_BYTES = 64 * MIB;
export const VALIDATOR_PROCESSES = 16;
/** judgemessage.txt is cut to the protocol's limit; teammessage.txt likewise. */
export const JUDGE_MESSAGE_MAX_CHARS = 65_536;
export const TEAM_MESSAGE_MAX_CHARS = 4096;

/** Wall time allowed for a run: twice the CPU limit plus a second (sleeping programs are TLE too). */
export function wallTimeLimitMs(cpuTimeLimitMs: number): number {
  return cpuTimeLimitMs * 2 + 1000;
}

/** Cuts text to `maxChars`, marking the cut. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = '\n[... truncated]';
  return text.slice(0, Math.max(0, maxChars - marker.length)) + marker;
}
