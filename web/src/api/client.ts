// The typed API client (types generated from the server's OpenAPI document: `npm run api:types -w web`) and the
// server's errors as they reach the page: RFC 9457 problems with a Vietnamese title.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '' });

/** A refusal or failure answered by the server as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly requestId: string | undefined,
  ) {
    super(title);
  }
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
  const problem = (error ?? {}) as { title?: unknown; requestId?: unknown };
  throw new ProblemError(
    response.status,
    typeof problem.title === 'string' ? problem.title : `${response.status} ${response.statusText}`,
    typeof problem.requestId === 'string' ? problem.requestId : undefined,
  );
}
