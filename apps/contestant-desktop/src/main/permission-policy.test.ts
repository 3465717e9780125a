import { describe, expect, it } from 'vitest';
import { RENDERER_ORIGIN } from './origins';
import { isPermissionAllowed } from './permission-policy';

describe('isPermissionAllowed', () => {
  it('lets the app write text to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://arena/index.html', RENDERER_ORIGIN)).toBe(true);
  });

  it.each([
    ['clipboard-read', 'app://arena/index.html'],
    ['media', 'app://arena/index.html'],
    ['display-capture', 'app://arena/index.html'],
    ['notifications', 'app://arena/index.html'],
    ['fullscreen', 'app://arena/index.html'],
    ['openExternal', 'app://arena/index.html'],
    ['hid', 'app://arena/index.html'],
    ['clipboard-sanitized-write', 'https://10.0.0.5:8443/'],
    ['clipboard-sanitized-write', ''],
  ])('denies %s for %j', (permission, url) => {
    expect(isPermissionAllowed(permission, url, RENDERER_ORIGIN)).toBe(false);
  });
});
