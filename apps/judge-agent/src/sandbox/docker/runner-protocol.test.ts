import { describe, expect, it } from 'vitest';
import { encodeRunnerRequest, parseRunnerReply, waitStatusToExitStatus, type RunnerRequest } from './runner-protocol';

const request: RunnerRequest = {
  uid: 62001,
  argv: ['sh', '-c', 'echo "a b"\nexit 3'],
  env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
  cwd: '/box',
  cpuTimeMs: 1000.4,
  wallTimeMs: 3000,
  fileSizeBytes: 1 << 20,
  processes: 16,
  openFiles: 64,
  stdinPath: '/arena-io/stdin',
  stdoutPath: '/box/.output',
  stderrPath: '',
};

function decode(line: string): string[] {
  return line.trim().split(' ').slice(1).map((field) => Buffer.from(field, 'hex').toString('utf8'));
}

describe('encodeRunnerRequest', () => {
  it('writes one line with every field hex-encoded, argv and env in order', () => {
    const line = encodeRunnerRequest(request);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line.startsWith('ARENA1 ')).toBe(true);
    expect(decode(line)).toEqual([
      'uid=62001', 'cpu_ms=1001', 'wall_ms=3000', 'fsize=1048576', 'nproc=16', 'nofile=64',
      'stdin=/arena-io/stdin', 'stdout=/box/.output', 'stderr=', 'cwd=/box',
      'env=PATH=/usr/bin:/bin', 'env=LANG=C.UTF-8',
      'arg=sh', 'arg=-c', 'arg=echo "a b"\nexit 3',
    ]);
  });

  it('refuses a NUL byte, which no argv can carry', () => {
    expect(() => encodeRunnerRequest({ ...request, argv: ['a\0b'] })).toThrow(/NUL/);
  });
});

describe('parseRunnerReply', () => {
  it('parses a finished run', () => {
    expect(parseRunnerReply('ARENA1 ok status=768 cpu_us=1500 wall_us=22000 maxrss_kb=2048 oom=0 killed=none clean=1')).toEqual({
      kind: 'ok',
      report: { waitStatus: 768, cpuTimeMs: 1.5, wallTimeMs: 22, peakMemoryBytes: 2 * 1024 * 1024, oomKills: 0, killedFor: null, scratchClean: true },
    });
  });

  it.each([
    ['killed=cpu oom=0', { killedFor: 'cpu-limit', oomKills: 0 }],
    ['killed=wall oom=2', { killedFor: 'wall-limit', oomKills: 2 }],
    ['killed=none oom=-1', { killedFor: null, oomKills: null }],
  ])('reads %s', (fields, expected) => {
    const reply = parseRunnerReply(`ARENA1 ok status=9 cpu_us=1 wall_us=1 maxrss_kb=1 clean=0 ${fields}`);
    expect(reply.kind === 'ok' && reply.report).toMatchObject({ ...expected, scratchClean: false });
  });

  it('parses ready and error lines', () => {
    expect(parseRunnerReply('ARENA1 ready')).toEqual({ kind: 'ready' });
    expect(parseRunnerReply(`ARENA1 error ${Buffer.from('exec failed for "x": No such file').toString('hex')}`)).toEqual({ kind: 'error', message: 'exec failed for "x": No such file' });
  });

  it.each([
    'hello',
    'ARENA1',
    'ARENA1 ok status=-1 cpu_us=1 wall_us=1 maxrss_kb=1 oom=0 killed=none clean=1',
    'ARENA1 ok status=0 cpu_us=1 wall_us=1 maxrss_kb=1 oom=0 killed=maybe clean=1',
    'ARENA1 ok status=0 cpu_us=1',
    'ARENA1 error zz',
  ])('treats %j as not the runner\'s', (line) => {
    expect(parseRunnerReply(line).kind).toBe('invalid');
  });
});

describe('waitStatusToExitStatus', () => {
  it.each([[0, 0], [3 << 8, 3], [255 << 8, 255], [9, 137], [11, 139], [24, 152]])('%i → %i', (status, exit) => {
    expect(waitStatusToExitStatus(status)).toBe(exit);
  });
});
