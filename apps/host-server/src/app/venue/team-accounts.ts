import {
  Team, type AccountCreate, type AccountCreated, type AccountList, type AccountPatch, type AccountRow, type AccountsImport,
  type AccountsImportResult, type ImportProblem, type PasswordReset,
} from '@arena/protocol';
import {
  accountKeys, contestExists, getVenueTeam, insertTeamAccount, insertVenueTeam, listVenueTeams, objectIds, readContestName, revokeAccountSessions,
  revokeTeamSessions, setAccountPasswordHash, setVenueTeamEnabled, updateVenueTeamData, type VenueTeamRow,
} from '../../adapters/sqlite/repos/venue-accounts-repo';
import type { Db } from '../../adapters/sqlite/database';
import type { Audience, WriteContext } from '../../adapters/sqlite/store';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { parseTeamImport, type TeamImportEntry } from './parse-team-import';
import { generatePassword } from './readable-secrets';
import { audit, signalConsole } from './venue-audit';

/**
 * Teams and their team accounts, as the console manages them. Teams and accounts are CLICS
 * objects: every change is ONE Store.write with its `teams` / `accounts` events (accounts are
 * jury-only; a hidden team's events too) and an audit row. Passwords are generated here, shown
 * once, and stored only as scrypt hashes (hashed before the write, so the write stays short).
 */

function teamData(row: VenueTeamRow): Team {
  return Team.parse(JSON.parse(row.data));
}

function toAccountRow(row: VenueTeamRow): AccountRow {
  const data = teamData(row);
  return {
    teamId: row.id, name: data.name, displayName: data.display_name ?? null, organizationId: data.organization_id ?? null,
    groupIds: data.group_ids, username: row.username, enabled: row.enabled, lastSeenMs: row.lastSeenMs,
  };
}

function requireContest(ctx: HostContext, contestId: string): void {
  if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
}

function requireTeamRow(db: Db, contestId: string, teamId: string): VenueTeamRow {
  const row = getVenueTeam(db, contestId, teamId);
  if (!row) throw new AppError('not_found', `no team ${teamId} in contest ${contestId}`);
  return row;
}

const audienceOf = (team: Team): Audience => (team.hidden ? 'jury' : 'public');

/** Hashes passwords without blocking the event loop for more than one hash at a time. */
async function hashAll(passwords: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const password of passwords) {
    hashes.push(hashPassword(password));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hashes;
}

export function listAccounts(ctx: HostContext, contestId: string): AccountList {
  requireContest(ctx, contestId);
  return { teams: listVenueTeams(ctx.store.db, contestId).map(toAccountRow) };
}

/** A new team as written: its CLICS object and its account (`id` = username). */
interface NewTeam {
  team: Team;
  username: string;
  passwordHash: string;
}

function writeNewTeam(tx: WriteContext, contestId: string, item: NewTeam): void {
  insertVenueTeam(tx.db, contestId, item.team.id, JSON.stringify(item.team));
  tx.emit({ contestId, type: 'teams', id: item.team.id, data: { ...item.team }, audience: audienceOf(item.team) });
  writeTeamAccount(tx, contestId, item.team.id, item.username, item.passwordHash);
}

function writeTeamAccount(tx: WriteContext, contestId: string, teamId: string, username: string, passwordHash: string): void {
  const account = { id: username, username, type: 'team', team_id: teamId };
  insertTeamAccount(tx.db, contestId, { id: username, data: JSON.stringify(account), username, teamId, passwordHash });
  tx.emit({ contestId, type: 'accounts', id: username, data: account, audience: 'jury' });
}

/** Checks an organisation and groups exist; returns the problems found (empty when fine). */
function referenceProblems(db: Db, contestId: string, organizationId: string | undefined, groupIds: readonly string[] | undefined): string[] {
  const problems: string[] = [];
  if (organizationId !== undefined && !objectIds(db, 'organizations', contestId).has(organizationId)) {
    problems.push(`organization ${organizationId} does not exist`);
  }
  const groups = objectIds(db, 'groups_', contestId);
  for (const g of groupIds ?? []) if (!groups.has(g)) problems.push(`group ${g} does not exist`);
  return problems;
}

