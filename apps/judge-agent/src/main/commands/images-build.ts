/**
 * `judge images build`: the judge images from Debian packages, with no registry needed.
 * 1. arena-judge-rootfs: a Debian bookworm minbase root filesystem made with debootstrap from the
 *    machine's own apt mirror (cached as a tarball; ~3.5 min the first time), or a tarball the
 *    operator gives (--rootfs), imported into the engine.
 * 2. arena-judge-base: the rootfs plus the static arena-runner, compiled inside the build.
 * 3. One image per language family (build/judge-images/<family>/Dockerfile).
 * Each step is skipped when its image exists, unless --rebuild.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { BASE_IMAGE, type JudgeImageFamily } from '../../sandbox/docker/judge-images';
import { followEngineProgress, imageExists } from './images-engine';

const run = promisify(execFile);

export const ROOTFS_IMAGE = 'arena-judge-rootfs';
const SUITE = 'bookworm';
const repoRoot = new URL('../../../../../', import.meta.url).pathname;
export const IMAGES_DIR = join(repoRoot, 'build', 'judge-images');
const RUNNER_SOURCE = join(repoRoot, 'apps', 'judge-agent', 'src', 'sandbox', 'docker', 'runner', 'arena-runner.c');

export interface BuildImagesOptions {
  docker: Docker;
  families: readonly JudgeImageFamily[];
  /** Where the debootstrap tarball is cached. */
  cacheDir: string;
  /** A root filesystem tarball to import instead of running debootstrap. */
  rootfsTarball?: string;
  /** Debian mirror for debootstrap; default: the machine's apt sources. */
  mirror?: string;
  rebuild: boolean;
  log(line: string): void;
}

/** The first Debian mirror in the machine's apt sources (deb822 `.sources` or one-line `.list`). */
export function findDebianMirror(aptDir = '/etc/apt'): string {
  const files = [join(aptDir, 'sources.list')];
  const listDir = join(aptDir, 'sources.list.d');
  if (existsSync(listDir)) files.push(...readdirSync(listDir).sort().map((name) => join(listDir, name)));
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const match = /^URIs:\s*(\S+\/debian)\/?\s*$/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s+\S+/m.exec(text);
    if (match?.[1]) return match[1];
  }
  return 'http://deb.debian.org/debian';
}

async function debootstrapTarball(options: BuildImagesOptions): Promise<string> {
  const tarball = join(options.cacheDir, `${SUITE}-minbase.tar`);
  if (existsSync(tarball) && !options.rebuild) {
    options.log(`using the cached root filesystem ${tarball}`);
    return tarball;
  }
  if (!existsSync('/usr/sbin/debootstrap')) throw new Error('debootstrap is not installed (apt-get install -y debootstrap), or pass --rootfs <tarball>');
  if (process.getuid?.() !== 0) throw new Error('debootstrap needs root; run as root or pass --rootfs <tarball>');
  const mirror = options.mirror ?? findDebianMirror();
  await mkdir(options.cacheDir, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'arena-rootfs-'));
  try {
    options.log(`debootstrap --variant=minbase ${SUITE} from ${mirror} (a few minutes)`);
    await run('debootstrap', ['--variant=minbase', SUITE, dir, mirror], { maxBuffer: 64 * 1024 * 1024 });
    await rm(join(dir, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true });
    await run('tar', ['--numeric-owner', '-C', dir, '-cf', `${tarball}.part`, '.'], { maxBuffer: 16 * 1024 * 1024 });
    await rename(`${tarball}.part`, tarball);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return tarball;
}

async function importRootfs(options: BuildImagesOptions): Promise<void> {
  if (!options.rebuild && await imageExists(options.docker, ROOTFS_IMAGE)) {
    options.log(`${ROOTFS_IMAGE}: present`);
    return;
  }
  const tarball = options.rootfsTarball ?? await debootstrapTarball(options);
  options.log(`importing ${tarball} as ${ROOTFS_IMAGE}`);
  const stream = await options.docker.importImage(tarball, { repo: ROOTFS_IMAGE, tag: 'latest' });
  await followEngineProgress(options.docker, stream, options.log);
  if (!await imageExists(options.docker, ROOTFS_IMAGE)) throw new Error(`the engine did not keep ${ROOTFS_IMAGE} after the import`);
}

async function buildFromDir(options: BuildImagesOptions, image: string, dir: string, extraFiles: string[]): Promise<void> {
  if (!options.rebuild && await imageExists(options.docker, image)) {
    options.log(`${image}: present`);
    return;
  }
  const context = await mkdtemp(join(tmpdir(), 'arena-image-context-'));
  try {
    await copyFile(join(dir, 'Dockerfile'), join(context, 'Dockerfile'));
    for (const file of extraFiles) await copyFile(file, join(context, file.slice(file.lastIndexOf('/') + 1)));
    options.log(`building ${image} from ${dir}`);
    const stream = await options.docker.buildImage({ context, src: ['Dockerfile', ...extraFiles.map((file) => file.slice(file.lastIndexOf('/') + 1))] }, {
      t: image,
      // apt-get inside the build reaches the mirror through the host's network.
      networkmode: 'host',
      rm: true,
      forcerm: true,
    });
    await followEngineProgress(options.docker, stream, options.log);
    if (!await imageExists(options.docker, image)) throw new Error(`building ${image} ended without the image`);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

export async function buildJudgeImages(options: BuildImagesOptions): Promise<string[]> {
  await importRootfs(options);
  await buildFromDir(options, BASE_IMAGE, join(IMAGES_DIR, 'base'), [RUNNER_SOURCE]);
  const built: string[] = [BASE_IMAGE];
  for (const family of options.families) {
    await buildFromDir(options, family.image, join(IMAGES_DIR, family.id), []);
    built.push(family.image);
  }
  return built;
}
