import { Language, type Group, type Organization, type Team } from '@arena/protocol';
import { DEFAULT_LANGUAGES } from '@arena/protocol';
import {
  checkReferences, parseAccounts, parseAccountsTsv, parseGroups, parseOrganizations, parseTeams, parseTeamsTsv,
  type AccountWithPassword,
} from '../../domain/kattis/contest-participants';
import { PackageError } from '../../domain/kattis/package-error';
import { readPackageFile, readStructuredFile, type PackageDir } from './package-files';

export interface LoadedParticipants {
  groups: Group[];
  organizations: Organization[];
  teams: Team[];
  accounts: AccountWithPassword[];
  languages: Language[];
  /** Which files were read, for the report. */
  sources: string[];
}

const ext = (base: string): string[] => [`${base}.json`, `${base}.yaml`, `${base}.yml`];

/**
 * Reads groups, organisations, teams (JSON/YAML, or legacy teams.tsv), accounts (YAML/JSON, or
 * legacy accounts.tsv) and languages (default list when absent) from the contest package root,
 * and checks the references between them. Every file is optional; a bad one throws PackageError.
 */
export function loadParticipants(dir: PackageDir, files: ReadonlySet<string>): LoadedParticipants {
  const sources: string[] = [];
  const note = <T>(found: { file: string; value: unknown } | null, parse: (value: unknown, file: string) => T, empty: T): T => {
    if (!found) return empty;
    sources.push(found.file);
    return parse(found.value, found.file);
  };

  const groups = note(readStructuredFile(dir, files, ext('groups')), parseGroups, []);
  let organizations = note(readStructuredFile(dir, files, ext('organizations')), parseOrganizations, []);
  let teams: Team[];
  let teamsFile = `${dir.display}teams.json`;
  const teamsStructured = readStructuredFile(dir, files, ext('teams'));
  if (teamsStructured) {
    teamsFile = teamsStructured.file;
    teams = note(teamsStructured, parseTeams, []);
  } else if (files.has('teams.tsv')) {
    teamsFile = `${dir.display}teams.tsv`;
    sources.push(teamsFile);
    const parsed = parseTeamsTsv(readPackageFile(dir, 'teams.tsv').toString('utf8'), teamsFile);
    teams = parsed.teams;
    const known = new Set(organizations.map((o) => o.id));
    organizations = [...organizations, ...parsed.organizations.filter((o) => !known.has(o.id))];
  } else {
    teams = [];
  }

  let accounts: AccountWithPassword[];
  let accountsFile = `${dir.display}accounts.yaml`;
  const accountsStructured = readStructuredFile(dir, files, ['accounts.yaml', 'accounts.yml', 'accounts.json']);
  if (accountsStructured) {
    accountsFile = accountsStructured.file;
    accounts = note(accountsStructured, parseAccounts, []);
  } else if (files.has('accounts.tsv')) {
    accountsFile = `${dir.display}accounts.tsv`;
    sources.push(accountsFile);
    accounts = parseAccountsTsv(readPackageFile(dir, 'accounts.tsv').toString('utf8'), accountsFile, new Set(teams.map((t) => t.id)));
  } else {
    accounts = [];
  }

  const languagesFound = readStructuredFile(dir, files, ext('languages'));
  const languages = languagesFound ? note(languagesFound, parseLanguages, []) : DEFAULT_LANGUAGES.map((l) => ({ ...l, extensions: [...l.extensions] }));

  checkReferences({ teams, teamsFile, organizations, groups, accounts, accountsFile });
  return { groups, organizations, teams, accounts, languages, sources };
}

function parseLanguages(raw: unknown, file: string): Language[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new PackageError(file, 'must be a non-empty list of languages');
  const seen = new Set<string>();
  return raw.map((item: unknown, index: number) => {
    const result = Language.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new PackageError(file, `language #${index + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
    }
    if (seen.has(result.data.id)) throw new PackageError(file, `language ${JSON.stringify(result.data.id)} appears twice`);
    seen.add(result.data.id);
    return result.data;
  });
}
