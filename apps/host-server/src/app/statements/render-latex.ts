import { escapeHtml } from './html-escape';
import { renderMath } from './math';
import { sanitizeStatementHtml } from './sanitize-statement';
import type { AssetResolver, RenderedStatement } from './statement-types';

/** Thrown inside the converter when it meets LaTeX outside the supported subset. */
class UnsupportedLatex extends Error {}

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.svg'] as const;

/** Commands that only change the look of text we already show plainly: their argument is kept. */
const PLAIN_WRAPPERS = new Set(['textrm', 'textsf', 'textnormal', 'textup', 'textsc', 'mbox', 'text']);
const WRAPPERS: Record<string, string> = {
  emph: 'em', textit: 'em', textsl: 'em', textbf: 'strong', texttt: 'code', underline: 'u',
};
const HEADINGS: Record<string, string> = {
  problemname: 'h1', section: 'h2', subsection: 'h3', subsubsection: 'h4', paragraph: 'h4',
};
/** Commands that print a symbol. */
const SYMBOLS: Record<string, string> = {
  ldots: '\u2026', dots: '\u2026', textbackslash: '\\', textasciitilde: '~', textasciicircum: '^',
  LaTeX: 'LaTeX', TeX: 'TeX', textendash: '\u2013', textemdash: '\u2014', times: '\u00d7', euro: '\u20ac',
  textquoteleft: '\u2018', textquoteright: '\u2019', textbar: '|', textless: '<', textgreater: '>',
};
/** Layout commands with no argument that we can safely drop or turn into a break. */
const IGNORED = new Set(['noindent', 'centering', 'medskip', 'bigskip', 'smallskip', 'clearpage', 'newpage', 'raggedright',
  'vfill', 'hfill', 'indent', 'sloppy', 'protect', 'nopagebreak', 'pagebreak']);
/** Commands with one argument we drop entirely. */
const DROPPED_WITH_ARG = new Set(['label', 'vspace', 'hspace', 'vspace*', 'hspace*']);
const CONTAINER_ENVS = new Set(['center', 'figure', 'figure*', 'flushleft', 'flushright', 'minipage', 'wrapfigure']);
const MATH_ENVS = new Set(['equation', 'equation*', 'align', 'align*', 'displaymath', 'eqnarray', 'eqnarray*', 'gather', 'gather*', 'multline', 'multline*']);
const BLOCK_START = /^(<(h[1-6]|ul|ol|dl|pre|figure|table|div|blockquote)[\s>]|\uE001\d+\uE001$)/;

/**
 * Converts a Kattis-style LaTeX statement (the subset problemtools' template uses:
 * \problemname, \section(*), itemize/enumerate/description, \emph \textbf \texttt, verbatim,
 * tabular, $math$ $$math$$ \[ \] \( \) and math environments, \includegraphics, \illustration)
 * to sanitized HTML; math goes through KaTeX. When the source uses anything else, the result is
 * the LaTeX source in a <pre> and a warning saying what could not be converted: a contestant can
 * always read the statement, and the jury learns to check it.
 */
export function renderLatexStatement(source: string, resolveAsset: AssetResolver): RenderedStatement {
  const warnings: string[] = [];
  try {
    const html = new LatexConverter(source, resolveAsset, warnings).convert();
    return { html: sanitizeStatementHtml(html), warnings };
  } catch (err) {
    if (!(err instanceof UnsupportedLatex)) throw err;
    return {
      html: sanitizeStatementHtml(`<pre class="statement-source">${escapeHtml(source)}</pre>`),
      warnings: [...warnings, `${err.message}: the LaTeX source is shown instead`],
    };
  }
}

class LatexConverter {
  private readonly placeholders: string[] = [];
  private src = '';
  private pos = 0;

  constructor(private readonly source: string, private readonly resolveAsset: AssetResolver, private readonly warnings: string[]) {}

  convert(): string {
    // U+E000/U+E001 mark placeholders (see `hold`); a source cannot smuggle its own in.
    let text = this.source.replace(/\r\n?/g, '\n').replace(/[\uE000\uE001]/g, '');
    const docStart = text.indexOf('\\begin{document}');
    if (docStart >= 0) {
      const docEnd = text.indexOf('\\end{document}');
      text = text.slice(docStart + '\\begin{document}'.length, docEnd >= 0 ? docEnd : undefined);
    }
    text = this.extractVerbatim(text);
    text = stripComments(text);
    text = this.extractMath(text);
    const body = this.convertFragment(text);
    return this.restore(paragraphs(body));
  }

