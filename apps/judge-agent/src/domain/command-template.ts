/**
 * Turning a language's argv template (languages/languages.ts) into a concrete argv, and finding a
 * submission's entry point. Pure.
 */

export interface TemplateValues {
  files: readonly string[];
  main: string;
  entry: string;
  memoryLimitBytes: number;
}

const MIB = 1048576;

/** JVM heap for a memory limit: what is left after ~10% + 64 MiB of JVM overhead, at least 32 MiB. */
export function jvmHeapMb(memoryLimitBytes: number): number {
  const memoryMb = Math.floor(memoryLimitBytes / MIB);
  return Math.max(32, Math.floor(memoryMb * 0.9) - 64);
}

/** Stack size for runtimes that need one spelled out: the memory limit, capped at 1 GiB (JVM maximum). */
export function stackMb(memoryLimitBytes: number): number {
  return Math.max(8, Math.min(1024, Math.floor(memoryLimitBytes / MIB)));
}

/**
 * Expands `{files}` (several elements), `{main}`, `{entry}`, `{heapMb}`, `{stackMb}`, `{stackKb}`
 * (90% of the stack in KiB).
 * Throws on an unknown placeholder: the language table is wrong, which is a judge bug.
 */
export function expandTemplate(template: readonly string[], values: TemplateValues): string[] {
  const argv: string[] = [];
  for (const element of template) {
    if (element === '{files}') {
      argv.push(...values.files);
      continue;
    }
    argv.push(element.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) => {
      switch (name) {
        case 'main': return values.main;
        case 'entry': return values.entry;
        case 'heapMb': return String(jvmHeapMb(values.memoryLimitBytes));
        case 'stackMb': return String(stackMb(values.memoryLimitBytes));
        // 90%: V8 must hit its own limit (a RangeError) before the real stack rlimit (a segfault).
        case 'stackKb': return String(Math.floor(stackMb(values.memoryLimitBytes) * 1024 * 0.9));
        default: throw new Error(`unknown placeholder {${name}} in language template`);
      }
    }));
  }
  return argv;
}

export interface SourceFile {
  /** Path inside the box, e.g. `Main.java`. */
  path: string;
  content: string;
}

export type EntryPointResult = { ok: true; main: string; entry: string } | { ok: false; error: string };

/**
 * The main file and entry point of a submission.
 * - `main-file`: the named entry point if it is one of the files, else the only file, else a
 *   file named `main.*`, else the first file.
 * - `java-class`: the named entry point (a class name, or a file name like `Main.java`), else the
 *   class whose file declares `static void main`, qualified by its `package`.
 * Fails (the team sees it as a compile error) when no entry point can be found.
 */
export function resolveEntryPoint(files: readonly SourceFile[], entryPoint: string | null, kind: 'main-file' | 'java-class'): EntryPointResult {
  const first = files[0];
  if (first === undefined) return { ok: false, error: 'the submission has no files' };
  if (kind === 'main-file') {
    const named = entryPoint === null ? undefined : files.find((file) => file.path === entryPoint || baseName(file.path) === entryPoint);
    if (entryPoint !== null && named === undefined) return { ok: false, error: `entry point ${JSON.stringify(entryPoint)} is not one of the submitted files` };
    const main = (named ?? files.find((file) => /^main\.[^.]+$/i.test(baseName(file.path))) ?? first).path;
    return { ok: true, main, entry: main };
  }
  if (entryPoint !== null) {
    const className = entryPoint.endsWith('.java') ? baseName(entryPoint).slice(0, -'.java'.length) : entryPoint;
    const file = files.find((candidate) => baseName(candidate.path) === `${className.split('.').pop() ?? className}.java`);
    const qualified = className.includes('.') || file === undefined ? className : qualify(className, file.content);
    return { ok: true, main: file?.path ?? first.path, entry: qualified };
  }
  const withMain = files.filter((file) => /\bstatic\s+(?:public\s+|final\s+)*void\s+main\s*\(/.test(stripComments(file.content)));
  const chosen = withMain.length === 1 ? withMain[0] : (files.length === 1 ? first : undefined);
  if (chosen === undefined) {
    return { ok: false, error: withMain.length > 1 ? 'more than one file declares main(); name the entry point class' : 'no file declares public static void main(String[] args)' };
  }
  const className = baseName(chosen.path).replace(/\.java$/, '');
  return { ok: true, main: chosen.path, entry: qualify(className, chosen.content) };
}

function qualify(className: string, content: string): string {
  const declared = /^\s*package\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*;/m.exec(stripComments(content));
  return declared === null ? className : `${declared[1]}.${className}`;
}

function stripComments(content: string): string {
  return content.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
