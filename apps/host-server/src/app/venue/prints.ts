import { join } from 'node:path';
import type { PrintAccepted, PrintCreate, PrintJob, PrintJobDetail, PrintList } from '@arena/protocol';
import { contestExists } from '../../adapters/sqlite/repos/venue-accounts-repo';
import { getPrint, getPrintText, insertPrint, listPrints, setPrintState, type StoredPrint } from '../../adapters/sqlite/repos/venue-prints-repo';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { TokenBuckets } from '../submissions/token-buckets';
import { runPrintCommand } from './print-command';
import { audit, signalConsole } from './venue-audit';

/** Per team: at most this many print jobs at once, refilled at PRINTS_PER_MINUTE. */
const PRINT_BURST = 10;
const PRINTS_PER_MINUTE = 4;

export interface PrintService {
  /** A team's print job: stored, then printed with `config.print.command` if there is one. */
  create(contestId: string, team: { accountId: string; teamId: string }, body: PrintCreate): PrintAccepted;
  list(contestId: string): PrintList;
  detail(contestId: string, printId: number): PrintJobDetail;
  /** The print desk printed it by hand (from the browser): state `printed`. */
  markDone(contestId: string, actor: string, printId: number): PrintJob;
  /** Runs the print command again (or, without one, puts the job back to `queued`). */
  retry(contestId: string, actor: string, printId: number): PrintJob;
  /** Waits for running print commands (the host is closing). */
  settled(): Promise<void>;
}

function teamNameOf(row: StoredPrint): string {
  if (row.teamData === null) return row.teamId;
  try {
    const team = JSON.parse(row.teamData) as { name?: unknown; display_name?: unknown };
    if (typeof team.display_name === 'string') return team.display_name;
    return typeof team.name === 'string' ? team.name : row.teamId;
  } catch {
    return row.teamId;
  }
}

function toJob(row: StoredPrint): PrintJob {
  return {
    id: String(row.id), teamId: row.teamId, teamName: teamNameOf(row), filename: row.filename, languageId: row.languageId,
    timeMs: row.timeMs, state: row.state, error: row.error,
  };
}

/**
 * Print jobs. Every state change is one write with an audit row and a `prints` console signal.
 * The print command runs in the background: `queued` → `printing` → `printed` | `failed`
 * (with the command's error). Without a command jobs stay `queued` for the print desk.
 */
export function createPrintService(ctx: HostContext): PrintService {
  const buckets = new TokenBuckets({ perMinute: PRINTS_PER_MINUTE, burst: PRINT_BURST, clock: ctx.clock });
  const running = new Set<Promise<void>>();

  function requireRow(contestId: string, printId: number): StoredPrint {
    const row = getPrint(ctx.store.db, contestId, printId);
    if (!row) throw new AppError('not_found', `no print job ${printId} in contest ${contestId}`);
    return row;
  }

  function setState(contestId: string, printId: number, state: StoredPrint['state'], error: string | null, actor: string, action: string): void {
    ctx.store.write((tx) => {
      setPrintState(tx.db, printId, state, error, tx.nowMs);
      audit(tx, { contestId, actor, action, details: { printId, state, ...(error === null ? {} : { error }) } });
    });
    signalConsole(ctx, contestId, ['prints', 'audit']);
  }

  function print(contestId: string, printId: number): void {
    const command = ctx.config.print.command;
    if (command === null) return;
    const row = requireRow(contestId, printId);
    const text = getPrintText(ctx.store.db, contestId, printId) ?? '';
    setState(contestId, printId, 'printing', null, 'system', 'print.start');
    const job = runPrintCommand(command, { text, title: `${teamNameOf(row)}: ${row.filename}`, teamId: row.teamId, filename: row.filename }, {
      timeoutMs: ctx.config.print.timeoutMs, tempRoot: join(ctx.config.dataDir, 'tmp'),
    }).then((outcome) => {
      if (outcome.ok) setState(contestId, printId, 'printed', null, 'system', 'print.printed');
      else setState(contestId, printId, 'failed', outcome.error, 'system', 'print.failed');
    }).catch((err: unknown) => {
      ctx.log.error({ err, contestId, printId }, 'print job failed');
    }).finally(() => running.delete(job));
    running.add(job);
  }

  return {
    create(contestId, team, body) {
      if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
      const key = `${contestId}\0${team.teamId}`;
      if (!buckets.tryTake(key)) {
        const waitS = Math.ceil(buckets.waitMs(key) / 1000);
        throw new AppError('rate_limited', `too many print jobs; try again in ${waitS} s`, { retryAfterS: waitS });
      }
      const id = ctx.store.write((tx) => {
        const printId = insertPrint(tx.db, contestId, { teamId: team.teamId, filename: body.filename, languageId: body.languageId ?? null, text: body.text, timeMs: tx.nowMs });
        audit(tx, { contestId, actor: team.accountId, action: 'print.create', details: { printId, teamId: team.teamId, filename: body.filename, bytes: Buffer.byteLength(body.text) } });
        return printId;
      });
      signalConsole(ctx, contestId, ['prints', 'audit'], team.teamId);
      print(contestId, id);
      return { id: String(id) };
    },

    list(contestId) {
      if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
      return { prints: listPrints(ctx.store.db, contestId).map(toJob) };
    },

    detail(contestId, printId) {
      const row = requireRow(contestId, printId);
      return { ...toJob(row), text: getPrintText(ctx.store.db, contestId, printId) ?? '' };
    },

    markDone(contestId, actor, printId) {
      const row = requireRow(contestId, printId);
      if (row.state === 'printing') throw new AppError('conflict', `print job ${printId} is printing right now; wait for it to finish`);
      if (row.state !== 'printed') setState(contestId, printId, 'printed', null, actor, 'print.done');
      return toJob(requireRow(contestId, printId));
    },

    retry(contestId, actor, printId) {
      const row = requireRow(contestId, printId);
      if (row.state === 'printing') throw new AppError('conflict', `print job ${printId} is printing right now; wait for it to finish`);
      setState(contestId, printId, 'queued', null, actor, 'print.retry');
      print(contestId, printId);
      return toJob(requireRow(contestId, printId));
    },

    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
