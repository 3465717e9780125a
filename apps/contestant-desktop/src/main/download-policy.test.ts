import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadTarget, safeFileName } from './download-policy';

const DIR = join('/home', 'team', 'Downloads');

describe('downloadTarget', () => {
  it('saves attachments the app made into Downloads/Arena without a dialog', () => {
    expect(downloadTarget('blob:app://arena/4f7c-11', 'sample.zip', DIR)).toBe(join(DIR, 'Arena', 'sample.zip'));
  });

  it.each([
    'https://10.0.0.5:8443/attachments/x.zip',
    'blob:https://evil.example/123',
    'data:application/octet-stream;base64,AAAA',
    'file:///etc/passwd',
    'blob:app://arenax/1',
  ])('refuses %s', (url) => {
    expect(downloadTarget(url, 'x.zip', DIR)).toBeNull();
  });
});

describe('safeFileName', () => {
  it.each([
    ['../../.bashrc', 'bashrc'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['a/b/c.txt', 'c.txt'],
    ['con.txt', '_con.txt'],
    ['NUL', '_NUL'],
    ['what?<>|*.txt', 'what_____.txt'],
    ['tab\there', 'tab_here'],
    ['...', 'attachment'],
    ['', 'attachment'],
    ['trailing. ', 'trailing'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('caps long names', () => {
    expect(safeFileName(`${'x'.repeat(300)}.txt`)).toHaveLength(120);
  });
});
