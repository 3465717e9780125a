import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../app/errors';
import { parseHostConfig, type HostConfig } from '../app/host-config';

/** Config keys that CLI flags may set; a flag left out keeps the file's value (or the default). */
export interface ConfigFlags {
  dataDir?: string;
  port?: number;
  listenHost?: string;
  redisUrl?: string;
  tls?: boolean;
  mdns?: boolean;
}

/**
 * Reads the optional config file (YAML or JSON: YAML is a superset), lays the flags over it and
 * validates the result once with `parseHostConfig`. Throws an AppError `bad_request` naming the
 * file and listing every problem; nothing is created or changed on failure.
 */
export function loadHostConfig(configFile: string | undefined, flags: ConfigFlags): HostConfig {
  const fromFile = configFile === undefined ? {} : readConfigFile(configFile);
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined) merged[key] = value;
  }
  try {
    return parseHostConfig(merged);
  } catch (err) {
    const where = configFile === undefined ? 'command-line flags' : `${configFile} (with command-line flags)`;
    const hint = merged.dataDir === undefined ? ' (give --data DIR or set dataDir in the config file)' : '';
    throw new AppError('bad_request', `${where}: ${(err as Error).message}${hint}`);
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError('bad_request', `cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw new AppError('bad_request', `config file ${path} is not valid YAML or JSON: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('bad_request', `config file ${path} must hold a mapping of keys to values at the top level`);
  }
  return parsed as Record<string, unknown>;
}