  /** Converts a piece of LaTeX with its own cursor (used for bodies of environments and arguments). */
  private convertFragment(fragment: string): string {
    const savedSrc = this.src;
    const savedPos = this.pos;
    this.src = fragment;
    this.pos = 0;
    try {
      return this.parseUntil(null);
    } finally {
      this.src = savedSrc;
      this.pos = savedPos;
    }
  }

  /** Sets converted HTML aside; a block placeholder is not wrapped in <p> (see `paragraphs`). */
  private hold(html: string, block = false): string {
    this.placeholders.push(html);
    const mark = block ? '\uE001' : '\uE000';
    return `${mark}${this.placeholders.length - 1}${mark}`;
  }

  private restore(html: string): string {
    let out = html;
    // Placeholders may contain placeholders (math inside a held block): resolve until stable.
    for (let i = 0; i < 5 && /[\uE000\uE001]/.test(out); i++) {
      out = out.replace(/([\uE000\uE001])(\d+)\1/g, (_m, _mark: string, n: string) => this.placeholders[Number(n)] ?? '');
    }
    return out;
  }

  private extractVerbatim(text: string): string {
    return text
      .replace(/\\begin\{verbatim\}\n?([\s\S]*?)\\end\{verbatim\}/g, (_m, body: string) => `\n\n${this.hold(`<pre>${escapeHtml(body.replace(/\n$/, ''))}</pre>`, true)}\n\n`)
      .replace(/\\verb\*?([^A-Za-z\s])(.*?)\1/g, (_m, _d: string, body: string) => this.hold(`<code>${escapeHtml(body)}</code>`));
  }

