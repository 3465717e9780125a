import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../src/adapters/blobs/blob-store';
import { openDatabase, type Db } from '../src/adapters/sqlite/database';
import { Store } from '../src/adapters/sqlite/store';
import { parseHostConfig } from '../src/app/host-config';
import type { HostContext } from '../src/app/host-context';
import { importContestPackage } from '../src/app/import/import-contest';
import { renderLatexStatement } from '../src/app/statements/render-latex';
import { renderMarkdownStatement } from '../src/app/statements/render-markdown';

const FIXTURE = resolve(__dirname, '../../../e2e/fixtures/contests/sample');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function harness(): { ctx: HostContext; db: Db } {
  const dir = tempDir('arena-statements-');
  const db = openDatabase(join(dir, 'arena.db'));
  cleanups.push(() => db.close());
  const ctx: HostContext = {
    config: parseHostConfig({ dataDir: dir }), store: new Store(db, () => 0), blobs: new BlobStore(join(dir, 'blobs')),
    log: pino({ level: 'silent' }), clock: () => 0,
  };
  return { ctx, db };
}

function statementHtml(db: Db, problemId: string, format: string): string {
  const row = db.prepare('SELECT html FROM statements WHERE contest_id = ? AND problem_id = ? AND format = ?').get('sample', problemId, format) as { html: string } | undefined;
  expect(row).toBeDefined();
  return row?.html ?? '';
}

/** Resolver for unit tests: only `known` exists; records what was asked. */
function resolverFor(known: string[]) {
  const asked: string[] = [];
  const resolveAsset = (ref: string, exts: readonly string[] = []): string | null => {
    asked.push(ref);
    const hit = [ref, ...exts.map((e) => ref + e)].find((c) => known.includes(c));
    return hit === undefined ? null : `/api/contests/c/problems/p/statement-assets/${hit}`;
  };
  return { resolveAsset, asked };
}

describe('statements of the fixture contest, rendered at import', () => {
  it('stores sanitized HTML for LaTeX and Markdown statements, with math as KaTeX HTML', async () => {
    const { ctx, db } = harness();
    await importContestPackage(ctx, FIXTURE);

    const hello = statementHtml(db, 'hello', 'tex');
    expect(hello).toContain('<h1>Hello World!</h1>');
    expect(hello).toContain('<h2>Input</h2>');
    expect(hello).toContain('<h2>Output</h2>');
    expect(hello).toContain('<em>famous</em>');
    expect(hello).toContain('<strong>Hello World!</strong>');
    expect(hello).toContain('<code>Hello World!</code>');
    expect(hello).toMatch(/<ul><li>Print exactly one line\.<\/li><li>/);
    expect(hello).toContain('class="katex"');
    expect(hello).not.toContain('\\section');

    const guess = statementHtml(db, 'guess', 'md');
    expect(guess).toContain('class="katex"');
    expect(guess).toContain('class="katex-display"');
    expect(guess).not.toMatch(/\$/);
    expect(guess).toContain('<code>lower</code>');

    const source = db.prepare("SELECT source_sha256 FROM statements WHERE problem_id = 'guess'").get() as { source_sha256: string };
    expect(ctx.blobs.read(source.source_sha256).toString()).toBe(readFileSync(join(FIXTURE, 'problems/guess/statement/problem.en.md'), 'utf8'));
  });

  it('rewrites statement images to the asset route and stores them as problem files', async () => {
    const { ctx, db } = harness();
    await importContestPackage(ctx, FIXTURE);
    const sumsub = statementHtml(db, 'sumsub', 'md');
    expect(sumsub).toContain('<img src="/api/contests/sample/problems/sumsub/statement-assets/images/sum.png" alt="Adding numbers" />');
    expect(sumsub).toContain('<table>');
    const files = db.prepare("SELECT kind, path, sha256, mime FROM problem_files WHERE problem_id = 'sumsub' ORDER BY kind, path").all();
    const png = readFileSync(join(FIXTURE, 'problems/sumsub/statement/images/sum.png'));
    const attachment = readFileSync(join(FIXTURE, 'problems/sumsub/attachments/example.txt'));
    expect(files).toEqual([
      { kind: 'attachment', path: 'example.txt', sha256: BlobStore.sha256(attachment), mime: 'text/plain' },
      { kind: 'statement-asset', path: 'images/sum.png', sha256: BlobStore.sha256(png), mime: 'image/png' },
    ]);
    expect(ctx.blobs.read(BlobStore.sha256(png)).equals(png)).toBe(true);
  });

  it('removes scripts from a statement and reports LaTeX it cannot convert', async () => {
    const copy = join(tempDir('arena-fixture-'), 'sample');
    cpSync(FIXTURE, copy, { recursive: true });
    const md = join(copy, 'problems/guess/statement/problem.en.md');
    writeFileSync(md, `${readFileSync(md, 'utf8')}\n<script>alert("pwned")</script>\n\n<img src="x" onerror="alert(1)">\n\nSee [home](http://example.com/).\n`);
    const tex = join(copy, 'problems/hello/problem_statement/problem.en.tex');
    writeFileSync(tex, `${readFileSync(tex, 'utf8')}\n\\weirdmacro{oops}\n`);
    const { ctx, db } = harness();
    const report = await importContestPackage(ctx, copy);

    const guess = statementHtml(db, 'guess', 'md');
    expect(guess).not.toContain('<script');
    expect(guess).not.toContain('pwned');
    expect(guess).not.toContain('onerror');
    expect(guess).not.toContain('href="http');
    expect(guess).toContain('See <a>home</a>.');
    expect(guess).toContain('class="katex"');

    const hello = statementHtml(db, 'hello', 'tex');
    expect(hello).toMatch(/^<pre class="statement-source">/);
    expect(hello).toContain('\\weirdmacro{oops}');
    expect(report.warnings).toContainEqual(expect.stringContaining('problems/hello/problem_statement/problem.en.tex: the command \\weirdmacro'));
  });
});

