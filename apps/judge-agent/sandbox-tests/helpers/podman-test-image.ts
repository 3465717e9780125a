/**
 * A small judge image for the docker-backend suites, built in about a second without a registry:
 * a root filesystem holding only mount points, /etc/passwd and the static `arena-runner`
 * (compiled here with the host's gcc), imported through the engine's API (no CLI needed). The
 * toolchains come from the host: every container binds the host's /usr (and the /etc files the
 * JVM needs) read-only, via `extraBinds`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EngineUnderTest } from './podman-service.js';

const run = promisify(execFile);

export const TEST_IMAGE = 'localhost/arena-judge-test:latest';
const runnerSource = new URL('../../src/sandbox/docker/runner/arena-runner.c', import.meta.url).pathname;

/** Host paths every test container binds read-only at the same place. */
export function hostToolchainBinds(): string[] {
  const etc = ['/etc/alternatives', '/etc/ld.so.cache', ...readdirSync('/etc').filter((name) => name.startsWith('java-')).map((name) => `/etc/${name}`)];
  return ['/usr', ...etc.filter((path) => existsSync(path))].map((path) => `${path}:${path}`);
}

export async function buildTestImage(engine: EngineUnderTest): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'arena-test-rootfs-'));
  try {
    const root = join(dir, 'rootfs');
    for (const sub of ['usr', 'etc', 'box', 'tmp', 'proc', 'sys', 'dev', 'arena', 'arena-io']) await mkdir(join(root, sub), { recursive: true });
    for (const [link, target] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib64']] as const) await symlink(target, join(root, link));
    await writeFile(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
    await writeFile(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    await run('gcc', ['-O2', '-static', '-o', join(root, 'arena/arena-runner'), runnerSource]);
    const tarball = join(dir, 'rootfs.tar');
    await run('tar', ['-C', root, '-cf', tarball, '.']);
    const [repo, tag] = TEST_IMAGE.split(':') as [string, string];
    const stream = await engine.docker.importImage(tarball, { repo, tag });
    await new Promise<void>((resolve, reject) => {
      engine.docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
    });
    await engine.docker.getImage(TEST_IMAGE).inspect();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
