/**
 * Host clock minus local clock from one message carrying the host's `serverTimeMs`. With the
 * local time the request was sent (`sentMs`), the host's stamp is taken to be at the midpoint
 * of the round trip; a push (no request) is taken at `receivedMs`. Pure.
 */
export function clockOffsetMs(serverTimeMs: number, receivedMs: number, sentMs: number | null = null): number {
  const localAtStamp = sentMs === null ? receivedMs : sentMs + (receivedMs - sentMs) / 2;
  return Math.round(serverTimeMs - localAtStamp);
}

/** Host time now, given the local time and the measured offset. */
export function hostNowMs(localNowMs: number, offsetMs: number): number {
  return localNowMs + offsetMs;
}

/** "2:05" style contest time from a CLICS relative time (`h:mm:ss.sss`), dropping seconds. */
export function shortContestTime(relTime: string): string {
  const match = /^(-)?(\d+):(\d{2}):(\d{2})/.exec(relTime);
  if (!match) return relTime;
  return `${match[1] ?? ''}${Number(match[2])}:${match[3]}`;
}
