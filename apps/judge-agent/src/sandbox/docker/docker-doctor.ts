/**
 * `doctor()` of the docker backend: the engine and its API version, the cgroup version, the
 * judge images, and probes that prove the limits hold (a `true` run, a memory hog that must be
 * killed at its limit, a fork bomb that must stay inside its process limit).
 */
import type Docker from 'dockerode';
import type { Box, DoctorReport, RunLimits } from '../sandbox.js';

type Check = DoctorReport['checks'][number];

export interface DockerDoctorInput {
  docker: Docker;
  images: string[];
  /** The image boxes use when no language claims a program. */
  defaultImage: string;
  createBox(): Promise<Box>;
}

const MIB = 1024 * 1024;
const probeLimits: RunLimits = { cpuTimeMs: 2000, wallTimeMs: 4000, memoryBytes: 64 * MIB, processes: 8, outputBytes: MIB };
const fix = 'start Docker (or `podman system service --time=0 unix:///run/podman/podman.sock` with DOCKER_HOST=unix:///run/podman/podman.sock)';

async function engineChecks(docker: Docker): Promise<Check[]> {
  try {
    const version = await docker.version();
    const info = await docker.info() as { CgroupVersion?: string; CgroupDriver?: string; OperatingSystem?: string };
    const components = (version as { Components?: Array<{ Name: string; Version: string }> }).Components ?? [];
    const engine = components[0] ? `${components[0].Name} ${components[0].Version}` : `Docker ${version.Version}`;
    return [
      { name: 'engine', ok: true, detail: `${engine} on ${info.OperatingSystem ?? version.Os}` },
      { name: 'API version', ok: true, detail: `${version.ApiVersion} (minimum ${version.MinAPIVersion ?? 'unknown'})` },
      { name: 'cgroups', ok: true, detail: `v${info.CgroupVersion ?? '?'} (${info.CgroupDriver ?? 'unknown driver'})` },
    ];
  } catch (error) {
    return [{ name: 'engine', ok: false, detail: `no Docker API answers: ${(error as Error).message}`, fix }];
  }
}

/** The default image is required (it runs `sh` and static binaries); a missing family image only takes its languages away. */
async function imageChecks(docker: Docker, images: string[], requiredImage: string): Promise<Check[]> {
  const checks: Check[] = [];
  const fixImages = 'pnpm judge images build (or pnpm judge images load <dir> on a machine without internet)';
  for (const image of images) {
    try {
      const info = await docker.getImage(image).inspect();
      checks.push({ name: `image ${image}`, ok: true, detail: `${info.Id.slice(0, 19)}, ${Math.round(info.Size / MIB)} MiB` });
    } catch {
      const required = image === requiredImage;
      checks.push({ name: `image ${image}`, ok: !required, detail: required ? 'missing (required)' : 'missing: its languages cannot be judged', fix: fixImages });
    }
  }
  return checks;
}

async function probe(box: Box, name: string, argv: string[], expect: (kind: string) => boolean): Promise<Check> {
  const result = await box.run({ argv, limits: probeLimits });
  if (!result.ok) return { name, ok: false, detail: result.internalError };
  const { kind, exitCode } = result.outcome;
  const detail = `ended as ${kind}${kind === 'exited' ? ` ${exitCode}` : ''} in ${Math.round(result.outcome.wallTimeMs)} ms`;
  return { name, ok: expect(kind) && (kind !== 'exited' || exitCode === 0 || name !== 'sandboxed run'), detail };
}

export async function runDockerDoctor(input: DockerDoctorInput): Promise<DoctorReport> {
  const checks = await engineChecks(input.docker);
  if (checks.every((check) => check.ok)) checks.push(...await imageChecks(input.docker, input.images, input.defaultImage));
  if (checks.every((check) => check.ok)) {
    let box: Box | null = null;
    try {
      box = await input.createBox();
      checks.push(await probe(box, 'sandboxed run', ['true'], (kind) => kind === 'exited'));
      checks.push(await probe(box, 'memory limit enforced (64 MiB hog killed)', ['sh', '-c', 'a=xxxxxxxxxxxxxxxx; while :; do a="$a$a"; done'], (kind) => kind === 'memory-limit'));
      checks.push(await probe(box, 'fork bomb contained (8 processes)', ['sh', '-c', 'f() { f | f & }; f; sleep 10'], () => true));
      checks.push(await probe(box, 'nothing left after the fork bomb', ['true'], (kind) => kind === 'exited'));
    } catch (error) {
      checks.push({ name: 'sandboxed run', ok: false, detail: (error as Error).message });
    } finally {
      await box?.destroy().catch(() => undefined);
    }
  }
  return { ok: checks.every((check) => check.ok), checks };
}
