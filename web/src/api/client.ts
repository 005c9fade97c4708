// The typed API client (types generated from the server's OpenAPI document: `npm run api:types -w web`) and the
// server's errors as they reach the page: RFC 9457 problems with a Vietnamese title.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '' });

/** The JSON body of a generated request or response type (`requestBody`, `responses[200]`). */
export type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A field the server refused, named as the request named it (`login`, `eform.soDinhDanh`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A refusal or failure answered by the server as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly requestId: string | undefined,
    readonly errors: readonly FieldProblem[] = [],
    readonly detail?: string,
  ) {
    super(title);
  }
}

/** The error of a refused answer, whatever the client that received it. */
export function problemOf(response: Response, body: unknown): ProblemError {
  const problem = (body ?? {}) as { title?: unknown; requestId?: unknown; errors?: unknown; detail?: unknown };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter((e): e is FieldProblem => typeof e?.field === 'string' && typeof e?.message === 'string')
    : [];
  return new ProblemError(
    response.status,
    typeof problem.title === 'string' ? problem.title : `${response.status} ${response.statusText}`,
    typeof problem.requestId === 'string' ? problem.requestId : undefined,
    errors,
    typeof problem.detail === 'string' ? problem.detail : undefined,
  );
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or a ProblemError; a network failure stays a TypeError (fetch's own). */
export async function ok<T>(request: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (response.ok && data !== undefined) return data;
  throw problemOf(response, error);
}

/** As `ok`, for an answer the OpenAPI document does not describe (a route without a response schema). */
export function okAs<T>(request: Promise<Answer<unknown>>): Promise<T> {
  return ok(request) as Promise<T>;
}
