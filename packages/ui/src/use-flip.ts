import { useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True when the viewer asked the system for less motion; animations must then be skipped. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, () => window.matchMedia(REDUCED_MOTION).matches, () => false);
}

/** How long a row takes to slide to its new place. */
export const FLIP_DURATION_MS = 900;

/**
 * FLIP rank-change animation: after every render, elements under `containerRef` carrying
 * `data-flip-key` that moved since the previous render are slid from their old position to
 * the new one with the Web Animations API. Elements new to the container just appear.
 * Does nothing when `enabled` is false or the viewer prefers reduced motion.
 */
export function useFlip(containerRef: RefObject<HTMLElement | null>, enabled: boolean): void {
  const positions = useRef(new Map<string, number>());
  const reduced = usePrefersReducedMotion();
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const next = new Map<string, number>();
    for (const el of container.querySelectorAll<HTMLElement>('[data-flip-key]')) {
      const key = el.dataset.flipKey as string;
      const top = el.offsetTop;
      next.set(key, top);
      const previous = positions.current.get(key);
      if (enabled && !reduced && previous !== undefined && previous !== top && typeof el.animate === 'function') {
        el.animate([{ transform: `translateY(${previous - top}px)` }, { transform: 'translateY(0)' }], {
          duration: FLIP_DURATION_MS, easing: 'cubic-bezier(0.4, 0, 0.2, 1)',
        });
      }
    }
    positions.current = next;
  });
}
