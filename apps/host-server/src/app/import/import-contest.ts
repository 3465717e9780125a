import { DEFAULT_JUDGEMENT_TYPES, Id } from '@arena/protocol';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ZipLimits } from '../../adapters/zip/safe-unzip';
import { parseContestDefinition } from '../../domain/kattis/contest-definition';
import { PackageError } from '../../domain/kattis/package-error';
import { parseProblemList, type ProblemListEntry } from '../../domain/kattis/problem-list';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { applyImport, type HashedAccount } from './apply-import';
import { CONTEST_ZIP_LIMITS, PROBLEM_ZIP_LIMITS } from './import-limits';
import type { ImportReport } from './import-report';
import { loadParticipants } from './load-participants';
import { loadProblem, type LoadedProblem } from './load-problem';
import { listTopLevelFiles, readStructuredFile, type PackageDir } from './package-files';
import { openPackageSource } from './package-source';

export interface ImportOptions {
  /** Overrides the id in contest.yaml (required when the package has none). */
  contestId?: string;
  /** Who imports, for the audit log (account id, or 'cli'). */
  actor?: string;
  /** Limits for a zipped contest package (default CONTEST_ZIP_LIMITS); uploads may pass tighter ones. */
  zipLimits?: ZipLimits;
}

const CONTEST_FILES = ['contest.yaml', 'contest.yml', 'contest.json'];
const PROBLEMS_FILES = ['problems.yaml', 'problems.yml', 'problems.json'];

/**
 * Imports a CLICS contest package (a directory or a .zip) into the store: contest and clock,
 * problems (Kattis legacy-icpc or 2025-09) with test data, validators, rendered statements and
 * attachments, languages, judgement types, groups, organisations, teams and accounts
 * (passwords stored as scrypt hashes only). Re-importing the same contest id updates it in place.
 *
 * All-or-nothing: the whole package is parsed and checked first and written in ONE store
 * transaction, so a bad package changes no table (file bytes may already be in the blob store,
 * which is content-addressed and harmless). Errors are AppError('bad_request') whose message
 * names the file and what is wrong, e.g. `problems/hello/problem.yaml: limits.time_limit must
 * be a positive number`.
 */
export async function importContestPackage(ctx: HostContext, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  const tempRoot = join(ctx.config.dataDir, 'tmp');
  const disposers: Array<() => void> = [];
  try {
    const opened = await openPackageSource(source, tempRoot, options.zipLimits ?? CONTEST_ZIP_LIMITS, looksLikeContest);
    disposers.push(opened.dispose);
    return await importFromDirectory(ctx, opened.root, tempRoot, options, disposers);
  } catch (err) {
    if (err instanceof PackageError) throw new AppError('bad_request', err.message, { file: err.file });
    throw err;
  } finally {
    for (const dispose of disposers.reverse()) dispose();
  }
}

function looksLikeContest(dir: string): boolean {
  return [...CONTEST_FILES, ...PROBLEMS_FILES].some((f) => existsSync(join(dir, f)));
}

