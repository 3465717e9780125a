import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A sandbox backend the local demo judge can use, or why none can. */
export type SandboxChoice =
  | { ok: true; backend: 'native' | 'docker' }
  | { ok: false; reasons: string[] };

interface DoctorCheck { name: string; ok: boolean; detail: string }
interface DoctorReport { sandbox?: { ok?: boolean; checks?: DoctorCheck[] } }

/** The judge's `doctor --json` for one backend; null when it could not run or printed no JSON. */
function runDoctor(judgeArgs: string[], backend: 'native' | 'docker', cwd: string): Promise<DoctorReport | null> {
  return new Promise((done) => {
    execFile(process.execPath, [...judgeArgs, 'doctor', '--json', '--sandbox', backend], { cwd, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (_err, stdout) => {
        // doctor exits 1 when something is missing but still prints its JSON report.
        try {
          done(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as DoctorReport);
        } catch {
          done(null);
        }
      });
  });
}

function failedChecks(backend: string, report: DoctorReport | null): string[] {
  if (report === null) return [`${backend}: the judge's doctor could not run`];
  return (report.sandbox?.checks ?? []).filter((c) => !c.ok).map((c) => `${backend}: ${c.name}: ${c.detail}`);
}

/**
 * The best sandbox the local demo judge can use: the native one (bubblewrap + cgroups) when the
 * judge's own doctor says it works, else Docker when an engine answers (DOCKER_HOST or the default
 * socket), else none — with every failed check, so the operator knows what to fix. Contestant
 * code is never run unsandboxed: with no backend the demo runs without a judge.
 */
export async function pickJudgeSandbox(judgeArgs: string[], cwd: string): Promise<SandboxChoice> {
  const native = await runDoctor(judgeArgs, 'native', cwd);
  if (native?.sandbox?.ok === true) return { ok: true, backend: 'native' };
  const reasons = failedChecks('native sandbox', native);
  const dockerReachable = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
  if (!dockerReachable) return { ok: false, reasons: [...reasons, 'docker: no engine (DOCKER_HOST unset, no /var/run/docker.sock)'] };
  const docker = await runDoctor(judgeArgs, 'docker', cwd);
  if (docker?.sandbox?.ok === true) return { ok: true, backend: 'docker' };
  return { ok: false, reasons: [...reasons, ...failedChecks('docker', docker)] };
}
