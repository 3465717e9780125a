import { describe, expect, it } from 'vitest';
import { inheritableFds, stdioCoveringInherited } from './inherited-fds.js';

describe('stdioCoveringInherited', () => {
  it('puts the cover fd at every inherited fd past the own entries, ignoring the gaps', () => {
    expect(stdioCoveringInherited(['a', 'b', 'c', 'pipe', 'pipe'], [3, 7, 9], 42)).toEqual(['a', 'b', 'c', 'pipe', 'pipe', 'ignore', 'ignore', 42, 'ignore', 42]);
  });
  it('leaves the array alone when nothing is inherited', () => {
    expect(stdioCoveringInherited([1, 2, 3], [], 42)).toEqual([1, 2, 3]);
  });
});

describe('inheritableFds', () => {
  it('lists only fds above stderr, and none that Node opened itself (they are close-on-exec)', () => {
    const fds = inheritableFds();
    expect(fds.every((fd) => fd > 2)).toBe(true);
  });
});
