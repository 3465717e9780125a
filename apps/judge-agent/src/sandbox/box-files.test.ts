/**
 * Judge-side box file access against what a hostile program can leave in its box: symlinks to
 * host files, FIFOs, directories in the way, `..` paths. Real files in a temp dir.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boxPath, copyIntoBox, createBoxOutput, openBoxInput, readBoxFile, writeBoxFile } from './box-files.js';

let base: string;
let box: string;
let hostSecret: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'box-files-'));
  box = join(base, 'box');
  mkdirSync(box);
  hostSecret = join(base, 'secret.txt');
  writeFileSync(hostSecret, 'host secret');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('boxPath', () => {
  it.each(['', '/etc/passwd', '..', '../x', 'a/../../x'])('rejects %j', (path) => {
    expect(() => boxPath(box, path)).toThrow(/relative and stay inside/);
  });
  it('resolves a nested relative path', () => {
    expect(boxPath(box, 'a/./b.txt')).toBe(join(box, 'a/b.txt'));
  });
});

describe('writeBoxFile / copyIntoBox', () => {
  it('writes with the given mode and creates parents', async () => {
    await writeBoxFile(box, 'sub/run.sh', '#!/bin/sh\n', 0o755);
    expect(readFileSync(join(box, 'sub/run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(join(box, 'sub/run.sh')).mode & 0o777).toBe(0o755);
  });

  it('replaces a planted symlink instead of writing through it', async () => {
    symlinkSync(hostSecret, join(box, 'input.txt'));
    await writeBoxFile(box, 'input.txt', 'testcase');
    expect(readFileSync(hostSecret, 'utf8')).toBe('host secret');
    expect(readFileSync(join(box, 'input.txt'), 'utf8')).toBe('testcase');
    symlinkSync(hostSecret, join(box, 'copy.txt'));
    await copyIntoBox(box, join(base, 'secret.txt'), 'copy.txt');
    expect(statSync(join(box, 'copy.txt')).isFile()).toBe(true);
  });

  it('refuses a parent directory that is a symlink out of the box', async () => {
    symlinkSync(base, join(box, 'escape'));
    await expect(writeBoxFile(box, 'escape/secret.txt', 'x')).rejects.toThrow(/not a directory/);
    expect(readFileSync(hostSecret, 'utf8')).toBe('host secret');
  });
});

describe('readBoxFile', () => {
  it('reads at most maxBytes of a regular file', async () => {
    writeFileSync(join(box, 'out.txt'), 'abcdef');
    expect((await readBoxFile(box, 'out.txt', 4))?.toString()).toBe('abcd');
    expect((await readBoxFile(box, 'out.txt', 100))?.toString()).toBe('abcdef');
  });

  it('returns null for a missing file, a symlink, a directory and a FIFO', async () => {
    symlinkSync(hostSecret, join(box, 'link'));
    mkdirSync(join(box, 'dir'));
    execFileSync('mkfifo', [join(box, 'fifo')]);
    for (const name of ['missing', 'link', 'dir', 'fifo']) expect(await readBoxFile(box, name, 100)).toBeNull();
  });
});

describe('run stdio files', () => {
  it('creates a fresh output file even where a symlink was planted', () => {
    symlinkSync(hostSecret, join(box, 'stdout'));
    const fd = createBoxOutput(box, 'stdout');
    writeSync(fd, 'program output');
    closeSync(fd);
    expect(readFileSync(hostSecret, 'utf8')).toBe('host secret');
    expect(readFileSync(join(box, 'stdout'), 'utf8')).toBe('program output');
  });

  it('opens only a regular file as input', () => {
    symlinkSync(hostSecret, join(box, 'stdin'));
    expect(() => openBoxInput(box, 'stdin')).toThrow(/not a regular file/);
    writeFileSync(join(box, 'real'), 'data');
    closeSync(openBoxInput(box, 'real'));
  });
});
