import { parseRelTime } from '@arena/protocol';
import { z } from 'zod';

/** CLICS ID; some older systems wrote numbers. */
export const FeedId = z.union([z.string().min(1), z.number()]).transform(String);

const RELTIME_PATTERN = /^-?\d+:\d{2}:\d{2}(\.\d{1,9})?$/;

/**
 * A duration or contest time: a RELTIME string (`-1:02:03.456`), or a number of minutes (older
 * feeds), possibly fractional. Result in milliseconds.
 */
export const FeedRelTimeMs = z.union([
  z.string().regex(RELTIME_PATTERN, 'must be a relative time like 1:23:45.678 or a number of minutes').transform((v) => parseRelTime(v)),
  z.number().finite().transform((minutes) => Math.round(minutes * 60_000)),
]);

/** `penalty_time`: integer minutes (up to CLICS 2022-07) or a RELTIME (2023-06). Result in whole minutes. */
export const FeedPenaltyMinutes = z.union([
  z.number().finite().nonnegative(),
  z.string().regex(RELTIME_PATTERN, 'must be minutes or a relative time').transform((v) => parseRelTime(v) / 60_000),
]).transform((minutes) => Math.round(minutes));
