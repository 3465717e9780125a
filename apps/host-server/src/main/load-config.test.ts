import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors';
import { loadHostConfig } from './load-config';

const SAMPLE = fileURLToPath(new URL('../../config/host.sample.yaml', import.meta.url));
let dir: string;

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'arena-config-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('loadHostConfig', () => {
  it('parses the sample file, which documents every key with its default value', () => {
    const fromSample = loadHostConfig(SAMPLE, {});
    const defaults = loadHostConfig(undefined, { dataDir: '/var/lib/arena' });
    expect(fromSample).toEqual(defaults);
    // Every key of the full config, nested ones too, appears in the sample.
    const keysOf = (value: object, prefix = ''): string[] => Object.entries(value).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]);
    expect(keysOf(parseYaml(readFileSync(SAMPLE, 'utf8')) as object).sort()).toEqual(keysOf(defaults).sort());
  });

  it('reads JSON too, and lets flags override the file', () => {
    const path = file('host.json', JSON.stringify({ dataDir: '/from/file', port: 9000, tls: false, backup: { keep: 3 } }));
    const config = loadHostConfig(path, { port: 9443, mdns: false, dataDir: undefined });
    expect(config).toMatchObject({ dataDir: '/from/file', port: 9443, tls: false, mdns: false, backup: { keep: 3, intervalSeconds: 60 } });
  });

  it('returns a frozen config', () => {
    const config = loadHostConfig(undefined, { dataDir: dir });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.backup)).toBe(true);
  });

  it('lists every problem of a bad config, naming the file', () => {
    const path = file('bad.yaml', 'port: 99999\ntls: "yes"\nprot: 80\nbackup:\n  keep: 0\n  everySeconds: 5\n');
    const error = errorOf(() => loadHostConfig(path, {}));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(path);
    for (const problem of [/dataDir: .*--data DIR/, /port: /, /tls: /, /"prot"/, /backup\.keep: /, /"everySeconds"/]) {
      expect(error.message).toMatch(problem);
    }
  });

  it.each([
    ['a missing file', null, /cannot read config file .*ENOENT/],
    ['invalid YAML', 'port: [1, 2\n', /is not valid YAML or JSON/],
    ['a list at the top level', '- 1\n- 2\n', /must hold a mapping/],
  ])('rejects %s with a clear message', (_name, text, message) => {
    const path = text === null ? join(dir, 'missing.yaml') : file('c.yaml', text);
    expect(errorOf(() => loadHostConfig(path, { dataDir: dir })).message).toMatch(message);
  });

  it('treats an empty file as no settings', () => {
    expect(loadHostConfig(file('empty.yaml', ''), { dataDir: dir }).port).toBe(8443);
  });
});
