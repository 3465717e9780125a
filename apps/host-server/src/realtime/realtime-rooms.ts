/** Room names shared by the realtime namespaces. */

/** Every client of one contest on a namespace. */
export function contestRoom(contestId: string): string {
  return `contest:${contestId}`;
}

/** One team's clients on `/contestant`. */
export function teamRoom(contestId: string, teamId: string): string {
  return `team:${contestId}:${teamId}`;
}
