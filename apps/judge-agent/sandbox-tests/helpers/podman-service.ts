/**
 * Starts Podman's Docker-compatible API service for the docker-backend suites, with a private
 * containers.conf (runtime runc: crun refuses the hybrid cgroup layout; cgroupfs manager), private
 * storage and a private socket, all under one temp dir. Stopped by PID; everything it stored is
 * removed. Set ARENA_DOCKER_HOST to run the same suites against a real Docker Engine instead
 * (then nothing is started here).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const run = promisify(execFile);

export interface EngineUnderTest {
  docker: Docker;
  /** `podman` CLI env for this private instance (null against a real Docker Engine). */
  podmanEnv: NodeJS.ProcessEnv | null;
  description: string;
  stop(): Promise<void>;
}

async function waitForApi(docker: Docker, service: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`podman system service exited with ${service.exitCode}`);
    try {
      await docker.ping();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`podman API did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Removes every container of the private instance (also ones a failed test left). */
async function removeAllContainers(docker: Docker): Promise<void> {
  for (const info of await docker.listContainers({ all: true })) {
    await docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined);
  }
}

export async function startEngineUnderTest(): Promise<EngineUnderTest> {
  const external = process.env.ARENA_DOCKER_HOST;
  if (external) {
    const docker = external.startsWith('unix://') ? new Docker({ socketPath: external.slice('unix://'.length) }) : new Docker();
    await docker.ping();
    return { docker, podmanEnv: null, description: `external engine at ${external}`, stop: async () => {} };
  }
  if (!existsSync('/usr/bin/podman')) throw new Error('podman is not installed (apt-get install -y podman runc catatonit conmon)');
  const dir = await mkdtemp(join(tmpdir(), 'arena-podman-'));
  const confPath = join(dir, 'containers.conf');
  const storagePath = join(dir, 'storage.conf');
  await writeFile(confPath, '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\nnum_locks = 2048\n');
  await writeFile(storagePath, `[storage]\ndriver = "overlay"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/storage"\n`);
  const env = { ...process.env, CONTAINERS_CONF: confPath, CONTAINERS_STORAGE_CONF: storagePath, TMPDIR: dir };
  const socketPath = join(dir, 'podman.sock');
  const service = spawn('podman', ['system', 'service', '--time=0', `unix://${socketPath}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let serviceLog = '';
  service.stderr?.on('data', (chunk: Buffer) => {
    serviceLog = (serviceLog + chunk.toString('utf8')).slice(-4000);
  });
  const docker = new Docker({ socketPath });
  try {
    await waitForApi(docker, service, 20_000);
  } catch (error) {
    service.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${serviceLog}`);
  }
  const { stdout } = await run('podman', ['--version'], { env });
  return {
    docker,
    podmanEnv: env,
    description: `${stdout.trim()} (runc, cgroupfs) at ${socketPath}`,
    async stop() {
      await removeAllContainers(docker).catch(() => undefined);
      if (service.exitCode === null && service.pid !== undefined) {
        const exited = new Promise((resolve) => service.once('exit', resolve));
        process.kill(service.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (service.exitCode === null) process.kill(service.pid, 'SIGKILL');
      }
      // Images and layers of the private store (overlay mounts first, then the files).
      await run('podman', ['rmi', '--all', '--force'], { env }).catch(() => undefined);
      await run('podman', ['system', 'reset', '--force'], { env }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
