/**
 * The languages the judge knows, as data. Nothing here runs anything: the compile and run steps
 * expand these templates and hand the argv to the sandbox.
 *
 * Template placeholders (each must be a whole argv element):
 * - `{files}`   every source file with one of the language's extensions, in submission order
 *               (expands to several elements; headers and other files stay out)
 * - `{main}`    the main source file (entry point, else the only/first file)
 * - `{entry}`   the entry point as the language names it (Java: the main class, `pkg.Main`)
 * - `{heapMb}`  JVM heap (-Xmx) in MiB, derived from the memory limit
 * - `{stackMb}` JVM thread stack (-Xss) in MiB, derived from the memory limit (stack is limited
 *               only by the memory limit)
 * - `{stackKb}` the same in KiB (Node's --stack-size)
 *
 * `requires` lists executables that must exist in the sandbox's PATH (/usr/bin, /bin) for the
 * language to be offered; `aptPackage` is what to install when they are missing.
 */

export interface LanguageDefinition {
  id: string;
  name: string;
  /** File extensions without the dot; the first is the canonical one. */
  extensions: readonly string[];
  requires: readonly string[];
  aptPackage: string;
  /**
   * Compiler argv template, or null when the language needs no compile step (this is the
   * needs-compile flag). For interpreted languages it is a syntax check, so that a syntax error
   * is CE rather than RTE. Runs in the sandbox with the compile limits.
   */
  compile: readonly string[] | null;
  run: readonly string[];
  /** Extra environment for compile and run (PATH is the sandbox's). */
  env?: Readonly<Record<string, string>>;
  /**
   * How the memory limit reaches the program. `cgroup`: the sandbox's memory cgroup alone.
   * `jvm`: also -Xmx/-Xss ({heapMb}/{stackMb}), because the JVM otherwise sizes its heap from the
   * machine's RAM, not the limit.
   */
  memory: 'cgroup' | 'jvm';
  /** Max processes + threads while running (runtimes with helper threads need more than 1). */
  runProcesses: number;
  /** How `{entry}` is found when the submission names no entry point. */
  entryPoint: 'main-file' | 'java-class';
}

export const LANGUAGES: readonly LanguageDefinition[] = Object.freeze([
  {
    id: 'c', name: 'C', extensions: ['c'], requires: ['gcc'], aptPackage: 'gcc',
    compile: ['gcc', '-std=gnu17', '-O2', '-pipe', '-static', '-o', 'solution', '{files}', '-lm'],
    run: ['./solution'], memory: 'cgroup', runProcesses: 16, entryPoint: 'main-file',
  },
  {
    id: 'cpp', name: 'C++', extensions: ['cpp', 'cc', 'cxx', 'c++', 'C'], requires: ['g++'], aptPackage: 'g++',
    compile: ['g++', '-std=gnu++20', '-O2', '-pipe', '-static', '-o', 'solution', '{files}'],
    run: ['./solution'], memory: 'cgroup', runProcesses: 16, entryPoint: 'main-file',
  },
  {
    id: 'java', name: 'Java', extensions: ['java'], requires: ['javac', 'java'], aptPackage: 'openjdk-17-jdk-headless',
    compile: ['javac', '-encoding', 'UTF-8', '-J-Xmx1024m', '-J-Xss64m', '-J-XX:+UseSerialGC', '-J-XX:TieredStopAtLevel=1', '-d', '.', '{files}'],
    run: ['java', '-Xmx{heapMb}m', '-Xss{stackMb}m', '-XX:+UseSerialGC', '-Dfile.encoding=UTF-8', '-cp', '.', '{entry}'],
    memory: 'jvm', runProcesses: 64, entryPoint: 'java-class',
  },
  {
    id: 'python3', name: 'Python 3', extensions: ['py'], requires: ['python3'], aptPackage: 'python3',
    // The "compile" is a syntax check, so a syntax error is CE rather than RTE.
    compile: ['python3', '-S', '-m', 'py_compile', '{files}'],
    run: ['python3', '-S', '{main}'], memory: 'cgroup', runProcesses: 16, entryPoint: 'main-file',
  },
  {
    id: 'javascript', name: 'JavaScript (Node.js)', extensions: ['js', 'mjs', 'cjs'], requires: ['node'], aptPackage: 'nodejs',
    compile: ['node', '--check', '{main}'],
    run: ['node', '--stack-size={stackKb}', '{main}'], memory: 'cgroup', runProcesses: 32, entryPoint: 'main-file',
  },
  {
    id: 'kotlin', name: 'Kotlin', extensions: ['kt'], requires: ['kotlinc', 'java'], aptPackage: 'kotlin',
    compile: ['kotlinc', '-J-Xmx1024m', '-J-XX:+UseSerialGC', '-include-runtime', '-d', 'solution.jar', '{files}'],
    run: ['java', '-Xmx{heapMb}m', '-Xss{stackMb}m', '-XX:+UseSerialGC', '-jar', 'solution.jar'],
    memory: 'jvm', runProcesses: 64, entryPoint: 'main-file',
  },
  {
    id: 'rust', name: 'Rust', extensions: ['rs'], requires: ['rustc'], aptPackage: 'rustc',
    compile: ['rustc', '-O', '--edition', '2021', '-o', 'solution', '{main}'],
    run: ['./solution'], memory: 'cgroup', runProcesses: 16, entryPoint: 'main-file',
  },
  {
    id: 'go', name: 'Go', extensions: ['go'], requires: ['go'], aptPackage: 'golang-go',
    compile: ['go', 'build', '-o', 'solution', '{files}'],
    env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', HOME: '/tmp', CGO_ENABLED: '0', GO111MODULE: 'off' },
    run: ['./solution'], memory: 'cgroup', runProcesses: 64, entryPoint: 'main-file',
  },
] satisfies LanguageDefinition[]);

/** The language with this id, or undefined. */
export function findLanguage(id: string): LanguageDefinition | undefined {
  return LANGUAGES.find((language) => language.id === id);
}

/** The language a file name's extension belongs to (case-sensitive first, so `.C` is C++). */
export function languageForFile(fileName: string): LanguageDefinition | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = fileName.slice(dot + 1);
  return LANGUAGES.find((language) => language.extensions.includes(extension))
    ?? LANGUAGES.find((language) => language.extensions.includes(extension.toLowerCase()));
}
