/**
 * Which judge image runs which language (data, no I/O). One image per language family, built
 * by `pnpm judge images build` from build/judge-images/<family>/Dockerfile on top of the
 * `arena-judge-base` image (Debian bookworm minbase + the static `arena-runner`).
 */
import { LANGUAGES } from '../../languages/languages.js';

export interface JudgeImageFamily {
  /** Directory name under build/judge-images/. */
  id: string;
  image: string;
  languages: readonly string[];
}

export const BASE_IMAGE = 'arena-judge-base';

export const JUDGE_IMAGE_FAMILIES: readonly JudgeImageFamily[] = Object.freeze([
  { id: 'cpp', image: 'arena-judge-cpp', languages: ['c', 'cpp'] },
  { id: 'python', image: 'arena-judge-python', languages: ['python3'] },
  { id: 'jvm', image: 'arena-judge-jvm', languages: ['java', 'kotlin'] },
  { id: 'node', image: 'arena-judge-node', languages: ['javascript'] },
  { id: 'rust', image: 'arena-judge-rust', languages: ['rust'] },
  { id: 'go', image: 'arena-judge-go', languages: ['go'] },
]);

/** Image for programs no family claims (static binaries, `sh`): the C/C++ image. */
export const DEFAULT_JUDGE_IMAGE = 'arena-judge-cpp';

/** Executable name → image of the family whose languages require it (gcc → arena-judge-cpp). */
export function programImages(families: readonly JudgeImageFamily[] = JUDGE_IMAGE_FAMILIES): Map<string, string> {
  const images = new Map<string, string>();
  for (const family of families) {
    for (const language of LANGUAGES.filter((candidate) => family.languages.includes(candidate.id))) {
      for (const program of language.requires) if (!images.has(program)) images.set(program, family.image);
    }
  }
  return images;
}

/**
 * The image for a box whose first run is `argv`: the first argv element naming a known
 * program (so `sh -c '…' python3 validator.py` finds Python), else the default image.
 */
export function imageForArgv(argv: readonly string[], images: ReadonlyMap<string, string>, defaultImage: string): string {
  for (const arg of argv) {
    const name = arg.slice(arg.lastIndexOf('/') + 1);
    const image = images.get(name);
    if (image !== undefined) return image;
  }
  return defaultImage;
}
