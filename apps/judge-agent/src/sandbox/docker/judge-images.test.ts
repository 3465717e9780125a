import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../languages/languages';
import { DEFAULT_JUDGE_IMAGE, imageForArgv, JUDGE_IMAGE_FAMILIES, programImages } from './judge-images';

const images = programImages();
const imagesDir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'build', 'judge-images');

describe('judge image families', () => {
  it('cover every language of the language file exactly once', () => {
    const covered = JUDGE_IMAGE_FAMILIES.flatMap((family) => family.languages).sort();
    expect(covered).toEqual(LANGUAGES.map((language) => language.id).sort());
  });

  it('each have a Dockerfile installing their languages\' Debian packages', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const family of JUDGE_IMAGE_FAMILIES) {
      const dockerfile = join(imagesDir, family.id, 'Dockerfile');
      expect(existsSync(dockerfile), dockerfile).toBe(true);
      const text = await readFile(dockerfile, 'utf8');
      expect(text).toMatch(/^FROM arena-judge-base$/m);
      for (const language of LANGUAGES.filter((candidate) => family.languages.includes(candidate.id))) {
        expect(text, `${family.id} installs ${language.aptPackage}`).toContain(` ${language.aptPackage}`);
      }
    }
  });
});

describe('imageForArgv', () => {
  it.each([
    [['g++', '-O2', 'a.cpp'], 'arena-judge-cpp'],
    [['javac', '-d', '.', 'A.java'], 'arena-judge-jvm'],
    [['java', '-cp', '.', 'A'], 'arena-judge-jvm'],
    [['kotlinc', 'a.kt'], 'arena-judge-jvm'],
    [['python3', '-S', 'a.py'], 'arena-judge-python'],
    [['/usr/bin/python3', 'a.py'], 'arena-judge-python'],
    [['node', '--check', 'a.js'], 'arena-judge-node'],
    [['rustc', 'a.rs'], 'arena-judge-rust'],
    [['go', 'build'], 'arena-judge-go'],
    [['sh', '-c', 'mkdir "$1" && exec "$@"', 'sh', 'fb', 'python3', 'validator.py'], 'arena-judge-python'],
    [['./solution'], DEFAULT_JUDGE_IMAGE],
    [['true'], DEFAULT_JUDGE_IMAGE],
  ])('%j → %s', (argv, image) => {
    expect(imageForArgv(argv, images, DEFAULT_JUDGE_IMAGE)).toBe(image);
  });
});