function nextFreeTeamId(tx: WriteContext, contestId: string): string {
  const teams = new Set(listVenueTeams(tx.db, contestId).map((t) => t.id));
  const keys = accountKeys(tx.db, contestId);
  for (let n = teams.size + 1; ; n++) {
    const id = `team${n}`;
    if (!teams.has(id) && !keys.ids.has(id) && !keys.usernames.has(id)) return id;
  }
}

/** Adds one team with a team account and a generated password (returned once). */
export async function createAccount(ctx: HostContext, contestId: string, actor: string, body: AccountCreate): Promise<AccountCreated> {
  requireContest(ctx, contestId);
  const password = generatePassword();
  const [passwordHash] = await hashAll([password]);
  const teamId = ctx.store.write((tx) => {
    const id = body.teamId ?? nextFreeTeamId(tx, contestId);
    const username = body.username ?? id;
    if (getVenueTeam(tx.db, contestId, id)) throw new AppError('conflict', `team ${id} already exists`);
    const keys = accountKeys(tx.db, contestId);
    if (keys.usernames.has(username) || keys.ids.has(username)) throw new AppError('conflict', `the username ${username} is already taken`);
    const problems = referenceProblems(tx.db, contestId, body.organizationId, body.groupIds);
    if (problems.length > 0) throw new AppError('bad_request', problems.join('; '));
    const team = Team.parse({
      id, name: body.name, group_ids: body.groupIds ?? [], organization_id: body.organizationId ?? null,
      ...(body.displayName ? { display_name: body.displayName } : {}),
    });
    writeNewTeam(tx, contestId, { team, username, passwordHash: passwordHash as string });
    audit(tx, { contestId, actor, action: 'team.create', details: { teamId: id, username } });
    return id;
  });
  signalConsole(ctx, contestId, ['accounts', 'audit'], teamId);
  return { ...toAccountRow(requireTeamRow(ctx.store.db, contestId, teamId)), password };
}

/**
 * Changes a team's name, display name, groups or enabled flag. Disabling also ends every
 * session of the team's accounts at once (its requests then get 401; it cannot log in again).
 */
export function patchAccount(ctx: HostContext, contestId: string, actor: string, teamId: string, body: AccountPatch): AccountRow {
  requireContest(ctx, contestId);
  const changed = ctx.store.write((tx) => {
    const row = requireTeamRow(tx.db, contestId, teamId);
    const old = teamData(row);
    const problems = referenceProblems(tx.db, contestId, undefined, body.groupIds);
    if (problems.length > 0) throw new AppError('bad_request', problems.join('; '));
    const next: Team = { ...old };
    if (body.name !== undefined) next.name = body.name;
    if (body.displayName === null || body.displayName === '') delete next.display_name;
    else if (body.displayName !== undefined) next.display_name = body.displayName;
    if (body.groupIds !== undefined) next.group_ids = body.groupIds;
    const changes: Record<string, unknown> = {};
    if (JSON.stringify(next) !== JSON.stringify(old)) {
      const parsed = Team.parse(next);
      updateVenueTeamData(tx.db, contestId, teamId, JSON.stringify(parsed));
      tx.emit({ contestId, type: 'teams', id: teamId, data: { ...parsed }, audience: audienceOf(parsed) });
      changes.team = { name: parsed.name, displayName: parsed.display_name ?? null, groupIds: parsed.group_ids };
    }
    if (body.enabled !== undefined && body.enabled !== row.enabled) {
      setVenueTeamEnabled(tx.db, contestId, teamId, body.enabled);
      changes.enabled = body.enabled;
      if (!body.enabled) changes.sessionsRevoked = revokeTeamSessions(tx.db, contestId, teamId);
    }
    if (Object.keys(changes).length === 0) return false;
    audit(tx, { contestId, actor, action: 'team.update', details: { teamId, ...changes } });
    return true;
  });
  if (changed) signalConsole(ctx, contestId, ['accounts', 'audit'], teamId);
  return toAccountRow(requireTeamRow(ctx.store.db, contestId, teamId));
}

