import { describe, expect, it } from 'vitest';
import { expandTemplate, jvmHeapMb, resolveEntryPoint, stackMb } from './command-template';

const MIB = 1048576;

describe('expandTemplate', () => {
  it('expands every placeholder', () => {
    const argv = expandTemplate(['java', '-Xmx{heapMb}m', '-Xss{stackMb}m', '--stack-size={stackKb}', '-cp', '.', '{entry}', '{main}', '{files}', 'end'], {
      files: ['A.java', 'B.java'], main: 'A.java', entry: 'pkg.A', memoryLimitBytes: 1024 * MIB,
    });
    expect(argv).toEqual(['java', '-Xmx857m', '-Xss1024m', '--stack-size=943718', '-cp', '.', 'pkg.A', 'A.java', 'A.java', 'B.java', 'end']);
  });

  it('refuses an unknown placeholder', () => {
    expect(() => expandTemplate(['{nope}'], { files: [], main: 'a', entry: 'a', memoryLimitBytes: MIB })).toThrow(/nope/);
  });

  it.each([[256, 166, 256], [64, 32, 64], [2048, 1779, 1024], [4, 32, 8]])('memory %d MiB → heap %d MiB, stack %d MiB', (memoryMb, heap, stack) => {
    expect(jvmHeapMb(memoryMb * MIB)).toBe(heap);
    expect(stackMb(memoryMb * MIB)).toBe(stack);
  });
});

describe('resolveEntryPoint', () => {
  const file = (path: string, content = '') => ({ path, content });

  it('main-file: the only file, the named one, or the first', () => {
    expect(resolveEntryPoint([file('a.py')], null, 'main-file')).toEqual({ ok: true, main: 'a.py', entry: 'a.py' });
    expect(resolveEntryPoint([file('lib.py'), file('main.py')], 'main.py', 'main-file')).toEqual({ ok: true, main: 'main.py', entry: 'main.py' });
    expect(resolveEntryPoint([file('x.py'), file('y.py')], null, 'main-file')).toMatchObject({ main: 'x.py' });
    expect(resolveEntryPoint([file('helper.py'), file('main.py')], null, 'main-file')).toMatchObject({ main: 'main.py' });
    expect(resolveEntryPoint([file('x.py')], 'other.py', 'main-file').ok).toBe(false);
  });

  it('java-class: from the file declaring main, with its package', () => {
    const util = file('Util.java', 'class Util { static int f() { return 1; } }');
    const main = file('Solver.java', 'package contest.a;\n// static void main( in a comment\npublic class Solver { public static void main(String[] args) {} }');
    expect(resolveEntryPoint([util, main], null, 'java-class')).toEqual({ ok: true, main: 'Solver.java', entry: 'contest.a.Solver' });
  });

  it('java-class: the named class wins', () => {
    expect(resolveEntryPoint([file('A.java', 'class A { public static void main(String[] a) {} }'), file('B.java', 'class B { public static void main(String[] a) {} }')], 'B', 'java-class'))
      .toEqual({ ok: true, main: 'B.java', entry: 'B' });
    expect(resolveEntryPoint([file('A.java', 'package p; class A {}')], 'A.java', 'java-class')).toMatchObject({ entry: 'p.A' });
  });

  it('java-class: ambiguous or missing main fails', () => {
    const a = file('A.java', 'class A { public static void main(String[] a) {} }');
    const b = file('B.java', 'class B { static public void main(String[] a) {} }');
    expect(resolveEntryPoint([a, b], null, 'java-class').ok).toBe(false);
    expect(resolveEntryPoint([file('A.java', 'class A {}'), file('B.java', 'class B {}')], null, 'java-class').ok).toBe(false);
    expect(resolveEntryPoint([file('Lone.java', 'class Lone {}')], null, 'java-class')).toMatchObject({ ok: true, entry: 'Lone' });
  });
});
