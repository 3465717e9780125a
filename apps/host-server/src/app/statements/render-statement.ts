import { renderLatexStatement } from './render-latex';
import { renderMarkdownStatement } from './render-markdown';
import type { AssetResolver, RenderedStatement } from './statement-types';

export type StatementFormat = 'md' | 'tex';

/** Renders a statement source to sanitized HTML in the format its file extension says. */
export function renderStatement(format: StatementFormat, source: string, resolveAsset: AssetResolver): RenderedStatement {
  return format === 'md' ? renderMarkdownStatement(source, resolveAsset) : renderLatexStatement(source, resolveAsset);
}