describe('renderMarkdownStatement', () => {
  it('renders inline and display math with KaTeX, but leaves code and escaped dollars alone', () => {
    const { html } = renderMarkdownStatement('Cost $O(n \\log n)$ and \\$5.\n\n$$\\sum_{i=1}^n i$$\n\n`$notmath$`', resolverFor([]).resolveAsset);
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('$5.');
    expect(html).toContain('<code>$notmath$</code>');
  });

  it.each([
    ['a script tag', '<script>steal()</script>hi', ['<script', 'steal'], 'hi'],
    ['an event handler', '<p onclick="steal()">hi</p>', ['onclick', 'steal'], 'hi'],
    ['a javascript: link', '[click](javascript:steal())', ['javascript:', 'steal'], 'click'],
    ['an iframe', '<iframe src="http://evil.example/"></iframe>hi', ['<iframe', 'evil'], 'hi'],
    ['a style that loads a URL', '<span style="background-image:url(http://evil.example/x.png)">hi</span>', ['url(', 'evil'], 'hi'],
    ['an external link', '[home](https://evil.example/)', ['evil.example'], 'home'],
  ])('removes %s and keeps the text', (_case, source, forbidden, kept) => {
    const { html } = renderMarkdownStatement(source, resolverFor([]).resolveAsset);
    for (const bad of forbidden) expect(html).not.toContain(bad);
    expect(html).toContain(kept);
  });

  it('keeps package images and drops external or missing ones with a warning', () => {
    const { resolveAsset, asked } = resolverFor(['fig.png']);
    const result = renderMarkdownStatement('![a](fig.png) ![b](https://evil.example/x.png) ![c](missing.png)', resolveAsset);
    expect(result.html).toContain('<img src="/api/contests/c/problems/p/statement-assets/fig.png" alt="a" />');
    expect(result.html).not.toContain('evil.example');
    expect(result.warnings).toHaveLength(2);
    expect(asked).toEqual(['fig.png', 'https://evil.example/x.png', 'missing.png']);
  });
});

describe('renderLatexStatement', () => {
  it('converts the Kattis subset', () => {
    const source = [
      '\\problemname{Sorting}',
      '% a comment that must vanish',
      'Sort $n$ numbers --- quickly. Costs 5\\% more~today.',
      '\\section*{Input}',
      '\\begin{enumerate}',
      '  \\item First \\textbf{bold}',
      '  \\item Second \\texttt{code}',
      '\\end{enumerate}',
      '\\begin{verbatim}',
      'a < b && $x$',
      '\\end{verbatim}',
      '\\begin{tabular}{|l|r|}',
      '\\hline',
      'A & $1$ \\\\',
      'B & 2 \\\\ \\hline',
      '\\end{tabular}',
      '\\[ x^2 \\]',
      '\\includegraphics[width=0.5\\textwidth]{figure}',
    ].join('\n');
    const { resolveAsset } = resolverFor(['figure.png']);
    const { html, warnings } = renderLatexStatement(source, resolveAsset);
    expect(warnings).toEqual([]);
    expect(html).toContain('<h1>Sorting</h1>');
    expect(html).not.toContain('comment');
    expect(html).toContain('\u2014 quickly. Costs 5% more\u00a0today.');
    expect(html).toContain('<h2>Input</h2>');
    expect(html).toContain('<ol><li>First <strong>bold</strong></li><li>Second <code>code</code></li></ol>');
    expect(html).toContain('<pre>a &lt; b &amp;&amp; $x$</pre>');
    expect(html).toMatch(/<table><tbody><tr><td>A<\/td><td><span class="katex">.*<\/td><\/tr><tr><td>B<\/td><td>2<\/td><\/tr><\/tbody><\/table>/s);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<img src="/api/contests/c/problems/p/statement-assets/figure.png"');
  });

  it.each([
    ['an unknown command', 'Hello \\foo{x}', '\\foo'],
    ['an unknown environment', '\\begin{tikzpicture}\\draw (0,0);\\end{tikzpicture}', 'tikzpicture'],
    ['an unclosed brace', '\\emph{never closed', 'never closed'],
  ])('falls back to the source for %s', (_case, source, named) => {
    const { html, warnings } = renderLatexStatement(source, resolverFor([]).resolveAsset);
    expect(html.startsWith('<pre class="statement-source">')).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(named);
  });

  it('escapes HTML in the LaTeX source', () => {
    const { html } = renderLatexStatement('Use <script>alert(1)</script> wisely.', resolverFor([]).resolveAsset);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });
});
