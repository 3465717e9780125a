import { describe, expect, it } from 'vitest';
import { renderCredentialSlips } from './credential-slips-html';

describe('renderCredentialSlips', () => {
  const page = renderCredentialSlips({
    contestName: 'NWERC <2030>',
    slips: [
      { teamId: 't1', teamName: 'Alpha & Omega', username: 't1', password: 'AAAA-BBBB-CCCC' },
      { teamId: 't2', teamName: 'Beta', username: 'beta', password: 'DDDD-EEEE-FFFF' },
    ],
    hostAddresses: ['https://10.0.0.5:8443', 'https://192.168.1.2:8443'],
    tlsFingerprint: 'AB:CD:EF',
    generatedAtIso: '2030-01-01T08:00:00.000Z',
  });

  it('has one slip per team with its name, username, password, every host address and the TLS fingerprint', () => {
    const slips = page.split('<section class="slip">').slice(1);
    expect(slips).toHaveLength(2);
    expect(slips[0]).toContain('Alpha &amp; Omega');
    expect(slips[0]).toContain('AAAA-BBBB-CCCC');
    expect(slips[1]).toContain('>beta<');
    for (const slip of slips) {
      expect(slip).toContain('https://10.0.0.5:8443');
      expect(slip).toContain('https://192.168.1.2:8443');
      expect(slip).toContain('AB:CD:EF');
      expect(slip).toContain('NWERC &lt;2030&gt;');
    }
  });

  it('breaks pages between slips and says on screen (not on paper) that the passwords were reset', () => {
    expect(page).toContain('page-break-after: always');
    expect(page).toMatch(/@media print \{ \.warning \{ display: none; \}/);
    expect(page).toContain('printing slips reset');
    expect(page).toContain('2 team(s)');
  });

  it('says when the host runs without TLS', () => {
    const plain = renderCredentialSlips({ contestName: 'C', slips: [{ teamId: 't', teamName: 'T', username: 't', password: 'p' }], hostAddresses: [], tlsFingerprint: null, generatedAtIso: 'x' });
    expect(plain).toContain('none (plain HTTP)');
    expect(plain).toContain('ask the contest staff');
  });
});
