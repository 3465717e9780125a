import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html-escape';
import { renderMath } from './math';
import { sanitizeStatementHtml } from './sanitize-statement';
import type { AssetResolver, RenderedStatement } from './statement-types';

/** Index of the first `$` not escaped by a backslash, or undefined. */
function firstDollar(src: string): number | undefined {
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '$') return i;
  }
  return undefined;
}

/**
 * Renders a Markdown statement (GFM) to sanitized HTML. `$...$` and `$$...$$` are TeX math,
 * rendered by KaTeX on the server (code spans and blocks are left alone, `\$` is a dollar).
 * Images are resolved through `resolveAsset` (src rewritten to the host's asset URL); one that
 * is not in the package becomes its alt text, with a warning. Raw HTML is allowed, then
 * sanitized (no scripts, handlers or external URLs).
 */
export function renderMarkdownStatement(source: string, resolveAsset: AssetResolver): RenderedStatement {
  const warnings: string[] = [];
  const marked = new Marked({
    gfm: true,
    async: false,
    extensions: [
      {
        name: 'mathBlock',
        level: 'block',
        start: (src) => {
          const i = src.indexOf('$$');
          return i < 0 ? undefined : i;
        },
        tokenizer: (src) => {
          const match = /^ {0,3}\$\$([\s\S]+?)\$\$[^\S\n]*(?:\n|$)/.exec(src);
          return match ? { type: 'mathBlock', raw: match[0], text: (match[1] ?? '').trim() } : undefined;
        },
        renderer: (token) => `<div class="math-display">${renderMath(String(token.text), true)}</div>\n`,
      },
      {
        name: 'mathInline',
        level: 'inline',
        start: firstDollar,
        tokenizer: (src) => {
          const display = /^\$\$((?:\\.|[^\\$])+?)\$\$/.exec(src);
          if (display) return { type: 'mathInline', raw: display[0], text: display[1] ?? '', display: true };
          const inline = /^\$((?:\\.|[^\\$\n])+?)\$(?!\d)/.exec(src);
          if (inline) return { type: 'mathInline', raw: inline[0], text: inline[1] ?? '', display: false };
          return undefined;
        },
        renderer: (token) => renderMath(String(token.text), token.display === true),
      },
    ],
    renderer: {
      image({ href, title, text }: Tokens.Image): string {
        const url = resolveAsset(href);
        if (url === null) {
          warnings.push(`image ${JSON.stringify(href)} is not in the package (external images are not allowed): shown as its description`);
          return `<span class="missing-image">[${escapeHtml(text || href)}]</span>`;
        }
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr}>`;
      },
    },
  });
  const html = marked.parse(source, { async: false });
  return { html: sanitizeStatementHtml(html), warnings };
}
