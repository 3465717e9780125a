import { describe, expect, it } from 'vitest';
import { draftRelativePath, isDraftFileName } from './draft-file-names';

const key = { contestId: 'nwerc-2026', problemId: 'A', languageId: 'cpp' };

describe('draftRelativePath', () => {
  it('hex-encodes each id so the name is safe on every file system', () => {
    expect(draftRelativePath(key)).toEqual({ directory: '6e776572632d32303236', fileName: '41.637070.json' });
    expect(isDraftFileName(draftRelativePath(key).fileName)).toBe(true);
  });

  it('keeps ids that differ only in case apart (case-insensitive file systems)', () => {
    expect(draftRelativePath({ ...key, problemId: 'a' }).fileName).not.toBe(draftRelativePath(key).fileName);
  });

  it('gives Windows reserved names a harmless spelling', () => {
    const { fileName, directory } = draftRelativePath({ contestId: 'con', problemId: 'nul', languageId: 'aux' });
    expect(directory).toBe('636f6e');
    expect(fileName).toBe('6e756c.617578.json');
  });

  it('never mixes up the problem/language boundary', () => {
    const a = draftRelativePath({ ...key, problemId: 'a.b', languageId: 'c' }).fileName;
    const b = draftRelativePath({ ...key, problemId: 'a', languageId: 'b.c' }).fileName;
    expect(a).not.toBe(b);
  });

  it.each([
    ['parent directory', { ...key, problemId: '..' }],
    ['traversal in the contest', { ...key, contestId: '../../etc' }],
    ['a slash', { ...key, problemId: 'a/b' }],
    ['a backslash', { ...key, languageId: '..\\..\\x' }],
    ['a leading dot', { ...key, problemId: '.hidden' }],
    ['NUL', { ...key, problemId: 'a\0b' }],
    ['an absolute path', { ...key, contestId: '/etc' }],
    ['an empty id', { ...key, languageId: '' }],
    ['a too long id', { ...key, problemId: 'x'.repeat(37) }],
    ['a drive letter', { ...key, contestId: 'C:' }],
  ])('refuses %s', (_name, bad) => {
    expect(() => draftRelativePath(bad)).toThrow(/not a valid id/);
  });

  it('recognises only its own names (not temp files or strays)', () => {
    expect(isDraftFileName('.41.637070.json.abcdef.tmp')).toBe(false);
    expect(isDraftFileName('notes.txt')).toBe(false);
    expect(isDraftFileName('4.637070.json')).toBe(false);
  });
});
