import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { pageOfRow, pageSlice, rowsPerPage, type PageSlice } from './page-math';

/**
 * Pages a board that does not fit the screen: measures how many rows fit in `viewportRef`
 * (from the rendered table's header and row heights) and cycles through the pages every
 * `pageSeconds`. With `focusIndex` set (the resolver's cursor) it shows that row's page instead.
 */
export function usePaging(viewportRef: RefObject<HTMLElement | null>, total: number, pageSeconds: number, focusIndex: number | null): PageSlice {
  const [perPage, setPerPage] = useState(Math.max(total, 1));
  const [tick, setTick] = useState(0);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const measure = () => {
      const table = viewport.querySelector<HTMLElement>('table');
      const rows = viewport.querySelectorAll<HTMLElement>('tbody tr');
      const first = rows[0];
      if (!table || !first) return;
      const second = rows[1];
      // Row pitch (height + spacing) and where the first row starts, both from layout offsets
      // (not bounding boxes, which a running FLIP animation would shift).
      const rowPx = second ? second.offsetTop - first.offsetTop : first.offsetHeight;
      const firstTopPx = table.offsetTop + first.offsetTop;
      setPerPage(rowsPerPage(viewport.clientHeight - firstTopPx, rowPx));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(viewport);
    return () => observer.disconnect();
  }, [viewportRef, total > 0]);

  useEffect(() => {
    if (focusIndex !== null) return;
    const timer = setInterval(() => setTick((t) => t + 1), pageSeconds * 1000);
    return () => clearInterval(timer);
  }, [pageSeconds, focusIndex]);

  return pageSlice(total, perPage, focusIndex !== null ? pageOfRow(focusIndex, perPage) : tick);
}
