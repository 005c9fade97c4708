// The signed-in citizen or business (chủ hồ sơ): their own client for /api/v1/applicant/*, which sends the CSRF
// token with every write, and the session as the pages see it. The token lives in memory only (GET /me gives it
// again after a reload); the session cookie is HttpOnly and never seen by scripts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import { useEffect } from 'react';
import { type Json, ok, ProblemError } from './client.ts';
import type { paths } from './schema';

export type Profile = Json<paths['/api/v1/applicant/me']['get']['responses'][200]>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Set while this browser believes it holds a session, so anonymous visitors never ask for a profile. */
const HINT_KEY = 'congso.applicant';
/** Announced when the server says the session is gone (expired, signed out elsewhere). */
const SIGNED_OUT = 'congso:applicant-signed-out';
export const SESSION_KEY = ['applicant', 'me'] as const;

let csrfToken: string | null = null;

/** Headers every write of the applicant must carry (also used by uploads, which go through XMLHttpRequest). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

function setHint(on: boolean) {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // storage refused: the profile is then asked for on every page, which also works
  }
}

function hinted(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) !== null;
  } catch {
    return true;
  }
}

/** The server has just refused the session: forget it everywhere on the page. */
export function sessionLost(): void {
  csrfToken = null;
  setHint(false);
  window.dispatchEvent(new Event(SIGNED_OUT));
}

export const applicantApi = createClient<paths>({ baseUrl: '' });
applicantApi.use({
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    // A sign-in with a wrong password is also a 401, but it is not a session that was lost.
    const signingIn = /\/applicant\/(login|verify)$/.test(new URL(request.url).pathname);
    if (response.status === 401 && !signingIn) sessionLost();
    return response;
  },
});

/** Called with the answer of sign-in or verification: the session is open. */
export function sessionOpened(session: { csrfToken: string }): void {
  csrfToken = session.csrfToken;
  setHint(true);
}

async function fetchProfile(signal: AbortSignal): Promise<Profile | null> {
  try {
    const me = await ok(applicantApi.GET('/api/v1/applicant/me', { signal }));
    csrfToken = me.csrfToken;
    setHint(true);
    return me;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) return null;
    throw error;
  }
}

/**
 * The applicant's profile, `null` when nobody is signed in. `required` pages always ask the server; elsewhere
 * (the header) the question is only asked when this browser has signed in before.
 */
export function useSession({ required = false }: { required?: boolean } = {}) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const forget = () => queryClient.setQueryData(SESSION_KEY, null);
    window.addEventListener(SIGNED_OUT, forget);
    return () => window.removeEventListener(SIGNED_OUT, forget);
  }, [queryClient]);
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchProfile(signal),
    enabled: required || hinted(),
    staleTime: 5 * 60_000,
  });
}

/** After signing in: whatever was read without (or with another) session is dropped and read again. */
export function useSessionRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: ['applicant'] });
}

export async function signOut(): Promise<void> {
  await applicantApi.POST('/api/v1/applicant/logout').catch(() => undefined);
  csrfToken = null;
  setHint(false);
}
