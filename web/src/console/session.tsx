// The signed-in staff member: who they are (GET /api/v1/me), the agency they work at now (chosen among the
// agencies where they hold roles, remembered in this browser) and their roles there. While someone is signed in,
// a session that ends mid-work opens a sign-in dialog over the page instead of losing it (api/http.ts).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { paths } from '../api/schema';
import { ConsoleProblem, consoleApi, onSessionExpired, setCsrfToken, typed } from './api/http.ts';
import { PasswordChangePage, SignInDialog } from './SignIn.tsx';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type AgencyRef = Me['agency'];

export interface Session {
  me: Me;
  /** The agency they work at now: the desk receives there, the menu follows the roles held there. */
  agency: AgencyRef;
  agencies: AgencyRef[];
  roles: string[];
  setAgency(id: string): void;
  signOut(): Promise<void>;
}

type State = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; session: Session };

const SessionContext = createContext<State>({ status: 'loading' });

export const ME_KEY = ['console-me'] as const;
const agencyStorageKey = (username: string) => `congso.console.agency.${username}`;

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // the choice then lasts until the page is closed
  }
}

let early: Promise<Me> | null = null;

/** Asks who is signed in at once, before the console is drawn; the session's first read takes that answer. */
export function prefetchMe(): void {
  early = typed(consoleApi.GET('/api/v1/me'));
  early.catch(() => undefined);
}

async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  const prefetched = early;
  early = null;
  try {
    const me = await (prefetched ?? typed(consoleApi.GET('/api/v1/me', { signal })));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ConsoleProblem && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity });
  const [chosen, setChosen] = useState<string | null>(null);
  const [expired, setExpired] = useState<{ resolve(): void; reject(error: unknown): void } | null>(null);
  const username = me.data?.username;

  useEffect(() => {
    if (!username) return;
    setChosen(remembered(agencyStorageKey(username)));
    onSessionExpired(() => new Promise<void>((resolve, reject) => setExpired({ resolve, reject })));
    return () => onSessionExpired(null);
  }, [username]);

  const signOut = useCallback(async () => {
    await typed(consoleApi.POST('/api/v1/auth/logout')).catch(() => undefined);
    setCsrfToken(null);
    onSessionExpired(null);
    client.setQueryData(ME_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [client]);

  const state = useMemo<State>(() => {
    if (me.data === undefined) return me.isError ? { status: 'signed-out' } : { status: 'loading' };
    if (me.data === null) return { status: 'signed-out' };
    const data = me.data;
    const agencies = data.roles.map((r) => r.agency);
    const agency =
      agencies.find((a) => a.id === chosen) ?? agencies.find((a) => a.id === data.agency.id) ?? data.agency;
    const roles = data.roles.find((r) => r.agency.id === agency.id)?.roles.map((r) => r.role) ?? [];
    const setAgency = (id: string) => {
      remember(agencyStorageKey(data.username), id);
      setChosen(id);
    };
    return { status: 'signed-in', session: { me: data, agency, agencies, roles, setAgency, signOut } };
  }, [me.data, me.isError, chosen, signOut]);

  // A temporary password opens nothing but the choice of a new one (the server refuses the rest with 403).
  const changeFirst = state.status === 'signed-in' && state.session.me.passwordChangeRequired;
  return (
    <SessionContext value={state}>
      {changeFirst ? (
        <PasswordChangePage username={state.session.me.username} onSignOut={() => void signOut()} />
      ) : (
        children
      )}
      {expired && username && (
        <SignInDialog
          username={username}
          onSignedIn={() => {
            expired.resolve();
            setExpired(null);
          }}
          onSignOut={() => {
            expired.reject(new ConsoleProblem(401, 'Bạn cần đăng nhập.', undefined, 'unauthenticated', undefined, []));
            setExpired(null);
            void signOut();
          }}
        />
      )}
    </SessionContext>
  );
}

export function useSessionState(): State {
  return use(SessionContext);
}

/** The session of a page that is shown only to someone signed in. */
export function useSession(): Session {
  const state = use(SessionContext);
  if (state.status !== 'signed-in') throw new Error('useSession outside a signed-in page');
  return state.session;
}
