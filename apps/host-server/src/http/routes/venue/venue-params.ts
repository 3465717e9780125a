import { Id } from '@arena/protocol';
import { z } from 'zod';

const NumericId = z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a number').transform(Number);

export const ContestParams = z.object({ id: Id });
export const TeamParams = z.object({ id: Id, teamId: Id });
export const BalloonParams = z.object({ id: Id, bid: NumericId });
export const PrintParams = z.object({ id: Id, pid: NumericId });
