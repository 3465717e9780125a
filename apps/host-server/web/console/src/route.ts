import { useEffect, useState } from 'react';

/** Console pages, in menu order. `staff` pages are open to staff accounts too; the rest need jury. */
export const PAGES = [
  { id: 'control', label: 'Contest', staff: false },
  { id: 'submissions', label: 'Submissions', staff: false },
  { id: 'judges', label: 'Judges', staff: false },
  { id: 'teams', label: 'Teams', staff: false },
  { id: 'clarifications', label: 'Clarifications', staff: false },
  { id: 'alerts', label: 'Alerts', staff: false },
  { id: 'balloons', label: 'Balloons', staff: true },
  { id: 'prints', label: 'Prints', staff: true },
  { id: 'health', label: 'Health', staff: false },
  { id: 'audit', label: 'Audit log', staff: false },
  { id: 'scoreboard', label: 'Scoreboard', staff: false },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export interface Route {
  page: PageId;
  /** The item after the page (`#/submissions/s12` → 's12'), null without. */
  itemId: string | null;
}

/** Parses `#/page/item`; unknown pages fall back to `fallback`. */
export function parseRoute(hash: string, fallback: PageId): Route {
  const [page, item] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p.id === page);
  return { page: known ? known.id : fallback, itemId: known && item ? decodeURIComponent(item) : null };
}

export function routeHref(page: PageId, itemId?: string): string {
  return `#/${page}${itemId ? `/${encodeURIComponent(itemId)}` : ''}`;
}

/** The route of the current location hash, updated on navigation. */
export function useRoute(fallback: PageId): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash, fallback);
}
