import { describe, expect, it } from 'vitest';
import { parseTypedAddress } from './typed-address';

describe('parseTypedAddress', () => {
  it.each([
    ['10.0.0.5', 'https://10.0.0.5:8443', true],
    ['10.0.0.5:9000', 'https://10.0.0.5:9000', true],
    ['  arena.local  ', 'https://arena.local:8443', true],
    ['https://10.0.0.5:8443/app/', 'https://10.0.0.5:8443', true],
    ['HTTPS://Arena.Local', 'https://arena.local:8443', true],
    ['https://10.0.0.5:443', 'https://10.0.0.5', true],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080', false],
    ['[::1]:8443', 'https://[::1]:8443', true],
    ['[fe80::1]', 'https://[fe80::1]:8443', true],
  ])('reads %j as %s', (text, origin, tls) => {
    expect(parseTypedAddress(text)).toEqual({ ok: true, origin, tls });
  });

  it.each([
    ['', /Type the host address/],
    ['ftp://10.0.0.5', /not a host address/],
    ['file:///etc/passwd', /not a host address/],
    ['javascript://alert(1)', /not a host address/],
    ['admin@10.0.0.5', /no user name/],
    ['https://10.0.0.5:8443@evil.example', /no user name/],
    ['10.0.0.5:port', /not a host address/],
    ['10.0.0.5:99999', /not a host address/],
    ['two words', /not a host address/],
  ])('refuses %j', (text, message) => {
    const parsed = parseTypedAddress(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
