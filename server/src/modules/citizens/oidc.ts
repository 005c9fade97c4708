// Sign-in through the national identity provider (VNeID, or the national public-service portal's SSO) with
// OpenID Connect: authorization code flow with PKCE, state and nonce (openid-client checks the ID token: signature,
// issuer, audience, expiry, nonce). What the callback needs is kept server-side in `applicant_oidc_login`, keyed by
// the hash of a random value in a short-lived cookie, so a callback is honoured only once and only in the browser
// that started the sign-in (no login CSRF), and nothing depends on which node answers.

import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { OidcSettings } from '../../config.ts';
import { type AppContext, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { Problem, unavailable } from '../../platform/http/problem.ts';
import { newToken, tokenHash } from '../access/token.ts';
import { readPersonalNumber } from './identity-number.ts';
import { type Client, openSession, type SessionStart, todayIn } from './service.ts';
import * as store from './store.ts';

export const OIDC_COOKIE = 'congso_oidc';
export const OIDC_COOKIE_PATH = '/api/v1/applicant/oidc';
export const OIDC_LOGIN_MINUTES = 10;
const SCOPE = 'openid profile';

const notConfigured = () =>
  new Problem(
    404,
    'oidc-not-configured',
    'Đăng nhập bằng tài khoản định danh điện tử (VNeID) chưa được cấu hình trên hệ thống này.',
  );
const loginLost = () =>
  new Problem(
    400,
    'oidc-login-lost',
    'Phiên đăng nhập qua tài khoản định danh điện tử đã hết hạn hoặc không bắt đầu từ trình duyệt này. Hãy đăng nhập lại.',
  );
const refused = (detail?: string) =>
  new Problem(401, 'oidc-refused', 'Không xác thực được đăng nhập qua tài khoản định danh điện tử.', detail);

function settingsOf(ctx: AppContext): OidcSettings {
  if (!ctx.config.oidc) throw notConfigured();
  return ctx.config.oidc;
}

// The provider's metadata and keys, fetched once per process and settings (a cache, not state: any node can
// fetch them again).
const discovered = new WeakMap<OidcSettings, Promise<oidc.Configuration>>();

async function providerOf(ctx: AppContext, settings: OidcSettings): Promise<oidc.Configuration> {
  let pending = discovered.get(settings);
  if (!pending) {
    // Plain http is for a provider on loopback in tests and development; production requires https (config.ts).
    const execute = settings.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [];
    const secret = settings.clientSecret.reveal().toString();
    pending = oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(secret), {
      execute,
      timeout: 10,
    });
    discovered.set(settings, pending);
  }
  try {
    return await pending;
  } catch (err) {
    discovered.delete(settings);
    ctx.log.error({ err }, 'OIDC discovery failed');
    throw unavailable('Không kết nối được với hệ thống định danh điện tử.');
  }
}

/** Only a path of this site: an open redirect would hand the fresh session's user to anyone's page. */
const safeReturnTo = (returnTo: string | undefined) => (returnTo && /^\/(?![/\\])/.test(returnTo) ? returnTo : '/');

/** Starts a sign-in: returns where to send the browser and the value of its binding cookie. */
export async function startSignIn(ctx: AppContext, returnTo: string | undefined) {
  const settings = settingsOf(ctx);
  const provider = await providerOf(ctx, settings);
  const browserToken = newToken();
  const login = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    code_verifier: oidc.randomPKCECodeVerifier(),
    return_to: safeReturnTo(returnTo),
  };
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('applicant_oidc_login').where('expires_at', '<', now).execute();
    await trx
      .insertInto('applicant_oidc_login')
      .values({
        ...login,
        browser_hash: tokenHash(browserToken),
        expires_at: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
      })
      .execute();
  });
  const redirect = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: settings.redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(login.code_verifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  return { redirect: redirect.href, browserToken };
}

