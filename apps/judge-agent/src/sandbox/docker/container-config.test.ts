import { describe, expect, it } from 'vitest';
import { buildContainerOptions, inPlaceUpdate, shapeKey, type ContainerShape } from './container-config';

const MIB = 1024 * 1024;
const shape: ContainerShape = { image: 'arena-judge-cpp', memoryBytes: 256 * MIB, processes: 16, tmpBytes: 64 * MIB, readOnlyDirs: ['/judge'] };
const placement = {
  boxHostDir: '/work/docker-boxes/box-1-1-62000/box',
  ioHostDir: '/work/docker-boxes/box-1-1-62000/io',
  readOnlyHostDirs: ['/work/docker-boxes/box-1-1-62000/ro-0'],
  uid: 62000,
  extraBinds: ['/usr:/usr'],
  labels: { 'org.arena.judge.owner-pid': '1' },
};

describe('buildContainerOptions', () => {
  const options = buildContainerOptions(shape, placement);
  const host = options.HostConfig ?? {};

  it('locks the container down as the issue lists', () => {
    expect(host).toMatchObject({
      NetworkMode: 'none',
      Memory: 256 * MIB,
      MemorySwap: 256 * MIB,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      CapAdd: ['SETUID', 'SETGID', 'KILL'],
      SecurityOpt: ['no-new-privileges'],
      Init: true,
      AutoRemove: false,
      Privileged: false,
      LogConfig: { Type: 'none', Config: {} },
    });
    expect(options.NetworkDisabled).toBe(true);
    expect(host.PidsLimit).toBeGreaterThan(shape.processes);
    expect(host.Tmpfs).toEqual({ '/tmp': `size=${64 * MIB},mode=1777,exec` });
  });

  it('sets nofile and nproc explicitly (Podman fails without them)', () => {
    expect(host.Ulimits?.map((limit) => limit.Name).sort()).toEqual(['core', 'nofile', 'nproc']);
  });

  it('mounts the box read-write and everything else read-only', () => {
    expect(host.Binds).toEqual([
      '/work/docker-boxes/box-1-1-62000/box:/box:rw',
      '/work/docker-boxes/box-1-1-62000/io:/arena-io:ro',
      '/work/docker-boxes/box-1-1-62000/ro-0:/judge:ro',
      '/usr:/usr:ro',
    ]);
  });

  it('runs the runner, which starts programs as the box uid', () => {
    expect(options.Cmd).toEqual(['/arena/arena-runner']);
    expect(options).toMatchObject({ OpenStdin: true, StdinOnce: false, Tty: false });
  });

  it('pins to a CPU only when asked', () => {
    expect(host.CpusetCpus).toBeUndefined();
    expect(buildContainerOptions(shape, { ...placement, cpu: 1 }).HostConfig?.CpusetCpus).toBe('1');
  });
});

describe('shapeKey', () => {
  it('differs when the memory or the read-only directories differ, not with their order', () => {
    expect(shapeKey(shape)).not.toBe(shapeKey({ ...shape, memoryBytes: 512 * MIB }));
    expect(shapeKey({ ...shape, readOnlyDirs: ['/a', '/b'] })).toBe(shapeKey({ ...shape, readOnlyDirs: ['/b', '/a'] }));
    expect(shapeKey(shape)).not.toBe(shapeKey({ ...shape, readOnlyDirs: [] }));
  });
});

describe('inPlaceUpdate', () => {
  const compile: ContainerShape = { ...shape, memoryBytes: 2048 * MIB, processes: 128, readOnlyDirs: [] };
  const tests: ContainerShape = { ...shape, memoryBytes: 256 * MIB, processes: 16, readOnlyDirs: [] };

  it('moves a compile container to the test cases\' limits', () => {
    expect(inPlaceUpdate(compile, tests)).toEqual({ Memory: 256 * MIB, MemorySwap: 256 * MIB, PidsLimit: 16 + 3 });
  });

  it.each<[string, Partial<ContainerShape>]>([
    ['another image', { image: 'arena-judge-python' }],
    ['another /tmp size', { tmpBytes: 128 * MIB }],
    ['other read-only mounts', { readOnlyDirs: ['/judge'] }],
    ['more processes than the container was made for', { processes: 256 }],
  ])('needs a fresh container for %s', (_name, change) => {
    expect(inPlaceUpdate(compile, { ...tests, ...change })).toBeNull();
  });
});
