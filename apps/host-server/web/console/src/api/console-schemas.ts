import { z } from 'zod';

/**
 * The console routes' schemas live in @arena/protocol (console-judging.ts, console-venue.ts);
 * this file adds what the console needs beyond them: the package import report it shows (only
 * the fields it reads; the host's report has more) and the "new password" rows of its dialog.
 */

export const ImportReport = z.object({
  contestId: z.string(),
  contestName: z.string(),
  created: z.boolean(),
  problems: z.array(z.object({ id: z.string(), label: z.string(), name: z.string() })),
  warnings: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A password the host generated (shown once). */
export interface NewPassword {
  teamId?: string | undefined;
  username: string;
  password: string;
}
