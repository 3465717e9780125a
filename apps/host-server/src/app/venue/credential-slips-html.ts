import { escapeHtml } from '../statements/html-escape';

export interface CredentialSlip {
  teamId: string;
  teamName: string;
  username: string;
  password: string;
}

export interface SlipPageInput {
  contestName: string;
  slips: readonly CredentialSlip[];
  /** Where contestants connect, e.g. `https://10.0.0.5:8443`. */
  hostAddresses: readonly string[];
  /** The TLS certificate fingerprint clients pin; null with TLS off. */
  tlsFingerprint: string | null;
  generatedAtIso: string;
}

/**
 * A print-friendly page of credential slips: one slip per team (name, username, password, host
 * address(es), TLS fingerprint), a page break between slips when printed. The on-screen header
 * says that these passwords replaced the teams' previous ones (only hashes are stored, so slips
 * can only be printed with new passwords); it is not printed.
 */
export function renderCredentialSlips(input: SlipPageInput): string {
  const e = escapeHtml;
  const addresses = input.hostAddresses.length > 0 ? input.hostAddresses.map((a) => `<code>${e(a)}</code>`).join('<br>') : 'ask the contest staff';
  const fingerprint = input.tlsFingerprint === null ? 'none (plain HTTP)' : `<code class="fp">${e(input.tlsFingerprint)}</code>`;
  const slips = input.slips.map((s) => `<section class="slip">
<h2>${e(s.teamName)}</h2>
<p class="contest">${e(input.contestName)}</p>
<table>
<tr><th>Team</th><td><code>${e(s.teamId)}</code></td></tr>
<tr><th>Username</th><td><code class="secret">${e(s.username)}</code></td></tr>
<tr><th>Password</th><td><code class="secret">${e(s.password)}</code></td></tr>
<tr><th>Host</th><td>${addresses}</td></tr>
<tr><th>TLS fingerprint</th><td>${fingerprint}</td></tr>
</table>
<p class="note">The Arena app finds the host by itself; type the address only if it does not. Check that it shows this fingerprint.</p>
</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Credential slips - ${e(input.contestName)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #000; background: #fff; }
.warning { border: 2px solid #b00; padding: 1em; margin-bottom: 2em; }
.slip { border: 1px dashed #555; padding: 1.5em; margin-bottom: 2em; page-break-after: always; break-after: page; }
.slip:last-child { page-break-after: auto; break-after: auto; }
.slip h2 { margin: 0 0 0.2em; font-size: 1.6em; }
.contest { margin: 0 0 1em; color: #333; }
th { text-align: left; padding: 0.3em 1em 0.3em 0; vertical-align: top; }
td code { font-size: 1.1em; }
code.secret { font-size: 1.5em; letter-spacing: 0.05em; }
code.fp { font-size: 0.8em; word-break: break-all; }
.note { font-size: 0.85em; color: #333; }
@media print { .warning { display: none; } body { margin: 0; } }
</style></head>
<body>
<div class="warning"><strong>These passwords are new.</strong> Arena stores only password hashes, so printing slips reset the
passwords of the ${input.slips.length} team(s) below at ${e(input.generatedAtIso)}: their previous passwords and open sessions no longer work.
Print this page now and keep it safe; it cannot be shown again. (This box is not printed.)</div>
${slips}
</body></html>
`;
}
