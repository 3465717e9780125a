/**
 * `judge images save|load`: the judge images as tarballs (one per image), to carry them to a
 * venue LAN without internet on a USB stick.
 */
import { createReadStream, createWriteStream, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { followEngineProgress, imageExists } from './images-engine';

/** Writes `<dir>/<image>.tar` for each image; throws naming the images that are missing. */
export async function saveImages(docker: Docker, images: readonly string[], dir: string, log: (line: string) => void): Promise<string[]> {
  const missing: string[] = [];
  for (const image of images) if (!await imageExists(docker, image)) missing.push(image);
  if (missing.length > 0) throw new Error(`cannot save missing images: ${missing.join(', ')} (build them with \`pnpm judge images build\`)`);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const image of images) {
    const file = join(dir, `${image}.tar`);
    log(`saving ${image} to ${file}`);
    await pipeline(await docker.getImage(image).get(), createWriteStream(file));
    files.push(file);
  }
  return files;
}

/** Loads every `*.tar` in `dir` into the engine. */
export async function loadImages(docker: Docker, dir: string, log: (line: string) => void): Promise<string[]> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.tar')).sort().map((name) => join(dir, name));
  if (files.length === 0) throw new Error(`no image tarballs (*.tar) in ${dir}`);
  for (const file of files) {
    log(`loading ${file}`);
    await followEngineProgress(docker, await docker.loadImage(createReadStream(file)), log);
  }
  return files;
}
