import type { RunResult, RunSpec } from '../sandbox/sandbox';
import type { CompiledProgram } from './compile-program';
import { wallTimeLimitMs } from './judge-constants';

export interface SolutionLimits {
  timeLimitMs: number;
  memoryLimitBytes: number;
  outputLimitBytes: number;
}

/** Where the team's output of a non-interactive run lands in its box. */
export const SOLUTION_OUTPUT_FILE = '.output';

/**
 * Runs the compiled program once in its box, in the sandbox, with the problem's limits: CPU time
 * = time limit (all processes), wall = 2 × time limit + 1 s, memory = memory limit (stack
 * included), output capped at the output limit. Stderr is discarded.
 */
export function runSolution(program: CompiledProgram, stdin: RunSpec['stdin'], stdout: RunSpec['stdout'], limits: SolutionLimits): Promise<RunResult> {
  return program.box.run({
    argv: program.argv,
    env: program.env,
    limits: {
      cpuTimeMs: limits.timeLimitMs,
      wallTimeMs: wallTimeLimitMs(limits.timeLimitMs),
      memoryBytes: limits.memoryLimitBytes,
      processes: program.processes,
      outputBytes: limits.outputLimitBytes,
    },
    stdin,
    stdout,
    stderr: null,
  });
}
