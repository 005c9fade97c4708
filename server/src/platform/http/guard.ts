// Authorization in one place. Every route declares `config.access`; this hook resolves the session, checks CSRF
// on cookie-authenticated writes, and refuses a signed-in staff member who holds the permission nowhere. The
// agency scope of a particular record is then checked by the service (assertCan) or in SQL (inScope).
// Citizens and businesses (`applicant` routes) have sessions of their own in a second cookie: a staff session
// opens no applicant route and an applicant session no staff route.
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import type { Permission } from '../auth/roles.ts';
import { forbidden, unauthenticated } from './problem.ts';
import type { App } from './server.ts';

export type Access = 'public' | 'signed-in' | 'applicant' | Permission;

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export type SessionResolver = (token: string, request: FastifyRequest) => Promise<ResolvedSession | null>;

/** A signed-in citizen or business (người dân, doanh nghiệp). */
export interface ResolvedApplicant {
  applicantId: string;
  kind: 'citizen' | 'business';
  sessionId: string;
  csrfToken: string;
}

export type ApplicantResolver = (token: string, request: FastifyRequest) => Promise<ResolvedApplicant | null>;

export interface SessionResolvers {
  staff: SessionResolver;
  applicant: ApplicantResolver;
}

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
    applicant: ResolvedApplicant | null;
  }
}

export const SESSION_COOKIE = 'congso_session';
export const APPLICANT_COOKIE = 'congso_applicant';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes added by plugins we do not write (the API docs page) are public by nature. */
const PLUGIN_ROUTE_PREFIXES = ['/api/docs'];

export function declaredAccess(route: Pick<RouteOptions, 'url' | 'config'>): Access | undefined {
  const access = (route.config as { access?: Access } | undefined)?.access;
  if (access) return access;
  return PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p)) ? 'public' : undefined;
}

function refuseWithoutCsrf(request: FastifyRequest, csrfToken: string): void {
  if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== csrfToken) {
    throw forbidden(`Thiếu hoặc sai mã chống giả mạo yêu cầu (tiêu đề ${CSRF_HEADER}).`);
  }
}

export function installGuard(app: App, resolvers: SessionResolvers): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('applicant', null);
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
    if (access === 'applicant') {
      const token = request.cookies[APPLICANT_COOKIE];
      const applicant = token ? await resolvers.applicant(token, request) : null;
      if (!applicant) throw unauthenticated(token ? 'Phiên đăng nhập đã hết hạn.' : undefined);
      refuseWithoutCsrf(request, applicant.csrfToken);
      request.applicant = applicant;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolvers.staff(token, request) : null;
    if (!session) throw unauthenticated(token ? 'Phiên đăng nhập đã hết hạn.' : undefined);
    refuseWithoutCsrf(request, session.csrfToken);
    request.session = session;
    request.actor = session.actor;
    if (access !== 'signed-in' && !session.actor.holdsAnywhere(access)) throw forbidden();
  });
}

/** The applicant of an `applicant` route; the guard has already refused everyone else. */
export function applicantOf(request: FastifyRequest): ResolvedApplicant {
  if (!request.applicant) throw unauthenticated();
  return request.applicant;
}

/** The actor of a route that is not public; the guard has already refused anonymous requests. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