async function importFromDirectory(ctx: HostContext, root: string, tempRoot: string, options: ImportOptions, disposers: Array<() => void>): Promise<ImportReport> {
  const dir: PackageDir = { root, display: '' };
  const topFiles = listTopLevelFiles(dir);

  const contestFile = readStructuredFile(dir, topFiles, CONTEST_FILES);
  if (!contestFile) throw new PackageError('contest.yaml', 'is missing (a contest package needs contest.yaml or contest.json)');
  const contest = parseContestDefinition(contestFile.value, contestFile.file);
  const contestId = options.contestId ?? contest.id;
  if (!contestId) throw new AppError('bad_request', `${contestFile.file} has no id: give the contest an id there or with --contest-id`);
  if (!Id.safeParse(contestId).success) {
    throw new AppError('bad_request', `contest id ${JSON.stringify(contestId)} is not valid: use 1-36 letters, digits, _ . - (not starting with .)`);
  }

  const problemsFile = readStructuredFile(dir, topFiles, PROBLEMS_FILES);
  if (!problemsFile) throw new PackageError('problems.yaml', 'is missing (a contest package needs problems.yaml listing its problems)');
  const entries = parseProblemList(problemsFile.value, problemsFile.file);

  const realRoot = realpathSync(root);
  const problems: LoadedProblem[] = [];
  for (const [index, entry] of entries.entries()) {
    const located = await locateProblem(root, entry, problemsFile.file, tempRoot, disposers);
    problems.push(loadProblem({
      blobs: ctx.blobs, config: ctx.config, contestId, entry, ordinal: index + 1, dir: located.dir, boundary: located.boundary ?? realRoot,
    }));
  }

  const participants = loadParticipants(dir, topFiles);
  const accounts: HashedAccount[] = participants.accounts.map(({ account, password }) => ({ data: account, passwordHash: hashPassword(password) }));

  const warnings: string[] = [];
  const allScoring = problems.every((p) => p.spec.type === 'scoring');
  const scoreboardType = contest.scoreboardType ?? (allScoring ? 'score' : 'pass-fail');
  const scoringIds = problems.filter((p) => p.spec.type === 'scoring').map((p) => p.id);
  if (scoreboardType === 'pass-fail' && scoringIds.length > 0) {
    warnings.push(`the scoreboard is pass-fail, but ${scoringIds.join(', ')} ${scoringIds.length === 1 ? 'is a scoring problem' : 'are scoring problems'}: ` +
      'on a pass-fail board only a full score counts as solved');
  }
  if (participants.teams.length === 0) warnings.push('no teams.json or teams.tsv: the contest has no teams yet');
  if (participants.accounts.length === 0) warnings.push('no accounts.yaml or accounts.tsv: nobody can log in yet');

  const applied = ctx.store.write((tx) => applyImport(tx, {
    contestId, contest, scoreboardType, problems,
    groups: participants.groups, organizations: participants.organizations, teams: participants.teams,
    accounts, languages: participants.languages, actor: options.actor ?? 'system',
  }));
  ctx.log.info({ contestId, changes: applied.changes }, applied.created ? 'contest imported' : 'contest re-imported');

  return {
    contestId,
    contestName: contest.name,
    created: applied.created,
    problems: problems.map((p) => ({
      id: p.id,
      label: p.data.label,
      name: p.data.name,
      format: p.spec.format,
      type: p.spec.type,
      validation: p.spec.validation,
      timeLimitS: p.data.time_limit,
      sampleTestcases: p.testcases.filter((t) => t.isSample).length,
      secretTestcases: p.testcases.filter((t) => !t.isSample).length,
      statements: p.statements.map((s) => `${s.lang}.${s.format}`),
      attachments: p.files.filter((f) => f.kind === 'attachment').length,
    })),
    counts: {
      groups: participants.groups.length,
      organizations: participants.organizations.length,
      teams: participants.teams.length,
      accounts: participants.accounts.length,
      languages: participants.languages.length,
      judgementTypes: DEFAULT_JUDGEMENT_TYPES.length,
    },
    changes: applied.changes,
    warnings: [...warnings, ...problems.flatMap((p) => p.warnings), ...applied.warnings],
  };
}

/**
 * Finds a problem's package: `problems/<id>/` (a folder with problem.yaml), `problems/<id>/<id>.zip`,
 * `problems/<id>.zip`, then `<id>/` and `<id>.zip` at the root as found in the wild. A zip is
 * extracted into a temporary folder that is removed after the import.
 */
async function locateProblem(root: string, entry: ProblemListEntry, problemsFile: string, tempRoot: string, disposers: Array<() => void>): Promise<{
  dir: PackageDir; boundary: string | null;
}> {
  const id = entry.id;
  const candidates: Array<{ rel: string; kind: 'dir' | 'zip' }> = [
    { rel: `problems/${id}`, kind: 'dir' },
    { rel: `problems/${id}/${id}.zip`, kind: 'zip' },
    { rel: `problems/${id}.zip`, kind: 'zip' },
    { rel: id, kind: 'dir' },
    { rel: `${id}.zip`, kind: 'zip' },
  ];
  for (const candidate of candidates) {
    const abs = join(root, ...candidate.rel.split('/'));
    if (!existsSync(abs)) continue;
    const stats = statSync(abs);
    if (candidate.kind === 'dir') {
      if (!stats.isDirectory() || !['problem.yaml', 'problem.yml'].some((f) => existsSync(join(abs, f)))) continue;
      return { dir: { root: abs, display: `${candidate.rel}/` }, boundary: null };
    }
    if (!stats.isFile()) continue;
    const opened = await openPackageSource(abs, tempRoot, PROBLEM_ZIP_LIMITS, (d) => existsSync(join(d, 'problem.yaml')) || existsSync(join(d, 'problem.yml')), candidate.rel);
    disposers.push(opened.dispose);
    return { dir: { root: opened.root, display: `${candidate.rel}/` }, boundary: opened.root };
  }
  throw new PackageError(problemsFile, `problem ${JSON.stringify(id)} has no package: looked for problems/${id}/, problems/${id}/${id}.zip, problems/${id}.zip, ${id}/ and ${id}.zip`);
}
