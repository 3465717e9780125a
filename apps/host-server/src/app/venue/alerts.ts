import type { Alert, AlertKind, AlertList, LockdownReport } from '@arena/protocol';
import { insertAlert, listAlerts, type StoredAlert } from '../../adapters/sqlite/repos/venue-alerts-repo';
import { contestExists, isTeamEnabled, markTeamSeen } from '../../adapters/sqlite/repos/venue-accounts-repo';
import { onConsoleChanged } from '../console/console-signals';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { signalConsole } from './venue-audit';

/** Most alerts one list returns (newest first). */
const MAX_ALERTS = 1000;

function teamNameOf(row: StoredAlert): string {
  if (row.teamData === null) return row.teamId;
  try {
    const team = JSON.parse(row.teamData) as { name?: unknown; display_name?: unknown };
    if (typeof team.display_name === 'string') return team.display_name;
    return typeof team.name === 'string' ? team.name : row.teamId;
  } catch {
    return row.teamId;
  }
}

/**
 * Stores one alert for a team at the host's time (a desktop's own clock is kept only as
 * information) and tells consoles (`alerts`). Connections also count as the team being seen.
 */
export function recordAlert(ctx: HostContext, contestId: string, teamId: string, alert: { kind: AlertKind; detail: string; clientTimeMs?: number | undefined }): void {
  ctx.store.write((tx) => {
    insertAlert(tx.db, contestId, { teamId, kind: alert.kind, detail: alert.detail, timeMs: tx.nowMs, clientTimeMs: alert.clientTimeMs ?? null });
    if (alert.kind === 'connected' || alert.kind === 'disconnected') markTeamSeen(tx.db, contestId, teamId, tx.nowMs);
  });
  signalConsole(ctx, contestId, ['alerts'], teamId);
}

/** A lockdown report from the team's desktop app (already parsed with LockdownReport). */
export function recordLockdownReport(ctx: HostContext, contestId: string, teamId: string, report: LockdownReport): void {
  recordAlert(ctx, contestId, teamId, { kind: report.kind, detail: report.detail, clientTimeMs: report.clientTimeMs });
}

/** Alerts of a contest (or of one team), newest first. */
export function listContestAlerts(ctx: HostContext, contestId: string, teamId: string | null): AlertList {
  if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
  const alerts: Alert[] = listAlerts(ctx.store.db, contestId, teamId, MAX_ALERTS).map((row) => ({
    id: String(row.id), teamId: row.teamId, teamName: teamNameOf(row), kind: row.kind as AlertKind, detail: row.detail, timeMs: row.timeMs,
  }));
  return { alerts };
}

/**
 * Calls `kick(contestId, teamId)` whenever the console disables a team, so its open
 * contestant-app connections can be closed (its sessions are already revoked). Returns the stop function.
 */
export function onTeamDisabled(ctx: HostContext, kick: (contestId: string, teamId: string) => void): () => void {
  return onConsoleChanged(ctx.store.db, (signal) => {
    if (signal.topic === 'accounts' && signal.teamId !== undefined && !isTeamEnabled(ctx.store.db, signal.contestId, signal.teamId)) {
      kick(signal.contestId, signal.teamId);
    }
  });
}
