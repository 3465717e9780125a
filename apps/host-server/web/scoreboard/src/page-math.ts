/**
 * Paging of a long board on the projector: how many rows fit, and which slice page `index`
 * shows. Pure.
 */
export interface PageSlice {
  /** Zero-based page shown. */
  page: number;
  pageCount: number;
  start: number;
  end: number;
}

/** Rows that fit in `availablePx` at `rowPx` each (at least 1). */
export function rowsPerPage(availablePx: number, rowPx: number): number {
  if (!(rowPx > 0) || !(availablePx > 0)) return 1;
  return Math.max(1, Math.floor(availablePx / rowPx));
}

/** The slice of `total` rows on page `page` (wrapped into range) with `perPage` rows a page. */
export function pageSlice(total: number, perPage: number, page: number): PageSlice {
  const pageCount = Math.max(1, Math.ceil(total / Math.max(1, perPage)));
  const current = ((page % pageCount) + pageCount) % pageCount;
  const start = current * perPage;
  return { page: current, pageCount, start, end: Math.min(total, start + perPage) };
}

/** The page that shows row `index` (the resolver keeps its cursor team on screen). */
export function pageOfRow(index: number, perPage: number): number {
  return Math.max(0, Math.floor(index / Math.max(1, perPage)));
}
