import { describe, expect, it } from 'vitest';
import { RENDERER_ORIGIN } from './origins';
import { isTrustedSender } from './sender-check';

describe('isTrustedSender', () => {
  it('accepts the main frame of the renderer origin', () => {
    expect(isTrustedSender({ url: 'app://arena/index.html', isMainFrame: true }, RENDERER_ORIGIN)).toBe(true);
  });

  it.each([
    ['an iframe of the renderer origin', { url: 'app://arena/frame.html', isMainFrame: false }],
    ['the chosen host navigated to in the main frame', { url: 'https://10.0.0.5:8443/app/', isMainFrame: true }],
    ['another app: host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['a data: page', { url: 'data:text/html,hi', isMainFrame: true }],
    ['a file: page', { url: 'file:///tmp/x.html', isMainFrame: true }],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['a destroyed frame', { url: null, isMainFrame: true }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame, RENDERER_ORIGIN)).toBe(false);
  });
});
