import { execFile } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecOutcome } from '../sandbox/sandbox';
import type { CompiledProgram } from './compile-program';
import { wallTimeLimitMs } from './judge-constants';
import { interpretValidatorRun, type CheckResult, type TestcaseFiles, type ValidatorInstance } from './output-checker';
import { runSolution, type SolutionLimits } from './run-solution';

const execFileAsync = promisify(execFile);

interface Pipe {
  readFd: number;
  writeFd: number;
}

/**
 * A unidirectional pipe as two blocking fds, made from a FIFO (node has no pipe(2)): opening the
 * FIFO read-write first lets the read-only and write-only opens return at once.
 */
async function createPipe(dir: string, name: string): Promise<Pipe> {
  const path = join(dir, name);
  await execFileAsync('mkfifo', ['-m', '600', path]);
  const holder = openSync(path, constants.O_RDWR);
  try {
    const readFd = openSync(path, constants.O_RDONLY);
    try {
      return { readFd, writeFd: openSync(path, constants.O_WRONLY) };
    } catch (error) {
      closeSync(readFd);
      throw error;
    }
  } finally {
    closeSync(holder);
  }
}

/** Closes each fd at most once: a second close could hit an unrelated file that reused the number. */
function closeOnce(open: Set<number>, fd: number): void {
  if (!open.delete(fd)) return;
  try {
    closeSync(fd);
  } catch {
    // Nothing more to do about a failed close.
  }
}

export type InteractiveResult = { ok: true; solution: ExecOutcome; check: CheckResult } | { ok: false; internalError: string };

/**
 * One interactive test case: the solution and the validator, each in its own sandbox box, joined
 * by two pipes (validator stdout → solution stdin, solution stdout → validator stdin). The judge
 * keeps its copies of a run's pipe ends until that run has ended, then closes them, so that
 * each side sees end-of-file (or SIGPIPE) exactly when the other side is gone. The validator may
 * run for the solution's wall time plus its own time limit.
 */
export async function runInteractive(program: CompiledProgram, validator: ValidatorInstance, testcase: TestcaseFiles, limits: SolutionLimits & { validatorTimeLimitMs: number }): Promise<InteractiveResult> {
  let dir: string | null = null;
  const opened = new Set<number>();
  try {
    dir = await mkdtemp(join(tmpdir(), 'arena-interactive-'));
    const toValidator = await createPipe(dir, 'to-validator');
    opened.add(toValidator.readFd).add(toValidator.writeFd);
    const toSolution = await createPipe(dir, 'to-solution');
    opened.add(toSolution.readFd).add(toSolution.writeFd);

    const validatorWallMs = wallTimeLimitMs(limits.timeLimitMs) + wallTimeLimitMs(limits.validatorTimeLimitMs);
    const { spec, feedbackDir } = await validator.prepareRun(testcase, { stdin: { fd: toValidator.readFd }, stdout: { fd: toSolution.writeFd } }, validatorWallMs);
    const validatorRun = validator.box.run(spec).finally(() => {
      closeOnce(opened, toValidator.readFd);
      closeOnce(opened, toSolution.writeFd);
    });
    const solutionRun = runSolution(program, { fd: toSolution.readFd }, { fd: toValidator.writeFd }, limits).finally(() => {
      closeOnce(opened, toSolution.readFd);
      closeOnce(opened, toValidator.writeFd);
    });
    const [validatorResult, solutionResult] = await Promise.all([validatorRun, solutionRun]);
    if (!solutionResult.ok) return { ok: false, internalError: `sandbox failed while running the solution: ${solutionResult.internalError}` };
    if (!validatorResult.ok) return { ok: false, internalError: `sandbox failed while running the interactive validator: ${validatorResult.internalError}` };
    const check = await interpretValidatorRun(validator, validatorResult.outcome, feedbackDir);
    return { ok: true, solution: solutionResult.outcome, check };
  } catch (error) {
    return { ok: false, internalError: `interactive run failed: ${(error as Error).message}` };
  } finally {
    for (const fd of [...opened]) closeOnce(opened, fd);
    if (dir !== null) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
