import { parseDurationMs, parseStartTimeMs } from './duration';
import { PackageError } from './package-error';
import { expectObject, optionalString, pick } from './yaml-values';

/** What `contest.yaml` / `contest.json` says, normalised. Times in ms. */
export interface ContestDefinition {
  id: string | null;
  name: string;
  formalName: string | null;
  /** Epoch ms; null = not scheduled. */
  startTimeMs: number | null;
  durationMs: number;
  /** null = no freeze. */
  freezeDurationMs: number | null;
  penaltyTimeMinutes: number;
  /** As the package says; null when it does not. */
  scoreboardType: 'pass-fail' | 'score' | null;
}

/**
 * Parses the contest file. Accepts the CLICS keys and their older hyphenated spellings
 * (`start-time`, `scoreboard-freeze-length`, `penalty-time`). Durations may be RELTIME strings or
 * numbers of seconds (see parseDurationMs). Throws PackageError naming `file` and the key.
 */
export function parseContestDefinition(raw: unknown, file: string): ContestDefinition {
  const obj = expectObject(raw, file);
  const name = optionalString(obj, file, 'name', 'formal_name');
  if (!name || name.trim() === '') throw new PackageError(file, 'name is missing');

  const durationRaw = pick(obj, 'duration', 'contest_duration', 'contest-duration');
  if (!durationRaw) throw new PackageError(file, 'duration is missing (expected h:mm:ss, e.g. 5:00:00)');
  const durationMs = parseDurationMs(durationRaw.value);
  if (durationMs === null || durationMs <= 0) {
    throw new PackageError(file, `${durationRaw.key} must be a positive duration like 5:00:00 (got ${JSON.stringify(durationRaw.value)})`);
  }

  const freezeRaw = pick(obj, 'scoreboard_freeze_duration', 'scoreboard-freeze-duration', 'scoreboard-freeze-length', 'freeze');
  let freezeDurationMs: number | null = null;
  if (freezeRaw) {
    freezeDurationMs = parseDurationMs(freezeRaw.value);
    if (freezeDurationMs === null) {
      throw new PackageError(file, `${freezeRaw.key} must be a duration like 1:00:00 (got ${JSON.stringify(freezeRaw.value)})`);
    }
    if (freezeDurationMs > durationMs) throw new PackageError(file, `${freezeRaw.key} is longer than the contest duration`);
  }

  const startRaw = pick(obj, 'start_time', 'start-time');
  const startTimeMs = parseStartTimeMs(startRaw?.value);
  if (startTimeMs !== null && Number.isNaN(startTimeMs)) {
    throw new PackageError(file, `${startRaw?.key ?? 'start_time'} must be an ISO-8601 time with a time zone, e.g. 2030-01-01T10:00:00+00:00 (got ${JSON.stringify(startRaw?.value)})`);
  }

  const penaltyRaw = pick(obj, 'penalty_time', 'penalty-time', 'penalty');
  let penaltyTimeMinutes = 20;
  if (penaltyRaw) {
    const value = penaltyRaw.value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) penaltyTimeMinutes = value;
    else if (typeof value === 'string' && /^\d+$/.test(value.trim())) penaltyTimeMinutes = Number(value.trim());
    else {
      const ms = typeof value === 'string' && value.includes(':') ? parseDurationMs(value) : null;
      if (ms === null || ms % 60_000 !== 0) {
        throw new PackageError(file, `${penaltyRaw.key} must be a whole number of minutes (got ${JSON.stringify(value)})`);
      }
      penaltyTimeMinutes = ms / 60_000;
    }
  }

  const typeRaw = optionalString(obj, file, 'scoreboard_type', 'scoreboard-type');
  if (typeRaw !== null && typeRaw !== 'pass-fail' && typeRaw !== 'score') {
    throw new PackageError(file, `scoreboard_type must be pass-fail or score (got ${JSON.stringify(typeRaw)})`);
  }

  return {
    id: optionalString(obj, file, 'id', 'short_name', 'short-name'),
    name: name.trim(),
    formalName: optionalString(obj, file, 'formal_name'),
    startTimeMs,
    durationMs,
    freezeDurationMs,
    penaltyTimeMinutes,
    scoreboardType: typeRaw,
  };
}