/** Sets new passwords for teams' accounts inside one write; ends their sessions. */
async function resetPasswords(ctx: HostContext, contestId: string, actor: string, teamIds: readonly string[], action: string): Promise<Array<{
  teamId: string; teamName: string; username: string; password: string;
}>> {
  const targets = teamIds.map((id) => {
    const row = requireTeamRow(ctx.store.db, contestId, id);
    if (row.accountId === null || row.username === null) throw new AppError('bad_request', `team ${id} has no team account; add one first`);
    return { teamId: id, teamName: teamData(row).display_name ?? teamData(row).name, accountId: row.accountId, username: row.username };
  });
  const passwords = targets.map(() => generatePassword());
  const hashes = await hashAll(passwords);
  ctx.store.write((tx) => {
    targets.forEach((t, i) => {
      setAccountPasswordHash(tx.db, contestId, t.accountId, hashes[i] as string);
      revokeAccountSessions(tx.db, contestId, t.accountId);
    });
    audit(tx, { contestId, actor, action, details: { teamIds: targets.map((t) => t.teamId) } });
  });
  signalConsole(ctx, contestId, ['accounts', 'audit']);
  return targets.map((t, i) => ({ teamId: t.teamId, teamName: t.teamName, username: t.username, password: passwords[i] as string }));
}

/** A new password for the team's account (returned once); the old one and its sessions stop working. */
export async function resetPassword(ctx: HostContext, contestId: string, actor: string, teamId: string): Promise<PasswordReset> {
  requireContest(ctx, contestId);
  const [reset] = await resetPasswords(ctx, contestId, actor, [teamId], 'team.password-reset');
  return { username: (reset as { username: string }).username, password: (reset as { password: string }).password };
}

/**
 * New passwords for credential slips: the given teams, or every team with a team account. Only
 * hashes are stored, so printing slips is a password reset for those teams.
 */
export async function resetPasswordsForSlips(ctx: HostContext, contestId: string, actor: string, teamIds: readonly string[] | undefined): Promise<{
  contestName: string; slips: Array<{ teamId: string; teamName: string; username: string; password: string }>;
}> {
  requireContest(ctx, contestId);
  const ids = teamIds ?? listVenueTeams(ctx.store.db, contestId).filter((t) => t.accountId !== null).map((t) => t.id);
  if (ids.length === 0) throw new AppError('bad_request', 'no team has a team account: add teams first');
  const slips = await resetPasswords(ctx, contestId, actor, [...new Set(ids)], 'team.credential-slips');
  return { contestName: readContestName(ctx.store.db, contestId), slips };
}

interface ImportPlan {
  created: Array<{ entry: TeamImportEntry; team: Team; username: string }>;
  updated: Array<{ entry: TeamImportEntry; team: Team; audience: Audience; accountUsername: string | null }>;
}

function planImport(db: Db, contestId: string, entries: readonly TeamImportEntry[]): { plan: ImportPlan; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const plan: ImportPlan = { created: [], updated: [] };
  const keys = accountKeys(db, contestId);
  const teams = new Map(listVenueTeams(db, contestId).map((t) => [t.id, t]));
  for (const entry of entries) {
    const refs = referenceProblems(db, contestId, entry.organizationId, entry.groupIds);
    for (const message of refs) problems.push({ line: entry.line, message });
    const existing = teams.get(entry.teamId);
    if (existing) {
      const old = teamData(existing);
      const team = Team.parse({
        ...old, name: entry.name, ...(entry.displayName !== undefined ? { display_name: entry.displayName } : {}),
        ...(entry.organizationId !== undefined ? { organization_id: entry.organizationId } : {}),
        ...(entry.groupIds !== undefined ? { group_ids: entry.groupIds } : {}),
      });
      let accountUsername: string | null = null;
      if (existing.username !== null) {
        if (entry.username !== undefined && entry.username !== existing.username) {
          problems.push({ line: entry.line, message: `team ${entry.teamId} already has the account ${existing.username}; an import does not rename accounts` });
        }
      } else {
        accountUsername = entry.username ?? entry.teamId;
        if (keys.usernames.has(accountUsername) || keys.ids.has(accountUsername)) problems.push({ line: entry.line, message: `the username ${accountUsername} is already taken` });
      }
      plan.updated.push({ entry, team, audience: audienceOf(team), accountUsername });
    } else {
      const username = entry.username ?? entry.teamId;
      if (keys.usernames.has(username) || keys.ids.has(username)) problems.push({ line: entry.line, message: `the username ${username} is already taken` });
      const team = Team.parse({
        id: entry.teamId, name: entry.name, group_ids: entry.groupIds ?? [], organization_id: entry.organizationId ?? null,
        ...(entry.displayName ? { display_name: entry.displayName } : {}),
      });
      plan.created.push({ entry, team, username });
    }
  }
  return { plan, problems };
}

