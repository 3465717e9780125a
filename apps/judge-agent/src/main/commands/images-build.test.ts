import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDebianMirror } from './images-build';

const dirs: string[] = [];
function aptDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-apt-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findDebianMirror', () => {
  it('reads a deb822 .sources file (Debian 12 default)', () => {
    const dir = aptDir({ 'sources.list.d/debian.sources': 'Types: deb\nURIs: http://mirror.example.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: http://mirror.example.org/debian-security\nSuites: bookworm-security\n' });
    expect(findDebianMirror(dir)).toBe('http://mirror.example.org/debian');
  });

  it('reads a one-line sources.list, options included', () => {
    const dir = aptDir({ 'sources.list': '# local\ndeb [arch=amd64] http://10.0.0.5/debian/ bookworm main\n' });
    expect(findDebianMirror(dir)).toBe('http://10.0.0.5/debian');
  });

  it('skips the security archive and falls back to deb.debian.org', () => {
    const dir = aptDir({ 'sources.list': 'deb http://security.debian.org/debian-security bookworm-security main\n' });
    expect(findDebianMirror(dir)).toBe('http://deb.debian.org/debian');
  });
});
