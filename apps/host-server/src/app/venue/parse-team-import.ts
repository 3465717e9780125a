import { Id, type ImportProblem } from '@arena/protocol';
import { z } from 'zod';

/** One team of a bulk import, with where it came from (TSV line or JSON entry number, from 1). */
export interface TeamImportEntry {
  line: number;
  teamId: string;
  name: string;
  displayName?: string;
  organizationId?: string;
  groupIds?: string[];
  username?: string;
}

export type ParsedTeamImport = { ok: true; entries: TeamImportEntry[] } | { ok: false; problems: ImportProblem[] };

/** A team account's username is also its account id. */
const Username = Id;
const Entry = z.object({
  teamId: Id,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  displayName: z.string().max(200).optional(),
  organizationId: Id.optional(),
  groupIds: z.array(Id).max(50).optional(),
  username: Username.optional(),
}).strict();

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/**
 * Parses a bulk team import (format in console-venue.ts `AccountsImport`). Pure. Reports EVERY
 * bad line, not just the first, and also a team id or username given twice in the file.
 */
export function parseTeamImport(format: 'tsv' | 'json', text: string): ParsedTeamImport {
  const problems: ImportProblem[] = [];
  const entries: TeamImportEntry[] = [];
  const candidates: Array<{ line: number; value: unknown }> = [];

  if (format === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { ok: false, problems: [{ line: 1, message: `not valid JSON: ${(err as Error).message}` }] };
    }
    if (!Array.isArray(raw)) return { ok: false, problems: [{ line: 1, message: 'must be a JSON list of teams' }] };
    raw.forEach((value: unknown, index) => candidates.push({ line: index + 1, value }));
  } else {
    text.split(/\r?\n/).forEach((rawLine, index) => {
      const line = index + 1;
      if (rawLine.trim() === '' || rawLine.trimStart().startsWith('#')) return;
      const cells = rawLine.split('\t').map((c) => c.trim());
      if (line === 1 && cells[0]?.toLowerCase() === 'team_id') return;
      if (cells.length > 6) {
        problems.push({ line, message: `has ${cells.length} columns; expected at most 6 (team_id, name, display_name, organization_id, group_ids, username)` });
        return;
      }
      const [teamId, name, displayName, organizationId, groupIds, username] = cells;
      const value: Record<string, unknown> = { teamId: teamId ?? '', name: name ?? '' };
      if (displayName) value.displayName = displayName;
      if (organizationId) value.organizationId = organizationId;
      if (groupIds) value.groupIds = groupIds.split(',').map((g) => g.trim()).filter((g) => g !== '');
      if (username) value.username = username;
      candidates.push({ line, value });
    });
  }

  const teamLines = new Map<string, number>();
  const usernameLines = new Map<string, number>();
  for (const { line, value } of candidates) {
    const parsed = Entry.safeParse(value);
    if (!parsed.success) {
      problems.push({ line, message: describe(parsed.error) });
      continue;
    }
    const entry = parsed.data;
    const sameTeam = teamLines.get(entry.teamId);
    if (sameTeam !== undefined) problems.push({ line, message: `team ${entry.teamId} is also on line ${sameTeam}` });
    else teamLines.set(entry.teamId, line);
    if (entry.username !== undefined) {
      const sameUser = usernameLines.get(entry.username);
      if (sameUser !== undefined) problems.push({ line, message: `username ${entry.username} is also on line ${sameUser}` });
      else usernameLines.set(entry.username, line);
    }
    entries.push({ line, ...stripUndefined(entry) });
  }
  if (candidates.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'no teams in the import' });
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
