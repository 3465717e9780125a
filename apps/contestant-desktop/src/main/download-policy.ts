import { join } from 'node:path';
import { RENDERER_ORIGIN } from './origins';

const MAX_NAME_CHARS = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Where a download goes, or null to cancel it. Only files the renderer itself made from host
 * data (problem attachments, as `blob:app://arena/…` URLs) are saved — straight into
 * `<downloads>/Arena/` with no dialog (a dialog would let the contestant browse the machine);
 * any other download is refused. The file name is reduced to a safe plain name.
 */
export function downloadTarget(url: string, suggestedName: string, downloadsDir: string): string | null {
  if (!url.startsWith(`blob:${RENDERER_ORIGIN}/`)) return null;
  return join(downloadsDir, 'Arena', safeFileName(suggestedName));
}

/** A plain file name: last path component, no control or reserved characters, no leading dots, not a reserved Windows name. */
export function safeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '').slice(0, MAX_NAME_CHARS);
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  return clean === '' ? 'attachment' : clean;
}
