/**
 * A Sandbox for testing the logic AROUND the sandbox (STYLE.md 4): nothing is executed. A run
 * is answered by a scripted function that sees the argv and the stdin bytes and says what the
 * "program" did. Boxes are plain temporary directories. Real sandboxing is tested through the
 * native backend in the other test files.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Box, DoctorReport, ExecOutcome, RunResult, RunSpec, Sandbox } from '../../src/sandbox/sandbox';

export interface FakeRun {
  argv: string[];
  stdin: Buffer;
  spec: RunSpec;
  box: FakeBox;
}

export type FakeProgram = (run: FakeRun) => Promise<FakeReply> | FakeReply;

/** What the scripted program did: how it ended, what it printed, files it left. `internalError` fakes a sandbox failure. */
export type FakeReply =
  | { internalError: string }
  | { kind?: ExecOutcome['kind']; exitCode?: number | null; stdout?: string; cpuTimeMs?: number; peakMemoryBytes?: number; files?: Record<string, string> };

export interface FakeBox extends Box {
  readonly runs: RunSpec[];
}

export function createFakeSandbox(program: FakeProgram): Sandbox & { boxes: FakeBox[] } {
  const boxes: FakeBox[] = [];
  return {
    backend: 'native',
    boxes,
    async createBox() {
      const hostDir = await mkdtemp(join(tmpdir(), 'arena-fake-box-'));
      const runs: RunSpec[] = [];
      const box: FakeBox = {
        hostDir,
        runs,
        async writeFile(path, content) {
          await mkdir(dirname(join(hostDir, path)), { recursive: true });
          await writeFile(join(hostDir, path), content);
        },
        async copyIn(hostPath, path) {
          await mkdir(dirname(join(hostDir, path)), { recursive: true });
          await copyFile(hostPath, join(hostDir, path));
        },
        async readFile(path, maxBytes) {
          const content = await readFile(join(hostDir, path)).catch(() => null);
          return content === null ? null : content.subarray(0, maxBytes);
        },
        async run(spec): Promise<RunResult> {
          runs.push(spec);
          let stdin = Buffer.alloc(0);
          if (spec.stdin && 'hostFile' in spec.stdin) stdin = await readFile(spec.stdin.hostFile);
          if (spec.stdin && 'boxFile' in spec.stdin) stdin = await readFile(join(hostDir, spec.stdin.boxFile));
          const reply = await program({ argv: spec.argv, stdin, spec, box });
          if ('internalError' in reply) return { ok: false, internalError: reply.internalError };
          if (spec.stdout && 'boxFile' in spec.stdout) await writeFile(join(hostDir, spec.stdout.boxFile), reply.stdout ?? '');
          for (const [path, content] of Object.entries(reply.files ?? {})) {
            await mkdir(dirname(join(hostDir, path)), { recursive: true });
            await writeFile(join(hostDir, path), content);
          }
          const kind = reply.kind ?? 'exited';
          return {
            ok: true,
            outcome: {
              kind,
              exitCode: kind === 'exited' ? (reply.exitCode ?? 0) : null,
              signal: kind === 'signaled' ? 'SIGSEGV' : null,
              cpuTimeMs: reply.cpuTimeMs ?? 5,
              wallTimeMs: (reply.cpuTimeMs ?? 5) + 3,
              peakMemoryBytes: reply.peakMemoryBytes ?? 1_000_000,
            },
          };
        },
        async destroy() {
          await rm(hostDir, { recursive: true, force: true });
        },
      };
      boxes.push(box);
      return box;
    },
    async doctor(): Promise<DoctorReport> {
      return { ok: true, checks: [] };
    },
  };
}
