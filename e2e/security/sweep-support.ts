/**
 * Set-up shared by the security suites: a real host built in-process (buildHost: real SQLite in a
 * temp dir, real HTTP on 127.0.0.1:0), a running contest with activity of team2 that carries
 * unique marker strings, the list of every route the host registered (read from Fastify itself,
 * so routes added later are swept too), and concrete URLs for each route.
 */
import yazl from 'yazl';
import { call, type ApiTestHost } from '../../apps/host-server/test/helpers/api-host';
import { authOf, judgeNext, loginToken, MINUTE, START_MS, startLiveHost } from '../../apps/host-server/test/realtime-test-support';

/** In team2's source file, its clarification and the jury's private answer to it. */
export const TEAM2_MARKER = 'ZQX-TEAM2-PRIVATE-7731';
/** In the seeded secret test case (input and answer; see apps/host-server/test/helpers/api-seed.ts). */
export const SECRET_MARKERS = ['SECRET-INPUT', 'SECRET-ANSWER'];

export interface Route { method: string; url: string }

/** What `concreteUrl` aims at: a host, the jury's credentials (to list ids) and a secret test case. */
export interface SweepTarget {
  baseUrl: string;
  contestId: string;
  juryAuth: string;
  secretSha256: string;
  secretTestcase: { problemId: string; id: string };
}

export interface SweepHost extends SweepTarget {
  h: ApiTestHost;
  contestId: string;
  team1Token: string;
  team2Token: string;
  juryToken: string;
  /** team2's submission (judged WA) and clarification, both carrying TEAM2_MARKER. */
  team2SubmissionId: string;
  team2ClarificationId: string;
  team1SubmissionId: string;
  close(): Promise<void>;
}

/** A zip whose entries are STORED (not deflated), so a marker in a source is greppable in the bytes. */
export async function storedZipBase64(files: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('base64');
}

/**
 * Starts the host with 3 teams, 10 minutes into the contest. team2 submits a source with the
 * marker (judged WA), asks a clarification with it and gets a private answer with it; team1
 * submits once (judged AC).
 */
export async function startSweepHost(): Promise<SweepHost> {
  const h = await startLiveHost({ teams: 3 });
  try {
    h.clock.set(START_MS + 10 * MINUTE);
    const C = h.seed.contestId;
    const submitAs = async (team: string, source: string): Promise<string> => {
      const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, {
        auth: authOf(team), body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: await storedZipBase64({ 'main.cpp': source }) }] },
      });
      if (res.status !== 200) throw new Error(`submit as ${team}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    };
    const team2SubmissionId = await submitAs('team2', `// ${TEAM2_MARKER}\nint main() { return 0; }\n`);
    judgeNext(h, 'WA');
    const team1SubmissionId = await submitAs('team1', 'int main() { return 0; }\n');
    judgeNext(h, 'AC');
    const question = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: authOf('team2'), body: { text: `Is ${TEAM2_MARKER} allowed?` } });
    if (question.status !== 200) throw new Error(`clarification: ${question.status} ${JSON.stringify(question.body)}`);
    const answer = await call(h.url, 'POST', `/api/contests/${C}/clarifications`, {
      auth: authOf('jury'), body: { text: `Only for you: ${TEAM2_MARKER}`, reply_to_id: question.body.id, to_team_id: 'team2' },
    });
    if (answer.status !== 200) throw new Error(`answer: ${answer.status} ${JSON.stringify(answer.body)}`);
    const juryToken = await loginToken(h, 'jury');
    return {
      h, contestId: C, baseUrl: h.url, juryAuth: `Bearer ${juryToken}`, juryToken,
      secretSha256: h.seed.secretInputSha256, secretTestcase: { problemId: 'hello', id: 'x1' },
      team1Token: await loginToken(h, 'team1'),
      team2Token: await loginToken(h, 'team2'),
      team2SubmissionId, team2ClarificationId: question.body.id, team1SubmissionId,
      close: () => h.close(),
    };
  } catch (err) {
    await h.close();
    throw err;
  }
}

/**
 * Every route the host registered, read from Fastify's own route tree (`printRoutes`), one entry
 * per method (HEAD and OPTIONS left out: HEAD mirrors GET). A segment written `:a|:b` (two
 * routes sharing a node with different parameter names) yields one route per name.
 */
