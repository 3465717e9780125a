import { posix } from 'node:path';
import type { BlobStore } from '../../adapters/blobs/blob-store';
import { renderStatement } from '../statements/render-statement';
import { mimeTypeOf } from './mime-types';
import { readPackageFile, type PackageDir } from './package-files';
import { problemFileUrl } from './problem-urls';

export interface LoadedStatement {
  lang: string;
  format: 'md' | 'tex' | 'pdf';
  /** Sanitized HTML; null for a PDF (served as a file). */
  html: string | null;
  sourceSha256: string;
  /** Path of the source inside the package, for messages. */
  file: string;
}

export interface LoadedProblemFile {
  kind: 'attachment' | 'statement-asset' | 'statement-pdf';
  path: string;
  sha256: string;
  mime: string;
}

const STATEMENT_DIRS = ['statement/', 'problem_statement/'];
const STATEMENT_FILE = /^problem(?:\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?))?\.(md|tex|pdf)$/;
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Finds the statements of a problem package (`statement/` for 2025-09, `problem_statement/` for
 * legacy; both are looked at), renders Markdown and LaTeX to sanitized HTML, stores sources,
 * PDFs and every image a statement references as blobs. Images are rewritten to the host's
 * statement-asset URL; missing or external ones are left out with a warning.
 */
export function loadStatements(input: {
  blobs: BlobStore; dir: PackageDir; files: readonly string[]; contestId: string; problemId: string; warnings: string[];
}): { statements: LoadedStatement[]; files: LoadedProblemFile[] } {
  const { blobs, dir, files, contestId, problemId, warnings } = input;
  const fileSet = new Set(files);
  const statements: LoadedStatement[] = [];
  const assets = new Map<string, LoadedProblemFile>();
  const pdfs: LoadedProblemFile[] = [];

  for (const statementDir of STATEMENT_DIRS) {
    for (const file of files) {
      if (!file.startsWith(statementDir)) continue;
      const match = STATEMENT_FILE.exec(file.slice(statementDir.length));
      if (!match) continue;
      const lang = (match[1] ?? 'en').toLowerCase();
      const format = match[2] as 'md' | 'tex' | 'pdf';
      if (statements.some((s) => s.lang === lang && s.format === format)) {
        warnings.push(`${dir.display}${file}: another ${format} statement for language ${lang} was already found; this one is ignored`);
        continue;
      }
      const bytes = readPackageFile(dir, file);
      const sourceSha256 = blobs.put(bytes);
      if (format === 'pdf') {
        const path = `problem.${lang}.pdf`;
        pdfs.push({ kind: 'statement-pdf', path, sha256: sourceSha256, mime: 'application/pdf' });
        statements.push({ lang, format, html: null, sourceSha256, file: dir.display + file });
        continue;
      }
      const resolveAsset = (ref: string, extensions: readonly string[] = []): string | null => {
        const cleaned = ref.trim();
        if (cleaned === '' || HAS_SCHEME.test(cleaned) || cleaned.startsWith('/') || cleaned.includes('\\')) return null;
        const normalized = posix.normalize(cleaned.split(/[?#]/)[0] ?? '');
        if (normalized.startsWith('../') || normalized === '..') return null;
        const candidates = [normalized, ...extensions.map((ext) => normalized + ext)];
        const found = candidates.find((c) => fileSet.has(statementDir + c));
        if (found === undefined) return null;
        if (!assets.has(found)) {
          const sha256 = blobs.put(readPackageFile(dir, statementDir + found));
          assets.set(found, { kind: 'statement-asset', path: found, sha256, mime: mimeTypeOf(found) });
        }
        return problemFileUrl(contestId, problemId, 'statement-assets', found);
      };
      const rendered = renderStatement(format, bytes.toString('utf8').replace(/^\uFEFF/, ''), resolveAsset);
      for (const w of rendered.warnings) warnings.push(`${dir.display}${file}: ${w}`);
      statements.push({ lang, format, html: rendered.html, sourceSha256, file: dir.display + file });
    }
  }
  if (statements.length === 0) warnings.push(`${dir.display}: no statement found (expected statement/problem.en.md, .tex or .pdf)`);
  return { statements, files: [...assets.values(), ...pdfs] };
}
