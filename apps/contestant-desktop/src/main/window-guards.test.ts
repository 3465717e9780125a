import { describe, expect, it } from 'vitest';
import { RENDERER_ORIGIN } from './origins';
import type { KeyInput } from './shortcut-policy';
import { attachWindowGuards, type GuardTarget } from './window-guards';

/** Records the listeners the guards attach, so that events can be fired at them like Electron would. */
function fakeContents() {
  let navigate: (url: string, prevent: () => void) => void = () => {};
  let input: (input: KeyInput, prevent: () => void) => void = () => {};
  let open: (url: string) => { action: 'deny' } = () => ({ action: 'deny' });
  const target: GuardTarget = {
    onNavigate: (l) => { navigate = l; },
    onInput: (l) => { input = l; },
    setWindowOpenHandler: (h) => { open = h; },
  };
  const fire = {
    navigate(url: string): boolean {
      let prevented = false;
      navigate(url, () => { prevented = true; });
      return prevented;
    },
    key(k: Partial<KeyInput>): boolean {
      let prevented = false;
      input({ type: 'keyDown', key: 'a', control: false, meta: false, alt: false, shift: false, ...k }, () => { prevented = true; });
      return prevented;
    },
    open: (url: string) => open(url),
  };
  return { target, fire };
}

describe('attachWindowGuards', () => {
  it('allows navigation within the app and to the host once chosen; blocks the rest and reports it', () => {
    const { target, fire } = fakeContents();
    const blocked: string[] = [];
    let host: string | null = null;
    attachWindowGuards(target, { allowedOrigins: () => [RENDERER_ORIGIN, host], platform: 'linux', onBlocked: (w) => blocked.push(w) });
    expect(fire.navigate('app://arena/index.html')).toBe(false);
    expect(fire.navigate('https://10.0.0.5:8443/app/')).toBe(true);
    host = 'https://10.0.0.5:8443';
    expect(fire.navigate('https://10.0.0.5:8443/app/')).toBe(false);
    expect(fire.navigate('https://evil.example/')).toBe(true);
    expect(blocked).toEqual(['navigation to https://10.0.0.5:8443/app/', 'navigation to https://evil.example/']);
  });

  it('denies every new window, even for allowed origins', () => {
    const { target, fire } = fakeContents();
    attachWindowGuards(target, { allowedOrigins: () => [RENDERER_ORIGIN], platform: 'linux', onBlocked: () => {} });
    expect(fire.open('app://arena/index.html')).toEqual({ action: 'deny' });
    expect(fire.open('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('swallows escape shortcuts and lets editing keys through', () => {
    const { target, fire } = fakeContents();
    attachWindowGuards(target, { allowedOrigins: () => [RENDERER_ORIGIN], platform: 'win32', onBlocked: () => {} });
    expect(fire.key({ key: 'F4', alt: true })).toBe(true);
    expect(fire.key({ key: 'r', control: true })).toBe(true);
    expect(fire.key({ key: 'v', control: true })).toBe(false);
  });
});
