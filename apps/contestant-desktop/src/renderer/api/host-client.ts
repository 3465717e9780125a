import {
  Clarification, Contest, ContestState, Judgement, JudgementType, Language, LoginResponse, Organization, Problem, Submission, Team,
  TestRunAccepted, TestRunResult, type PrintCreate, type TestRunCreate,
} from '@arena/protocol';
import { z } from 'zod';
import type { SubmissionBody } from '../lib/zip-submission';

/** The host could not be reached at all (stopped, network down): nothing was sent or stored. */
export class HostUnreachableError extends Error {
  constructor(readonly path: string) {
    super('the host is unreachable');
    this.name = 'HostUnreachableError';
  }
}

/** The host answered with an error: `message` is the host's own explanation when it gave one. */
export class HostRefusedError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | null) {
    super(message);
    this.name = 'HostRefusedError';
  }
}

const ErrorShape = z.object({ code: z.string().optional(), message: z.string() });

export const Sample = z.object({ id: z.string(), name: z.string(), ordinal: z.number(), input: z.string(), answer: z.string() });
export type Sample = z.infer<typeof Sample>;
export const Attachment = z.object({ filename: z.string(), mime: z.string(), href: z.string() });
export type Attachment = z.infer<typeof Attachment>;

/** What the statement endpoint sent: sanitized HTML to show inline, or a PDF to link/embed. */
export type Statement = { kind: 'html'; html: string } | { kind: 'pdf'; url: string } | { kind: 'none' };

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * The host's HTTP API as the contestant app uses it. `baseUrl` is '' in a browser (same origin)
 * or the chosen host's URL on the desktop. Every answer is parsed with its zod schema; a network
 * failure is a `HostUnreachableError`, an error status a `HostRefusedError`.
 */
export class HostClient {
  constructor(readonly baseUrl: string, private token: string | null = null) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  private async send(path: string, options: RequestOptions, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        cache: 'no-store',
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch {
      throw new HostUnreachableError(path);
    }
    if (res.status === 502 || res.status === 504) throw new HostUnreachableError(path);
    if (!res.ok) {
      const raw: unknown = await res.json().catch(() => null);
      const shaped = ErrorShape.safeParse(raw);
      throw new HostRefusedError(shaped.success ? shaped.data.message : `the host answered ${res.status}`, res.status, shaped.success ? shaped.data.code ?? null : null);
    }
    return res;
  }

  async json<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(path, options);
    const raw: unknown = await res.json().catch(() => null);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new HostRefusedError(`the host sent an unexpected answer for ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, res.status, 'bad_answer');
    return parsed.data;
  }

  login(username: string, password: string): Promise<LoginResponse> {
    return this.json('/api/login', LoginResponse, { body: { username, password } });
  }

  /** Ends the token on the host; failures are ignored (the token expires anyway). */
  async logout(): Promise<void> {
    await this.send('/api/logout', { method: 'POST' }).catch(() => undefined);
  }

  private contest(contestId: string, rest = ''): string {
    return `/api/contests/${encodeURIComponent(contestId)}${rest}`;
  }

  private arena(contestId: string, rest: string): string {
    return `/api/arena/contests/${encodeURIComponent(contestId)}${rest}`;
  }

  getContest(contestId: string): Promise<Contest> {
    return this.json(this.contest(contestId), Contest);
  }

  getState(contestId: string): Promise<ContestState> {
    return this.json(this.contest(contestId, '/state'), ContestState);
  }

  getProblems(contestId: string): Promise<Problem[]> {
    return this.json(this.contest(contestId, '/problems'), z.array(Problem));
  }

  getLanguages(contestId: string): Promise<Language[]> {
    return this.json(this.contest(contestId, '/languages'), z.array(Language));
  }

  getJudgementTypes(contestId: string): Promise<JudgementType[]> {
    return this.json(this.contest(contestId, '/judgement-types'), z.array(JudgementType));
  }

  getTeams(contestId: string): Promise<Team[]> {
    return this.json(this.contest(contestId, '/teams'), z.array(Team));
  }

  getOrganizations(contestId: string): Promise<Organization[]> {
    return this.json(this.contest(contestId, '/organizations'), z.array(Organization));
  }

  getSubmissions(contestId: string): Promise<Submission[]> {
    return this.json(this.contest(contestId, '/submissions'), z.array(Submission));
  }

  getJudgements(contestId: string): Promise<Judgement[]> {
    return this.json(this.contest(contestId, '/judgements'), z.array(Judgement));
  }

  getClarifications(contestId: string): Promise<Clarification[]> {
    return this.json(this.contest(contestId, '/clarifications'), z.array(Clarification));
  }

  getSamples(contestId: string, problemId: string): Promise<Sample[]> {
    return this.json(this.contest(contestId, `/problems/${encodeURIComponent(problemId)}/samples`), z.array(Sample));
  }

  getAttachments(contestId: string, problemId: string): Promise<Attachment[]> {
    return this.json(this.contest(contestId, `/problems/${encodeURIComponent(problemId)}/attachments`), z.array(Attachment));
  }

  /** Downloads a file (attachment) with the token and returns it as a Blob. */
  async download(apiHref: string): Promise<Blob> {
    const res = await this.send(`/api/${apiHref}`, {}, '*/*');
    return res.blob();
  }

  /** The statement: sanitized HTML (shown inline) or a PDF (as an object URL to embed). */
  async getStatement(contestId: string, problemId: string): Promise<Statement> {
    let res: Response;
    try {
      res = await this.send(this.contest(contestId, `/problems/${encodeURIComponent(problemId)}/statement`), {}, 'text/html, application/pdf');
    } catch (err) {
      if (err instanceof HostRefusedError && err.status === 404) return { kind: 'none' };
      throw err;
    }
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('pdf')) return { kind: 'pdf', url: URL.createObjectURL(await res.blob()) };
    return { kind: 'html', html: await res.text() };
  }

  submit(contestId: string, body: SubmissionBody): Promise<{ id: string }> {
    return this.json(this.contest(contestId, '/submissions'), z.object({ id: z.string() }).loose(), { body });
  }

  askClarification(contestId: string, text: string, problemId: string | null): Promise<Clarification> {
    return this.json(this.contest(contestId, '/clarifications'), Clarification, { body: { text, problem_id: problemId } });
  }

  getCompileOutput(contestId: string, submissionId: string): Promise<{ compileOutput: string | null }> {
    return this.json(this.arena(contestId, `/submissions/${encodeURIComponent(submissionId)}/compile-output`), z.object({ compileOutput: z.string().nullable() }));
  }

  createTestRun(contestId: string, body: TestRunCreate): Promise<TestRunAccepted> {
    return this.json(this.arena(contestId, '/test-runs'), TestRunAccepted, { body });
  }

  getTestRun(contestId: string, runId: string): Promise<TestRunResult> {
    return this.json(this.arena(contestId, `/test-runs/${encodeURIComponent(runId)}`), TestRunResult);
  }

  print(contestId: string, body: PrintCreate): Promise<{ id: string }> {
    return this.json(this.arena(contestId, '/prints'), z.object({ id: z.string() }), { body });
  }
}

/** A message a contestant understands for any failure of a host request. */
export function describeFailure(err: unknown): string {
  if (err instanceof HostUnreachableError) return 'The host is unreachable. Check the network cable; the app keeps trying.';
  if (err instanceof HostRefusedError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