function rejectProblems(problems: readonly ImportProblem[]): never {
  const shown = problems.slice(0, 50).map((p) => `line ${p.line}: ${p.message}`).join('; ');
  const more = problems.length > 50 ? `; and ${problems.length - 50} more` : '';
  throw new AppError('bad_request', `nothing was imported, ${problems.length} problem(s): ${shown}${more}`, { errors: problems });
}

/**
 * Bulk import of teams (TSV or JSON), all or nothing: every bad line is reported with its number
 * and then nothing changes. New teams get a team account with a generated password (returned
 * once); existing teams are updated (and get an account if they had none).
 */
export async function importAccounts(ctx: HostContext, contestId: string, actor: string, body: AccountsImport): Promise<AccountsImportResult> {
  requireContest(ctx, contestId);
  const parsed = parseTeamImport(body.format, body.text);
  if (!parsed.ok) rejectProblems(parsed.problems);
  const dryRun = planImport(ctx.store.db, contestId, parsed.entries);
  if (dryRun.problems.length > 0) rejectProblems(dryRun.problems);
  const newAccounts = [
    ...dryRun.plan.created.map((c) => ({ teamId: c.team.id, username: c.username })),
    ...dryRun.plan.updated.filter((u) => u.accountUsername !== null).map((u) => ({ teamId: u.team.id, username: u.accountUsername as string })),
  ];
  const passwords = newAccounts.map(() => generatePassword());
  const hashes = await hashAll(passwords);
  const hashOf = new Map(newAccounts.map((a, i) => [a.teamId, hashes[i] as string]));

  const result = ctx.store.write((tx) => {
    // Planned again inside the write: another change may have landed while hashing.
    const { plan, problems } = planImport(tx.db, contestId, parsed.entries);
    if (problems.length > 0) rejectProblems(problems);
    const planned = (id: string): string => {
      const hash = hashOf.get(id);
      if (hash === undefined) throw new AppError('conflict', 'the teams changed while importing; import again');
      return hash;
    };
    for (const c of plan.created) writeNewTeam(tx, contestId, { team: c.team, username: c.username, passwordHash: planned(c.team.id) });
    let updated = 0;
    for (const u of plan.updated) {
      const old = getVenueTeam(tx.db, contestId, u.team.id) as VenueTeamRow;
      const json = JSON.stringify(u.team);
      if (json !== old.data) {
        updateVenueTeamData(tx.db, contestId, u.team.id, json);
        tx.emit({ contestId, type: 'teams', id: u.team.id, data: { ...u.team }, audience: u.audience });
      }
      if (u.accountUsername !== null) writeTeamAccount(tx, contestId, u.team.id, u.accountUsername, planned(u.team.id));
      updated++;
    }
    if (plan.created.length + plan.updated.filter((u) => u.accountUsername !== null).length !== newAccounts.length) {
      throw new AppError('conflict', 'the teams changed while importing; import again');
    }
    audit(tx, { contestId, actor, action: 'team.import', details: { format: body.format, created: plan.created.map((c) => c.team.id), updated: plan.updated.map((u) => u.team.id) } });
    return { created: plan.created.length, updated };
  });
  signalConsole(ctx, contestId, ['accounts', 'audit']);
  return { ...result, passwords: newAccounts.map((a, i) => ({ ...a, password: passwords[i] as string })) };
}
