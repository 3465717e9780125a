import { z } from 'zod';

/**
 * A request to the host failed. `message` is the host's own explanation when it gave one
 * (AppError `{ code, message }`), `code` its error code ('reauth_failed', 'conflict', …).
 */
export class HostApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | null) {
    super(message);
    this.name = 'HostApiError';
  }
}

const ErrorShape = z.object({ message: z.string(), code: z.string().optional() });

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  token?: string | null;
  /** JSON body (sent as application/json). */
  body?: unknown;
  /** Raw body with its own content type (a zip upload). */
  raw?: { data: Blob; contentType: string };
}

/** Called with every 401 of a logged-in request: the session is over (token expired or revoked). */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const res = await fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
  if (!res.ok) {
    const raw: unknown = await res.json().catch(() => null);
    const shaped = ErrorShape.safeParse(raw);
    const error = new HostApiError(shaped.success ? shaped.data.message : `the host answered ${res.status} for ${path}`, res.status, shaped.success ? shaped.data.code ?? null : null);
    // A wrong re-entered password is a 401 too, but it does not end the session.
    if (res.status === 401 && options.token && error.code !== 'reauth_failed') onUnauthorized?.();
    throw error;
  }
  return res;
}

/** Sends a request to this host (same origin) and parses the JSON answer with `schema`. */
export async function requestJson<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  const raw: unknown = await res.json().catch(() => null);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HostApiError(`the host sent an unexpected answer for ${path}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`, res.status, 'bad_answer');
  }
  return parsed.data;
}

/** Sends a request and returns the answer as text (the credential slips page). */
export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await send(path, options)).text();
}

/** The message to show for any failure. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