export function registeredRoutes(http: { printRoutes(options: { commonPrefix: false }): string }): Route[] {
  const tree = http.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) {
      if (line.trim() !== '') throw new Error(`unexpected route tree line: ${line}`);
      continue;
    }
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const segment = match[2] as string;
    stack.push(segment === '*' ? '/*' : segment);
    const methods = (match[3] as string).split(',').map((m) => m.trim()).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    for (const path of expandAlternatives(stack.join(''))) {
      for (const method of methods) routes.push({ method, url: path });
    }
  }
  return routes;
}

function expandAlternatives(path: string): string[] {
  const alt = /:(\w+)\|:(\w+)/.exec(path);
  if (!alt) return [path];
  return [...expandAlternatives(path.replace(alt[0], `:${alt[1]}`)), ...expandAlternatives(path.replace(alt[0], `:${alt[2]}`))];
}

/** Ids the jury sees in a collection, with the team each belongs to (team_id, from_team_id, or the team itself). */
async function juryObjects(target: SweepTarget, collectionPath: string): Promise<Array<{ id: string; team: string | null }>> {
  const res = await call<unknown>(target.baseUrl, 'GET', collectionPath, { auth: target.juryAuth });
  if (res.status !== 200 || !Array.isArray(res.body)) return [];
  return (res.body as Array<Record<string, unknown>>).filter((o) => typeof o.id === 'string').map((o) => {
    const teamOf = collectionPath.endsWith('/teams') ? o.id : o.team_id ?? o.from_team_id ?? o.to_team_id ?? null;
    return { id: o.id as string, team: typeof teamOf === 'string' ? teamOf : null };
  });
}

/**
 * A concrete URL for a route, aimed at what team1 must NOT reach: objects of team2 (or, where
 * none belongs to a team, the first object the jury sees), the secret test case, the secret
 * test data blob. Unknown parameters get `1` (a 404 is then an acceptable answer).
 */
export async function concreteUrl(target: SweepTarget, route: Route): Promise<{ path: string; targetTeam: string | null }> {
  let path = route.url.replace(':id', target.contestId);
  let targetTeam: string | null = null;
  if (path.includes(':oid')) {
    const collection = path.slice(0, path.indexOf('/:oid'));
    const objects = await juryObjects(target, collection);
    const aim = objects.find((o) => o.team === 'team2') ?? objects[0];
    path = path.replace(':oid', aim?.id ?? 'no-such-object');
    targetTeam = aim?.team ?? null;
  }
  if (path.includes(':sid')) {
    // Console and contestant-app routes name a submission `:sid`: aim at one of team2's.
    const submissions = await juryObjects(target, `/api/contests/${target.contestId}/submissions`);
    const aim = submissions.find((o) => o.team === 'team2');
    path = path.replace(':sid', aim?.id ?? 'no-such-submission');
    targetTeam = aim?.team ?? null;
  }
  if (path.includes(':teamId')) {
    path = path.replace(':teamId', 'team2');
    targetTeam = 'team2';
  }
  path = path.replace('/problems/:pid', `/problems/${target.secretTestcase.problemId}`).replace(':tcid', target.secretTestcase.id).replace(':which', 'answer')
    .replace(':sha256', target.secretSha256);
  if (path.endsWith('/attachments/*')) path = path.replace(/\*$/, 'tool.py');
  else if (path.endsWith('/statement/*')) path = path.replace(/\*$/, 'pic.png');
  else path = path.replace(/\*$/, 'index.html');
  // Any other parameter: an id that passes the usual id schemas (numeric ids included).
  path = path.replace(/:(\w+)/g, '1');
  if (path.endsWith('/event-feed')) path += '?stream=false';
  return { path, targetTeam };
}

export interface RawReply { status: number; text: string; headers: Headers }

/** One request with a 5 s cap (a streaming endpoint must not hang the sweep). */
export async function fetchRaw(baseUrl: string, method: string, path: string, auth: string | undefined, body?: unknown): Promise<RawReply> {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers, signal: AbortSignal.timeout(5000), ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: bytes.toString('latin1'), headers: res.headers };
}

/** Which markers a response contains (checked in the raw bytes and, for base64 payloads, decoded). */
export function leakedMarkers(text: string, markers: readonly string[]): string[] {
  const decoded = [...text.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64').toString('latin1')).join('\n');
  return markers.filter((marker) => text.includes(marker) || decoded.includes(marker));
}

/** Number of events in the event log (a refused request must not add one). */
export function eventCount(sweep: SweepHost): number {
  // Clock-driven events (`state`, and the `problems` published at the start) come from the
  // host's clock ticker on its own schedule, whatever a request did: not counted.
  return (sweep.h.ctx.store.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type NOT IN ('state', 'problems')").get() as { n: number }).n;
}
