import { describe, expect, it } from 'vitest';
import { buildSandboxCommand, cpuRlimitSeconds, type SandboxCommandInput } from './sandbox-command.js';

const input: SandboxCommandInput = {
  prlimitPath: '/usr/bin/prlimit',
  bwrapPath: '/usr/bin/bwrap',
  boxDir: '/var/lib/arena-judge/boxes/b1/box',
  argv: ['./a.out', 'x y'],
  env: { LANG: 'C.UTF-8' },
  cwd: '/box',
  limits: { cpuTimeMs: 1500, wallTimeMs: 5000, memoryBytes: 256 << 20, processes: 4, outputBytes: 1 << 20, tmpBytes: 8 << 20 },
  readOnlyMounts: [{ hostPath: '/cache/testdata', sandboxPath: '/testdata' }],
  etcPaths: ['/etc/alternatives'],
};

/** The value following `flag` in args (first occurrence). */
function after(args: string[], flag: string, count = 1): string[] {
  const index = args.indexOf(flag);
  return index < 0 ? [] : args.slice(index + 1, index + 1 + count);
}

describe('buildSandboxCommand', () => {
  const { file, args } = buildSandboxCommand(input);

  it('starts prlimit with hard limits, then bwrap', () => {
    expect(file).toBe('/usr/bin/prlimit');
    expect(args.slice(0, 5)).toEqual(['--cpu=3:4', `--fsize=${1 << 20}`, '--core=0', '--nofile=512', `--stack=${256 << 20}`]);
    expect(args[5]).toBe('/usr/bin/bwrap');
  });

  it('isolates every namespace and keeps the program on a short leash', () => {
    for (const flag of ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) {
      expect(args).toContain(flag);
    }
    expect(after(args, '--cap-drop')).toEqual(['ALL']);
  });

  it('mounts /usr read-only, the box read-write, a capped /tmp, and extra mounts read-only', () => {
    expect(after(args, '--ro-bind', 2)).toEqual(['/usr', '/usr']);
    expect(after(args, '--bind', 2)).toEqual([input.boxDir, '/box']);
    const tmpfs = args.indexOf('--tmpfs');
    expect(args.slice(tmpfs - 4, tmpfs + 2)).toEqual(['--size', String(8 << 20), '--perms', '1777', '--tmpfs', '/tmp']);
    expect(args.join(' ')).toContain('--ro-bind /cache/testdata /testdata');
    expect(args.join(' ')).toContain('--ro-bind-try /etc/alternatives /etc/alternatives');
    expect(after(args, '--remount-ro')).toEqual(['/']);
  });

  it('sets only the given environment and ends with the argv untouched', () => {
    expect(args.join(' ')).toContain('--setenv PATH /usr/bin:/bin --setenv HOME /box --setenv LANG C.UTF-8');
    expect(after(args, '--info-fd')).toEqual(['3']);
    expect(after(args, '--block-fd')).toEqual(['4']);
    expect(args.slice(args.indexOf('--') + 1)).toEqual(['./a.out', 'x y']);
  });

  it('sizes /tmp like the memory limit when no tmp size is given', () => {
    const { args: defaults } = buildSandboxCommand({ ...input, limits: { ...input.limits, tmpBytes: undefined } });
    expect(after(defaults, '--size')).toEqual([String(256 << 20)]);
  });

  it.each<[string, Partial<SandboxCommandInput>, RegExp]>([
    ['empty argv', { argv: [] }, /argv/],
    ['bad env name', { env: { 'A=B': 'x' } }, /environment variable/],
    ['zero memory', { limits: { ...input.limits, memoryBytes: 0 } }, /memoryBytes/],
    ['fractional CPU limit', { limits: { ...input.limits, cpuTimeMs: 1.5 } }, /cpuTimeMs/],
    ['relative cwd', { cwd: 'box' }, /cwd/],
    ['relative mount', { readOnlyMounts: [{ hostPath: 'data', sandboxPath: '/data' }] }, /absolute/],
  ])('rejects %s', (_name, change, message) => {
    expect(() => buildSandboxCommand({ ...input, ...change })).toThrow(message);
  });
});

describe('cpuRlimitSeconds', () => {
  it.each([[1, 2, 3], [1000, 2, 3], [1001, 3, 4], [2500, 4, 5]])('%i ms -> soft %i s, hard %i s', (ms, soft, hard) => {
    expect(cpuRlimitSeconds(ms)).toEqual({ soft, hard });
  });
});
