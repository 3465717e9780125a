/**
 * `judge images build|save|load`: the judge images of the docker sandbox backend, on the engine at
 * DOCKER_HOST (or the default socket). See build/judge-images/README.md.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import Docker from 'dockerode';
import { BASE_IMAGE, JUDGE_IMAGE_FAMILIES, type JudgeImageFamily } from '../../sandbox/docker/judge-images';
import { logLine, printResult, withJsonOption } from '../cli-support';
import { loadImages, saveImages } from './images-archive';
import { buildJudgeImages, ROOTFS_IMAGE } from './images-build';

function parseFamilies(value: string): JudgeImageFamily[] {
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !JUDGE_IMAGE_FAMILIES.some((family) => family.id === id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`unknown image families ${unknown.join(', ')}; choose from ${JUDGE_IMAGE_FAMILIES.map((family) => family.id).join(', ')}`);
  }
  return JUDGE_IMAGE_FAMILIES.filter((family) => ids.includes(family.id));
}

const familiesHelp = `comma-separated language families (${JUDGE_IMAGE_FAMILIES.map((family) => family.id).join(',')}); default all`;

export function registerImagesCommand(program: Command): void {
  const images = program.command('images').description('build, save and load the judge images of the docker sandbox (engine at DOCKER_HOST or the default socket)');

  withJsonOption(images.command('build').description('build the judge images from Debian packages (no registry needed)'))
    .option('--families <list>', familiesHelp, parseFamilies, [...JUDGE_IMAGE_FAMILIES])
    .option('--rootfs <tarball>', `import this root filesystem tarball as ${ROOTFS_IMAGE} instead of running debootstrap`)
    .option('--mirror <url>', 'Debian mirror for debootstrap (default: the one in /etc/apt)')
    .option('--cache-dir <dir>', 'where the debootstrap tarball is cached', join(homedir(), '.cache', 'arena-judge', 'images'))
    .option('--rebuild', 'rebuild images that already exist', false)
    .action(async (options: { families: JudgeImageFamily[]; rootfs?: string; mirror?: string; cacheDir: string; rebuild: boolean; json?: boolean }) => {
      const built = await buildJudgeImages({
        docker: new Docker(),
        families: options.families,
        cacheDir: options.cacheDir,
        rebuild: options.rebuild,
        log: logLine,
        ...(options.rootfs === undefined ? {} : { rootfsTarball: options.rootfs }),
        ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
      });
      printResult(options.json === true, { images: built }, `judge images ready: ${built.join(', ')}`);
    });

  withJsonOption(images.command('save <dir>').description('write every judge image as <dir>/<image>.tar'))
    .option('--families <list>', familiesHelp, parseFamilies, [...JUDGE_IMAGE_FAMILIES])
    .action(async (dir: string, options: { families: JudgeImageFamily[]; json?: boolean }) => {
      const files = await saveImages(new Docker(), [BASE_IMAGE, ...options.families.map((family) => family.image)], dir, logLine);
      printResult(options.json === true, { files }, `saved ${files.length} images to ${dir}`);
    });

  withJsonOption(images.command('load <dir>').description('load every <dir>/*.tar saved by `images save` into the engine'))
    .action(async (dir: string, options: { json?: boolean }) => {
      const files = await loadImages(new Docker(), dir, logLine);
      printResult(options.json === true, { files }, `loaded ${files.length} images from ${dir}`);
    });
}
