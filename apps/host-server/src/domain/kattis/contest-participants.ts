import { Account, Group, Id, Organization, Team } from '@arena/protocol';
import type { z } from 'zod';
import { PackageError } from './package-error';
import { isPlainObject } from './yaml-values';

/** An account as the package gives it: the CLICS object plus its plain-text password. */
export interface AccountWithPassword {
  account: Account;
  password: string;
}

/** Parses a JSON/YAML list of CLICS objects with `schema`; every problem names the entry. */
function parseList<S extends z.ZodType>(raw: unknown, file: string, schema: S, what: string): Array<z.infer<S>> {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new PackageError(file, `must be a list of ${what}`);
  const seen = new Set<string>();
  return raw.map((item: unknown, index: number) => {
    const label = isPlainObject(item) && item.id !== undefined ? `${what.replace(/s$/, '')} ${JSON.stringify(item.id)}` : `entry #${index + 1}`;
    const normalized = isPlainObject(item) && typeof item.id === 'number' ? { ...item, id: String(item.id) } : item;
    const result = schema.safeParse(normalized);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new PackageError(file, `${label}: ${path}${issue?.message ?? 'invalid'}`);
    }
    const id = (result.data as { id: string }).id;
    if (seen.has(id)) throw new PackageError(file, `${label} appears twice`);
    seen.add(id);
    return result.data;
  });
}

export function parseGroups(raw: unknown, file: string): Group[] {
  return parseList(raw, file, Group, 'groups');
}

export function parseOrganizations(raw: unknown, file: string): Organization[] {
  return parseList(raw, file, Organization, 'organizations');
}

export function parseTeams(raw: unknown, file: string): Team[] {
  const list = Array.isArray(raw) ? raw.map((t: unknown) => (isPlainObject(t) && Array.isArray(t.group_ids)
    ? { ...t, group_ids: t.group_ids.map(String) } : t)) : raw;
  return parseList(list, file, Team, 'teams');
}

/**
 * Parses accounts.yaml/json: CLICS accounts with a `password`. `id` defaults to the username.
 * A missing password is an error (Arena never invents credentials silently).
 */
export function parseAccounts(raw: unknown, file: string): AccountWithPassword[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new PackageError(file, 'must be a list of accounts');
  const withIds = raw.map((item: unknown) => (isPlainObject(item) && item.id === undefined && item.username !== undefined
    ? { ...item, id: String(item.username) } : item));
  const accounts = parseList(withIds, file, Account, 'accounts');
  const usernames = new Set<string>();
  return accounts.map((account, index) => {
    const item = withIds[index] as Record<string, unknown>;
    const password = item.password;
    if (typeof password !== 'string' && typeof password !== 'number') throw new PackageError(file, `account ${JSON.stringify(account.id)}: password is missing`);
    if (String(password).length === 0) throw new PackageError(file, `account ${JSON.stringify(account.id)}: password is empty`);
    if (usernames.has(account.username)) throw new PackageError(file, `username ${JSON.stringify(account.username)} appears twice`);
    usernames.add(account.username);
    if (account.type === 'team' && !account.team_id) throw new PackageError(file, `account ${JSON.stringify(account.id)}: a team account needs team_id`);
    return { account, password: String(password) };
  });
}

/** Splits a TSV file into rows of trimmed cells, skipping blank lines and the version header. */
function tsvRows(text: string, file: string, header: RegExp): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0];
  if (first === undefined || !header.test(first.split('\t')[0]?.trim() ?? '')) {
    throw new PackageError(file, `must start with a version line (${header.source.replace(/[\^$()]/g, '')}<TAB>1)`);
  }
  return lines.slice(1).map((l) => l.split('\t').map((c) => c.trim()));
}

/**
 * Legacy `teams.tsv` (`File_Version 2`/`teams 1`): team number, external id, group id, name,
 * organisation name, short name, country, organisation external id. Organisations are derived.
 */
export function parseTeamsTsv(text: string, file: string): { teams: Team[]; organizations: Organization[] } {
  const teams: Team[] = [];
  const orgs = new Map<string, Organization>();
  tsvRows(text, file, /^(File_Version|teams)$/i).forEach((cells, index) => {
    const line = index + 2;
    const [id, icpcId, groupId, name, orgName, orgShort, country, orgIdRaw] = cells;
    if (!id || !Id.safeParse(id).success) throw new PackageError(file, `line ${line}: team number ${JSON.stringify(id ?? '')} is not a valid id`);
    if (!name) throw new PackageError(file, `line ${line}: team name is missing`);
    let organizationId: string | null = null;
    if (orgName || orgIdRaw) {
      const orgId = (orgIdRaw || orgShort || orgName || '').replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 36);
      if (!Id.safeParse(orgId).success) throw new PackageError(file, `line ${line}: organization id ${JSON.stringify(orgId)} is not a valid id`);
      organizationId = orgId;
      if (!orgs.has(orgId)) {
        const org: Organization = { id: orgId, name: orgShort || orgName || orgId, formal_name: orgName || orgShort || orgId };
        if (country) org.country = country;
        orgs.set(orgId, org);
      }
    }
    const team: Team = { id, name, group_ids: groupId ? [groupId] : [], organization_id: organizationId };
    if (icpcId) team.icpc_id = icpcId;
    teams.push(team);
  });
  return { teams, organizations: [...orgs.values()] };
}

/**
 * Legacy `accounts.tsv` (`accounts 1`): type, full name, username, password. A team account is
 * linked to the team whose id equals the username, or to `N` for a username `teamN`.
 */
export function parseAccountsTsv(text: string, file: string, teamIds: ReadonlySet<string>): AccountWithPassword[] {
  const items = tsvRows(text, file, /^accounts$/i).map((cells, index) => {
    const [type, name, username, password] = cells;
    if (!username) throw new PackageError(file, `line ${index + 2}: username is missing`);
    const item: Record<string, unknown> = { id: username, username, type, password };
    if (name) item.name = name;
    if (type === 'team') {
      const number = /^team0*(\d+)$/.exec(username)?.[1];
      item.team_id = teamIds.has(username) ? username : number !== undefined && teamIds.has(number) ? number : undefined;
    }
    return item;
  });
  return parseAccounts(items, file);
}

/**
 * Checks references between the lists: teams' organisations and groups exist, team accounts
 * point at existing teams. Throws PackageError naming the file that holds the bad reference.
 */
export function checkReferences(input: {
  teams: readonly Team[]; teamsFile: string;
  organizations: readonly Organization[];
  groups: readonly Group[];
  accounts: readonly AccountWithPassword[]; accountsFile: string;
}): void {
  const orgIds = new Set(input.organizations.map((o) => o.id));
  const groupIds = new Set(input.groups.map((g) => g.id));
  const teamIds = new Set(input.teams.map((t) => t.id));
  for (const team of input.teams) {
    if (team.organization_id && !orgIds.has(team.organization_id)) {
      throw new PackageError(input.teamsFile, `team ${JSON.stringify(team.id)}: organization ${JSON.stringify(team.organization_id)} does not exist`);
    }
    for (const g of team.group_ids) {
      if (!groupIds.has(g)) throw new PackageError(input.teamsFile, `team ${JSON.stringify(team.id)}: group ${JSON.stringify(g)} does not exist`);
    }
  }
  for (const { account } of input.accounts) {
    if (account.team_id && !teamIds.has(account.team_id)) {
      throw new PackageError(input.accountsFile, `account ${JSON.stringify(account.id)}: team ${JSON.stringify(account.team_id)} does not exist`);
    }
  }
}
