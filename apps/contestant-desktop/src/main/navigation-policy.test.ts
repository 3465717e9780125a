import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from './navigation-policy';
import { RENDERER_ORIGIN, originOf } from './origins';

const HOST = 'https://10.0.0.5:8443';
const allowed = [RENDERER_ORIGIN, HOST];

describe('isAllowedNavigation', () => {
  it.each([
    ['the renderer entry', 'app://arena/index.html'],
    ['a renderer route', 'app://arena/problems/A?x=1#top'],
    ['the renderer host in upper case', 'APP://ARENA/index.html'],
    ['the chosen host', 'https://10.0.0.5:8443/api/contests'],
    ['the chosen host with a fragment', 'https://10.0.0.5:8443/#x'],
  ])('allows %s', (_name, url) => {
    expect(isAllowedNavigation(url, allowed)).toBe(true);
  });

  it.each([
    ['userinfo hiding another host', 'https://10.0.0.5:8443@evil.example/'],
    ['userinfo before the host (still the host origin but not the app)', 'app://arena@evil.example/index.html'],
    ['a different port', 'https://10.0.0.5:8444/'],
    ['the default https port', 'https://10.0.0.5/'],
    ['http instead of https', 'http://10.0.0.5:8443/'],
    ['a look-alike host', 'https://10.0.0.5.evil.example:8443/'],
    ['another app: host', 'app://evil/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['blob:', 'blob:app://arena/0b6f0f6e-1111-2222-3333-444455556666'],
    ['about:blank', 'about:blank'],
    ['chrome:', 'chrome://gpu'],
    ['devtools:', 'devtools://devtools/bundled/inspector.html'],
    ['not a URL', 'index.html'],
    ['an empty string', ''],
  ])('denies %s', (_name, url) => {
    expect(isAllowedNavigation(url, allowed)).toBe(false);
  });

  it('denies the host before one is chosen (null origin)', () => {
    expect(isAllowedNavigation('https://10.0.0.5:8443/', [RENDERER_ORIGIN, null])).toBe(false);
    expect(isAllowedNavigation('app://arena/index.html', [RENDERER_ORIGIN, null])).toBe(true);
  });

  it('computes app: origins by hand (Node gives "null" for non-special schemes)', () => {
    expect(new URL('app://arena/x').origin).toBe('null');
    expect(originOf('app://arena/x')).toBe('app://arena');
    expect(originOf('app:///x')).toBeNull();
  });
});
