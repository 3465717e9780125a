import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, rendererFilePath } from './renderer-files';

const ROOT = join('/opt', 'arena', 'resources', 'app', 'dist', 'renderer');

describe('rendererFilePath', () => {
  it.each([
    ['app://arena/', 'index.html'],
    ['app://arena/index.html', 'index.html'],
    ['app://arena/assets/index-abc.js', join('assets', 'index-abc.js')],
    ['app://arena/assets/editor%20worker.js', join('assets', 'editor worker.js')],
    ['app://arena/problems/A', 'index.html'],
  ])('maps %s inside the renderer folder', (url, relative) => {
    expect(rendererFilePath(url, ROOT)).toBe(join(ROOT, relative));
  });

  it.each([
    'app://arena/../../../etc/shadow.txt',
    'app://arena/assets/%2e%2e/%2e%2e/%2e%2e/etc/shadow.txt',
  ])('keeps %s inside the renderer folder (the URL parser resolves the dots first)', (url) => {
    expect(rendererFilePath(url, ROOT)).toBe(join(ROOT, 'etc', 'shadow.txt'));
  });

  it.each([
    'app://arena/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://arena/assets/..%5c..%5cwindows%5cwin.ini',
    'app://arena/assets/a%00.js',
    'app://arena/%E0%A4%A',
    'app://evil/index.html',
    'https://10.0.0.5:8443/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(rendererFilePath(url, ROOT)).toBeNull();
  });
});

describe('mimeTypeOf', () => {
  it('serves scripts, styles and fonts with their types and unknown files as bytes', () => {
    expect(mimeTypeOf('a/index.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a/x.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a/codicon.ttf')).toBe('font/ttf');
    expect(mimeTypeOf('a/x.exe')).toBe('application/octet-stream');
  });
});
