import katex from 'katex';

/**
 * Renders TeX math to KaTeX HTML on the server, so contestants need no script to read it.
 * Never throws: a formula KaTeX cannot parse is rendered as KaTeX's red error text (the source).
 */
export function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    output: 'html',
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 1000,
  });
}
