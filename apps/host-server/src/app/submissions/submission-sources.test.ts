import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../adapters/sqlite/database';
import { SubmissionRepo } from '../../adapters/sqlite/repos/submission-repo';
import { hashSourceFiles, sha256Hex } from './decode-submission-zip';
import { createSubmissionSources } from './submission-sources';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'arena-sources-'));
  const db = openDatabase(join(dir, 'arena.db'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, repo: new SubmissionRepo(db), sources: createSubmissionSources(db) };
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), path);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const decoded = (files: Record<string, string>) => Object.entries(files).map(([path, text]) => ({ path, data: Buffer.from(text) }));

describe('submission sources', () => {
  it('keeps the zip once, byte for byte, and serves each file in it by its own sha256', async () => {
    const { repo, sources } = setup();
    const files = { 'b.cpp': 'int main() {}\n', 'a/x.h': '#pragma once\n' };
    const zip = await zipOf(files);
    const hashed = hashSourceFiles(decoded(files));
    expect(hashed.map((f) => f.path)).toEqual(['a/x.h', 'b.cpp']);
    repo.insertSources(sha256Hex(zip), zip, hashed);
    repo.insertSources(sha256Hex(zip), zip, hashed); // the same bytes again: no-op
    expect(sources.zip(sha256Hex(zip))?.equals(zip)).toBe(true);
    expect((await sources.read(sha256Hex(zip)))?.equals(zip)).toBe(true);
    for (const f of hashed) expect((await sources.read(f.sha256))?.toString()).toBe(files[f.path as keyof typeof files]);
    expect(await sources.read(sha256Hex(Buffer.from('unknown')))).toBeUndefined();
  });

  it('never returns bytes that do not hash to what was asked for', async () => {
    const { db, repo, sources } = setup();
    const zip = await zipOf({ 'main.cpp': 'real\n' });
    repo.insertSources(sha256Hex(zip), zip, []);
    const claimed = sha256Hex(Buffer.from('something else'));
    db.prepare('INSERT INTO submission_files (sha256, zip_sha256, path) VALUES (?, ?, ?)').run(claimed, sha256Hex(zip), 'main.cpp');
    expect(await sources.read(claimed)).toBeUndefined();
  });
});
