import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPrintCommand } from './print-command';

const NODE = process.execPath;
const INPUT = { text: 'line 1\nline 2\n', title: 'Team 1: a b.cpp', teamId: 'team1', filename: '../a b.cpp' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-print-cmd-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const options = () => ({ timeoutMs: 10_000, tempRoot: join(dir, 'tmp') });

describe('runPrintCommand', () => {
  it('passes the text on stdin and fills placeholders inside arguments, without a shell', async () => {
    const script = "const fs = require('fs'); fs.writeFileSync(process.argv[1], JSON.stringify({ stdin: fs.readFileSync(0, 'utf8'), args: process.argv.slice(2) }))";
    const out = join(dir, 'out.json');
    const outcome = await runPrintCommand([NODE, '-e', script, out, '{title}', 'team={team}', '{filename}', '$(touch pwned)'], INPUT, options());
    expect(outcome).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ stdin: INPUT.text, args: ['Team 1: a b.cpp', 'team=team1', '../a b.cpp', '$(touch pwned)'] });
    expect(readdirSync(dir)).not.toContain('pwned');
  });

  it('gives {file} as a temporary file with the text (a safe name), removed afterwards', async () => {
    const script = "const fs = require('fs'); fs.writeFileSync(process.argv[2], process.argv[1] + '\\n' + fs.readFileSync(process.argv[1], 'utf8'))";
    const out = join(dir, 'copy.txt');
    expect(await runPrintCommand([NODE, '-e', script, '{file}', out], INPUT, options())).toEqual({ ok: true });
    const [path, ...rest] = readFileSync(out, 'utf8').split('\n');
    expect(rest.join('\n')).toBe(INPUT.text);
    expect(path?.startsWith(join(dir, 'tmp'))).toBe(true);
    expect(path?.endsWith('/__a_b.cpp')).toBe(true);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('reports a failing command with its exit status and output', async () => {
    const outcome = await runPrintCommand([NODE, '-e', "console.log('queue paused'); console.error('lp: printer offline'); process.exit(2)"], INPUT, options());
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toContain('exited with status 2');
    expect(outcome.error).toContain('lp: printer offline');
    expect(outcome.error).toContain('queue paused');
  });

  it('reports a command that does not exist', async () => {
    expect(await runPrintCommand([join(dir, 'no-such-lp')], INPUT, options())).toEqual({ ok: false, error: `print command not found: ${join(dir, 'no-such-lp')}` });
  });

  it('kills a command that runs past the timeout', async () => {
    const outcome = await runPrintCommand([NODE, '-e', 'setInterval(() => {}, 1000)'], INPUT, { timeoutMs: 200, tempRoot: join(dir, 'tmp') });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toContain('timed out after 200 ms');
  });

  it('does not fail when the command ignores its stdin', async () => {
    expect(await runPrintCommand([NODE, '-e', 'process.exit(0)'], { ...INPUT, text: 'x'.repeat(1 << 20) }, options())).toEqual({ ok: true });
  });
});