  private extractMath(text: string): string {
    const display = (tex: string): string => this.hold(renderMath(tex.trim(), true));
    const inline = (tex: string): string => this.hold(renderMath(tex.trim(), false));
    let out = text.replace(/\\begin\{([a-z]+\*?)\}([\s\S]*?)\\end\{\1\}/g, (whole, env: string, body: string) => {
      if (!MATH_ENVS.has(env)) return whole;
      const inner = env.startsWith('equation') || env === 'displaymath' ? body : `\\begin{aligned}${body}\\end{aligned}`;
      return display(inner);
    });
    out = out.replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => display(tex));
    out = out.replace(/\\\[([\s\S]+?)\\\]/g, (_m, tex: string) => display(tex));
    out = out.replace(/\\\(([\s\S]+?)\\\)/g, (_m, tex: string) => inline(tex));
    out = out.replace(/(^|[^\\])\$((?:\\.|[^\\$])+?)\$/g, (_m, before: string, tex: string) => before + inline(tex));
    return out;
  }

  /** Parses until the end of input, or a closing brace when `closer` is '}'. */
  private parseUntil(closer: '}' | null): string {
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos] as string;
      if (ch === '}') {
        if (closer === '}') {
          this.pos++;
          return out;
        }
        throw new UnsupportedLatex('unbalanced "}"');
      }
      if (ch === '{') {
        this.pos++;
        out += this.parseUntil('}');
      } else if (ch === '\\') {
        out += this.parseCommand();
      } else if (ch === '~') {
        out += '&nbsp;';
        this.pos++;
      } else if (this.src.startsWith('---', this.pos)) {
        out += '\u2014';
        this.pos += 3;
      } else if (this.src.startsWith('--', this.pos)) {
        out += '\u2013';
        this.pos += 2;
      } else if (this.src.startsWith('``', this.pos)) {
        out += '\u201c';
        this.pos += 2;
      } else if (this.src.startsWith("''", this.pos)) {
        out += '\u201d';
        this.pos += 2;
      } else if (ch === '&' || ch === '#' || ch === '^' || ch === '_') {
        throw new UnsupportedLatex(`"${ch}" outside math or a table`);
      } else {
        out += escapeHtml(ch);
        this.pos++;
      }
    }
    if (closer === '}') throw new UnsupportedLatex('a "{" is never closed');
    return out;
  }

  private parseCommand(): string {
    this.pos++; // backslash
    const rest = this.src.slice(this.pos);
    const letters = /^[A-Za-z]+\*?/.exec(rest);
    if (!letters) {
      const c = rest[0] ?? '';
      this.pos++;
      if (c === '\\') {
        this.skipOptional();
        return '<br>';
      }
      if ('%$&#_{}'.includes(c) && c !== '') return escapeHtml(c);
      if (c === ' ' || c === '\n') return ' ';
      if (c === ',' || c === ';' || c === ':') return '\u2009';
      if (c === '-' || c === '/') return '';
      throw new UnsupportedLatex(`the command \\${c}`);
    }
    const name = letters[0];
    this.pos += name.length;
    const base = name.replace(/\*$/, '');
    if (HEADINGS[base]) return `\n\n<${HEADINGS[base]}>${this.argument(name)}</${HEADINGS[base]}>\n\n`;
    if (WRAPPERS[base]) return `<${WRAPPERS[base]}>${this.argument(name)}</${WRAPPERS[base]}>`;
    if (PLAIN_WRAPPERS.has(base)) return this.argument(name);
    if (SYMBOLS[base] !== undefined) {
      this.skipEmptyBraces();
      return escapeHtml(SYMBOLS[base] as string);
    }
    if (IGNORED.has(base)) return '';
    if (DROPPED_WITH_ARG.has(name)) {
      this.rawArgument(name);
      return '';
    }
    switch (base) {
      case 'par': return '\n\n';
      case 'newline': case 'linebreak': return '<br>';
      case 'url': return `<code>${escapeHtml(this.rawArgument(name))}</code>`;
      case 'href': {
        this.rawArgument(name);
        return this.argument(name);
      }
      case 'footnote': return ` (${this.argument(name)})`;
      case 'caption': return `<figcaption>${this.argument(name)}</figcaption>`;
      case 'includegraphics': {
        this.skipOptional();
        return this.image(this.rawArgument(name), '');
      }
      case 'illustration': {
        this.rawArgument(name); // width fraction
        const file = this.rawArgument(name);
        const caption = this.argument(name);
        return `\n\n<figure class="illustration">${this.image(file, '')}<figcaption>${caption}</figcaption></figure>\n\n`;
      }
      case 'begin': return this.environment(this.rawArgument(name));
      default: throw new UnsupportedLatex(`the command \\${name}`);
    }
  }

  private image(file: string, alt: string): string {
    const url = this.resolveAsset(file.trim(), IMAGE_EXTENSIONS);
    if (url === null) {
      this.warnings.push(`image ${JSON.stringify(file)} is not in the package: left out`);
      return '';
    }
    return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`;
  }

  private environment(env: string): string {
    const body = this.environmentBody(env);
    if (env === 'itemize' || env === 'enumerate') {
      const tag = env === 'itemize' ? 'ul' : 'ol';
      const items = splitTopLevel(body, /\\item\b/).slice(1);
      return `\n\n<${tag}>${items.map((item) => `<li>${this.convertFragment(dropOptional(item).trim()).replace(/\n\s*\n/g, ' ')}</li>`).join('')}</${tag}>\n\n`;
    }
    if (env === 'description') {
      const items = splitTopLevel(body, /\\item\b/).slice(1);
      return `\n\n<dl>${items.map((item) => {
        const label = /^\s*\[([^\]]*)\]/.exec(item);
        const text = label ? item.slice(label[0].length) : item;
        return `<dt>${this.convertFragment(label?.[1] ?? '')}</dt><dd>${this.convertFragment(text.trim())}</dd>`;
      }).join('')}</dl>\n\n`;
    }
    if (env === 'tabular' || env === 'tabular*') return `\n\n${this.table(body)}\n\n`;
    if (env === 'quote' || env === 'quotation') return `\n\n<blockquote>${paragraphs(this.convertFragment(body))}</blockquote>\n\n`;
    if (CONTAINER_ENVS.has(env)) {
      const inner = body.replace(/^\s*(\[[^\]]*\])?(\{[^}]*\})*/, '');
      const tag = env.startsWith('figure') || env === 'wrapfigure' ? 'figure' : 'div';
      return `\n\n<${tag} class="${escapeHtml(env.replace('*', ''))}">${paragraphs(this.convertFragment(inner))}</${tag}>\n\n`;
    }
    throw new UnsupportedLatex(`the environment ${env}`);
  }

  private table(body: string): string {
    const withoutSpec = body.replace(/^\s*\{(?:[^{}]|\{[^{}]*\})*\}/, '');
    const rows = splitTopLevel(withoutSpec, /\\\\/)
      .map((row) => row.replace(/\\hline|\\toprule|\\midrule|\\bottomrule|\\cline\{[^}]*\}/g, '').trim())
      .filter((row) => row.length > 0);
    const html = rows.map((row) => `<tr>${splitTopLevel(row, /&/).map((cell) => `<td>${this.convertFragment(cell.trim())}</td>`).join('')}</tr>`);
    return `<table><tbody>${html.join('')}</tbody></table>`;
  }

  /** Reads up to the matching \end{env} (nesting aware) and returns the raw body. */
  private environmentBody(env: string): string {
    const begin = `\\begin{${env}}`;
    const end = `\\end{${env}}`;
    let depth = 1;
    let at = this.pos;
    while (depth > 0) {
      const nextEnd = this.src.indexOf(end, at);
      if (nextEnd < 0) throw new UnsupportedLatex(`\\begin{${env}} without \\end{${env}}`);
      const nextBegin = this.src.indexOf(begin, at);
      if (nextBegin >= 0 && nextBegin < nextEnd) {
        depth++;
        at = nextBegin + begin.length;
      } else {
        depth--;
        at = nextEnd + end.length;
      }
    }
    const body = this.src.slice(this.pos, at - end.length);
    this.pos = at;
    return body;
  }

  /** Converts the next `{...}` argument. */
  private argument(command: string): string {
    this.skipSpaces();
    if (this.src[this.pos] !== '{') throw new UnsupportedLatex(`\\${command} without a {...} argument`);
    this.pos++;
    return this.parseUntil('}');
  }

  /** Returns the next `{...}` argument unconverted. */
  private rawArgument(command: string): string {
    this.skipSpaces();
    if (this.src[this.pos] !== '{') throw new UnsupportedLatex(`\\${command} without a {...} argument`);
    let depth = 0;
    const start = this.pos + 1;
    for (let i = this.pos; i < this.src.length; i++) {
      if (this.src[i] === '\\') i++;
      else if (this.src[i] === '{') depth++;
      else if (this.src[i] === '}' && --depth === 0) {
        this.pos = i + 1;
        return this.src.slice(start, i);
      }
    }
    throw new UnsupportedLatex(`\\${command}: a "{" is never closed`);
  }

  private skipOptional(): void {
    const match = /^\s*\[[^\]]*\]/.exec(this.src.slice(this.pos));
    if (match) this.pos += match[0].length;
  }

  private skipEmptyBraces(): void {
    if (this.src.startsWith('{}', this.pos)) this.pos += 2;
  }

  private skipSpaces(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
  }
}

/** Removes `%` comments (an unescaped % to the end of the line, and the line break after it). */
function stripComments(text: string): string {
  return text.replace(/(^|[^\\])%.*(\n[ \t]*)?/g, '$1');
}

/** Splits at top-level (brace depth 0, outside nested environments) matches of `separator`. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let envDepth = 0;
  let start = 0;
  const sticky = new RegExp(separator.source, 'y');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (text.startsWith('\\begin{', i)) envDepth++;
    else if (text.startsWith('\\end{', i)) envDepth--;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (depth === 0 && envDepth === 0) {
      sticky.lastIndex = i;
      const match = sticky.exec(text);
      if (match) {
        parts.push(text.slice(start, i));
        i += match[0].length - 1;
        start = i + 1;
        continue;
      }
    }
    if (c === '\\') i++;
  }
  parts.push(text.slice(start));
  return parts;
}

function dropOptional(item: string): string {
  return item.replace(/^\s*\[[^\]]*\]/, '');
}

/** Wraps runs of inline content separated by blank lines in <p>; block elements stay as they are. */
function paragraphs(html: string): string {
  return html.split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\s*\n\s*/g, ' ')}</p>`))
    .join('\n');
}
