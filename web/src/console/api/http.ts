// How the console talks to the API. Every request goes through `consoleFetch`, which:
// - adds the session's CSRF token (X-CSRF-Token) to every write, as the guard requires for cookie sessions;
// - when the server answers 401 because the session ended in the middle of the work, asks the page to sign in
//   again (a dialog over whatever is open, so nothing typed is lost) and then sends the very same request again,
//   with the same Idempotency-Key and If-Match, so a retried action is never done twice.
// Problems (RFC 9457) become `ConsoleProblem`s carrying the Vietnamese title, the type and the fields at fault.
import createClient from 'openapi-fetch';
import { type FieldProblem, ProblemError } from '../../api/client.ts';
import type { paths } from '../../api/schema';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let signInAgain: (() => Promise<void>) | null = null;
let pendingSignIn: Promise<void> | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for the one request that cannot go through fetch: an upload reporting its progress. */
export const currentCsrfToken = () => csrfToken;

/** Installed while someone is signed in: shows the sign-in dialog and settles once they are signed in again. */
export function onSessionExpired(handler: (() => Promise<void>) | null): void {
  signInAgain = handler;
}

function withCsrf(request: Request): Request {
  if (!UNSAFE.has(request.method) || !csrfToken) return request;
  const headers = new Headers(request.headers);
  headers.set('x-csrf-token', csrfToken);
  return new Request(request, { headers });
}

const isSignIn = (request: Request) => new URL(request.url, location.href).pathname === '/api/v1/auth/login';

export async function consoleFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const response = await fetch(withCsrf(request));
  if (response.status !== 401 || isSignIn(request) || !signInAgain) return response;
  // Several requests may fail at once: one dialog serves them all.
  pendingSignIn ??= signInAgain().finally(() => {
    pendingSignIn = null;
  });
  await pendingSignIn;
  return fetch(withCsrf(again));
}

/** The typed client (routes with response schemas), going through `consoleFetch`. */
export const consoleApi = createClient<paths>({ baseUrl: '', fetch: consoleFetch });

/** A problem answered by the server, with its type: the console tells a conflict from other refusals. */
export class ConsoleProblem extends ProblemError {
  constructor(
    status: number,
    title: string,
    requestId: string | undefined,
    readonly type: string,
    detail: string | undefined,
    errors: FieldProblem[],
  ) {
    super(status, title, requestId, errors, detail);
  }

  /** Someone else changed the record since it was read (409 stale version, 412). */
  get isConflict(): boolean {
    return this.status === 412 || this.type.endsWith('/stale-version');
  }

  messageFor(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export async function problemOf(response: Response): Promise<ConsoleProblem> {
  return problemFrom(response, await response.json().catch(() => ({})));
}

function problemFrom(response: Response, parsed: unknown): ConsoleProblem {
  const body = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return new ConsoleProblem(
    response.status,
    text(body.title) ?? `${response.status} ${response.statusText}`,
    text(body.requestId),
    text(body.type) ?? 'about:blank',
    text(body.detail),
    Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [],
  );
}

export interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Answer<T> {
  data: T;
  etag: string | null;
}

/** A JSON route (including those whose answer has no schema yet), answering the data and the ETag. */
export async function call<T>(path: string, options: Call = {}): Promise<Answer<T>> {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const form = options.body instanceof FormData;
  const headers = new Headers(options.headers);
  if (options.body !== undefined && !form) headers.set('content-type', 'application/json');
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) init.body = form ? (options.body as FormData) : JSON.stringify(options.body);
  const response = await consoleFetch(new Request(url, init));
  if (!response.ok) throw await problemOf(response);
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, etag: response.headers.get('etag') };
}

/** The data of a typed client call, or a ConsoleProblem. */
export async function typed<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (response.ok && data !== undefined) return data;
  throw problemFrom(response, error);
}

/** A new Idempotency-Key: one per action the user means, reused when the same action is retried. */
export const newIdempotencyKey = () => crypto.randomUUID();
