// Authorization in one place. Every route declares `config.access`; this hook resolves the session, checks CSRF
// on cookie-authenticated writes, and refuses a signed-in staff member who holds the permission nowhere. The
// agency scope of a particular record is then checked by the service (assertCan) or in SQL (inScope).
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import type { Permission } from '../auth/roles.ts';
import { forbidden, unauthenticated } from './problem.ts';
import type { App } from './server.ts';

export type Access = 'public' | 'signed-in' | Permission;

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export type SessionResolver = (token: string, request: FastifyRequest) => Promise<ResolvedSession | null>;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route with its declared access: what the authorization-matrix test walks. */
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'congso_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes added by plugins we do not write (the API docs page) are public by nature. */
const PLUGIN_ROUTE_PREFIXES = ['/api/docs'];

export function declaredAccess(route: Pick<RouteOptions, 'url' | 'config'>): Access | undefined {
  const access = (route.config as { access?: Access } | undefined)?.access;
  if (access) return access;
  return PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p)) ? 'public' : undefined;
}

export function installGuard(app: App, resolveSession: SessionResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    const access = declaredAccess(route);
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request) => {
    // Unknown routes have no declaration; the not-found handler answers them.
    if (request.is404) return;
    // Fails closed: a route without a declaration (impossible after onRoute) would need a signed-in user.
    const access =
      declaredAccess({ url: request.routeOptions.url ?? '', config: request.routeOptions.config }) ?? 'signed-in';
    if (access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(token, request) : null;
    if (!session) throw unauthenticated(token ? 'Phiên đăng nhập đã hết hạn.' : undefined);
    if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw forbidden(`Thiếu hoặc sai mã chống giả mạo yêu cầu (tiêu đề ${CSRF_HEADER}).`);
    }
    request.session = session;
    request.actor = session.actor;
    if (access !== 'signed-in' && !session.actor.holdsAnywhere(access)) throw forbidden();
  });
}

/** The actor of a route that is not public; the guard has already refused anonymous requests. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