/** The pending sign-in of this browser, taken (deleted) so that it serves once. */
async function takeLogin(ctx: AppContext, browserToken: string | undefined) {
  if (!browserToken) throw loginLost();
  const login = await ctx.database.db
    .deleteFrom('applicant_oidc_login')
    .where('browser_hash', '=', tokenHash(browserToken))
    .returningAll()
    .executeTakeFirst();
  if (!login || login.expires_at <= ctx.clock.now()) throw loginLost();
  return login;
}

interface Person {
  issuer: string;
  subject: string;
  fullName: string | null;
  identityNumber: string | null;
}

/** Exchanges the code (the ID token is checked on the way) and reads who signed in. */
async function personOf(
  ctx: AppContext,
  settings: OidcSettings,
  search: string,
  login: { state: string; nonce: string; code_verifier: string },
): Promise<Person> {
  const provider = await providerOf(ctx, settings);
  const callback = new URL(settings.redirectUri);
  callback.search = search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callback, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims() as oidc.IDToken;
    // Profile claims come from the UserInfo endpoint when the provider keeps the ID token small.
    const userInfo = provider.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(provider, tokens.access_token, idToken.sub)
      : {};
    claims = { ...userInfo, ...idToken };
  } catch (err) {
    ctx.log.warn({ err }, 'OIDC sign-in refused');
    throw refused(err instanceof oidc.AuthorizationResponseError ? (err.error_description ?? err.error) : undefined);
  }
  return {
    issuer: provider.serverMetadata().issuer,
    subject: String(claims.sub),
    fullName: typeof claims.name === 'string' ? claims.name : null,
    identityNumber: identityFrom(ctx, claims[settings.identityClaim]),
  };
}

/** The personal number the provider asserts, if it reads as one (a malformed claim is logged, not stored). */
function identityFrom(ctx: AppContext, claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const read = readPersonalNumber(claim, todayIn(ctx));
  if (typeof read !== 'string') return read.number;
  ctx.log.warn({ problem: read }, 'OIDC identity claim ignored');
  return null;
}

/** The account of (issuer, subject), made on first sign-in; the provider's word refreshes the identity number. */
async function accountOf(trx: Kysely<DB>, person: Person, now: Date): Promise<{ id: string; created: boolean }> {
  const asserted = person.identityNumber ? { identity_number: person.identityNumber, identity_verified_at: now } : {};
  const known = await store.findByExternalIdentity(trx, person.issuer, person.subject);
  if (known) {
    await trx
      .updateTable('applicant_external_identity')
      .set({ last_used_at: now })
      .where('issuer', '=', person.issuer)
      .where('subject', '=', person.subject)
      .execute();
    if (person.identityNumber)
      await trx.updateTable('applicant').set(asserted).where('id', '=', known.applicant_id).execute();
    return { id: known.applicant_id, created: false };
  }
  const { id } = await trx
    .insertInto('applicant')
    .values({ kind: 'citizen', full_name: person.fullName, ...asserted })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('applicant_external_identity')
    .values({ issuer: person.issuer, subject: person.subject, applicant_id: id, created_at: now, last_used_at: now })
    .execute();
  return { id, created: true };
}

/** Finishes a sign-in at the callback: returns the new session and where the portal wants the user back. */
export async function finishSignIn(
  ctx: AppContext,
  browserToken: string | undefined,
  search: string,
  client: Client,
): Promise<SessionStart & { returnTo: string }> {
  const settings = settingsOf(ctx);
  const login = await takeLogin(ctx, browserToken);
  const person = await personOf(ctx, settings, search, login);
  const session = await runChange(ctx, { actor: null, requestId: client.requestId }, async ({ trx, audit }) => {
    const account = await accountOf(trx, person, ctx.clock.now());
    audit(account.created ? 'applicant.created_by_oidc' : 'applicant.login_oidc', 'applicant', account.id, {
      issuer: person.issuer,
      ip: client.ip,
    });
    return openSession(ctx, trx, account.id, client);
  });
  return { ...session, returnTo: login.return_to };
}
