import { describe, expect, it } from 'vitest';
import { shouldSwallowKey, type KeyInput } from './shortcut-policy';

function key(spec: string, type = 'keyDown'): KeyInput {
  const [, prefix = '', keyName = ''] = /^((?:(?:Ctrl|Cmd|Alt|Shift)\+)*)(.+)$/.exec(spec) ?? [];
  const mods = new Set(prefix.split('+'));
  return { type, key: keyName, control: mods.has('Ctrl'), meta: mods.has('Cmd'), alt: mods.has('Alt'), shift: mods.has('Shift') };
}

describe('shouldSwallowKey', () => {
  it.each([
    ['Ctrl+r', 'linux'], ['Ctrl+Shift+R', 'linux'], ['F5', 'win32'], ['Ctrl+F5', 'win32'],
    ['Ctrl+Shift+I', 'linux'], ['Ctrl+Shift+J', 'win32'], ['Ctrl+Shift+C', 'linux'], ['F12', 'linux'],
    ['Ctrl+0', 'linux'], ['Ctrl+=', 'win32'], ['Ctrl++', 'win32'], ['Ctrl+-', 'linux'], ['Ctrl+Shift+_', 'linux'],
    ['Alt+F4', 'win32'], ['Ctrl+F4', 'win32'], ['Ctrl+w', 'linux'], ['Ctrl+q', 'linux'], ['F11', 'linux'],
    ['Cmd+q', 'darwin'], ['Cmd+w', 'darwin'], ['Cmd+r', 'darwin'], ['Cmd+Alt+i', 'darwin'], ['Cmd+Shift+I', 'darwin'],
    ['Cmd+h', 'darwin'], ['Cmd+m', 'darwin'], ['Cmd+0', 'darwin'], ['Cmd+=', 'darwin'],
  ] as const)('swallows %s on %s', (spec, platform) => {
    expect(shouldSwallowKey(key(spec), platform)).toBe(true);
  });

  it('swallows the key-up half too', () => {
    expect(shouldSwallowKey(key('Ctrl+r', 'keyUp'), 'linux')).toBe(true);
  });

  it.each([
    ['Ctrl+c', 'linux'], ['Ctrl+v', 'linux'], ['Ctrl+x', 'win32'], ['Ctrl+z', 'win32'], ['Ctrl+y', 'win32'],
    ['Ctrl+Shift+Z', 'linux'], ['Ctrl+a', 'linux'], ['Ctrl+s', 'linux'], ['Ctrl+f', 'linux'], ['Ctrl+h', 'win32'],
    ['Ctrl+d', 'linux'], ['Ctrl+/', 'linux'], ['Ctrl+Enter', 'linux'], ['Ctrl+Shift+K', 'linux'],
    ['Cmd+c', 'darwin'], ['Cmd+v', 'darwin'], ['Cmd+z', 'darwin'], ['Cmd+Shift+Z', 'darwin'], ['Cmd+f', 'darwin'],
    ['Tab', 'linux'], ['Escape', 'linux'], ['ArrowLeft', 'linux'], ['Ctrl+ArrowRight', 'linux'], ['Shift+Home', 'linux'],
    ['r', 'linux'], ['q', 'linux'], ['Shift+I', 'linux'], ['Alt+ArrowUp', 'linux'], ['F2', 'linux'], ['Ctrl+Shift+F', 'linux'],
  ] as const)('lets %s through on %s', (spec, platform) => {
    expect(shouldSwallowKey(key(spec), platform)).toBe(false);
  });

  it('lets Ctrl+H (replace) through on Windows/Linux but swallows Cmd+H (hide) on macOS', () => {
    expect(shouldSwallowKey(key('Ctrl+h'), 'linux')).toBe(false);
    expect(shouldSwallowKey(key('Cmd+h'), 'darwin')).toBe(true);
  });

  it('ignores non-key events', () => {
    expect(shouldSwallowKey({ ...key('F5'), type: 'char' }, 'linux')).toBe(false);
  });
});
