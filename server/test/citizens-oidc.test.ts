// Sign-in through OpenID Connect against a real provider (oidc-provider) on loopback, standing in for VNeID or the
// national portal's SSO. The browser's journey is followed with fetch, one redirect at a time, through the
// provider's own login and consent pages, and ends with an applicant session on the portal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './citizens-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const CLIENT_ID = 'congso-thu-nghiem';
const CLIENT_SECRET = 'bi-mat-cua-cong-dich-vu-cong-thu-nghiem';
// The claims the provider's account gives: a name and a personal number (095: Bạc Liêu, 3: female born 2000s).
const PERSON = { name: 'Nguyễn Thị Thu Hà', identity_number: '095301012345' };

let providerServer: Server;
let issuer: string;
let appOrigin: string;
let t: TestApp;

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  appOrigin = `http://127.0.0.1:${await freePort()}`;
  const redirectUri = `${appOrigin}/api/v1/applicant/oidc/callback`;
  providerServer = createServer();
  issuer = `http://127.0.0.1:${await listen(providerServer, 0)}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'identity_number'] },
    // The dev login page signs in whatever login is typed: that becomes the subject.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...PERSON }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['khoa-cookie-cua-nha-cung-cap-thu-nghiem'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  providerServer.on('request', provider.callback());
  t = await testApp({
    env: {
      PUBLIC_URL: appOrigin,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: redirectUri,
    },
  });
  await t.app.listen({ host: '127.0.0.1', port: Number(new URL(appOrigin).port) });
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => providerServer.close(resolve));
});

/** One browser: a cookie jar per site, and fetch without following redirects. */
class Browser {
  readonly jars = new Map<string, CookieJar>();

  jar(url: string): CookieJar {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new CookieJar();
    this.jars.set(origin, jar);
    return jar;
  }

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.jar(url);
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header() } });
    jar.take(res);
    return res;
  }
}

interface Journey {
  browser: Browser;
  authorize: URL;
  callback: URL;
}

/** From the portal's "sign in with VNeID" to the provider's redirect back, signing in as `login` on its pages. */
async function toCallback(login: string, returnTo = '/ho-so-cua-toi'): Promise<Journey> {
  const browser = new Browser();
  let url = `${appOrigin}/api/v1/applicant/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
  let res = await browser.go(url);
  const authorize = new URL(res.headers.get('location') ?? '');
  for (let hop = 0; hop < 20; hop++) {
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(`${appOrigin}/api/v1/applicant/oidc/callback`))
        return { browser, authorize, callback: new URL(url) };
      res = await browser.go(url);
      continue;
    }
    // The provider's login or consent page: submit it as a person would.
    const page = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!prompt || !action) throw new Error(`unexpected page (${res.status}) at ${url}: ${page.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'bat-ky' } : { prompt });
    url = new URL(action, url).href;
    res = await browser.go(url, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  throw new Error('too many redirects');
}

type ProblemJson = { title: string; detail?: string; errors?: { field: string; message: string }[] };
const problemOf = async (res: Response) => (await res.json()) as ProblemJson;

async function me(browser: Browser) {
  const res = await browser.go(`${appOrigin}/api/v1/applicant/me`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('sign-in through the identity provider', () => {
  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const { authorize } = await toCallback('vneid-pkce');
    expect(authorize.origin).toBe(issuer);
    const p = authorize.searchParams;
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('scope')).toBe('openid profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toBeTruthy();
    expect(p.get('nonce')).toBeTruthy();
  });

  it('ends with an applicant session on the portal, the account made from the claims', async () => {
    const { browser, callback } = await toCallback('vneid-0001');
    const back = await browser.go(callback.href);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${appOrigin}/ho-so-cua-toi`);
    expect(browser.jar(appOrigin).get('congso_applicant')).toBeTruthy();
    expect(browser.jar(appOrigin).get('congso_oidc')).toBeUndefined();
    const profile = await me(browser);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      kind: 'citizen',
      fullName: 'Nguyễn Thị Thu Hà',
      identityNumber: '095301012345',
      identityVerified: true,
      email: null,
      phone: null,
      hasPassword: false,
    });
  });

  it('returns only to a path of the portal, never to another site', async () => {
    for (const returnTo of ['//ke-gian.example/trang', 'https://ke-gian.example/', '/\\ke-gian.example']) {
      const { browser, callback } = await toCallback('vneid-0007', returnTo);
      expect((await browser.go(callback.href)).headers.get('location')).toBe(`${appOrigin}/`);
    }
  });

  it('finds the same account again by issuer and subject', async () => {
    const first = await toCallback('vneid-0002');
    await first.browser.go(first.callback.href);
    const second = await toCallback('vneid-0002');
    await second.browser.go(second.callback.href);
    expect((await me(second.browser)).body.id).toBe((await me(first.browser)).body.id);
    const identities = await t.ctx.database.db
      .selectFrom('applicant_external_identity')
      .selectAll()
      .where('subject', '=', 'vneid-0002')
      .execute();
    expect(identities).toEqual([expect.objectContaining({ issuer })]);
  });

  it('honours a callback once, and only in the browser that started the sign-in', async () => {
    const { browser, callback } = await toCallback('vneid-0003');
    const stranger = await new Browser().go(callback.href);
    expect(stranger.status).toBe(400);
    expect((await problemOf(stranger)).title).toBe(
      'Phiên đăng nhập qua tài khoản định danh điện tử đã hết hạn hoặc không bắt đầu từ trình duyệt này. Hãy đăng nhập lại.',
    );
    const cookie = `congso_oidc=${browser.jar(appOrigin).get('congso_oidc')}`;
    expect((await browser.go(callback.href)).status).toBe(302);
    // Replayed, even with the cookie kept by hand: the pending sign-in was spent by the first use.
    expect((await fetch(callback.href, { redirect: 'manual', headers: { cookie } })).status).toBe(400);
  });

  it('refuses a tampered state and a refusal by the provider', async () => {
    const tampered = await toCallback('vneid-0004');
    tampered.callback.searchParams.set('state', 'trang-thai-gia-mao');
    const res = await tampered.browser.go(tampered.callback.href);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).title).toBe('Không xác thực được đăng nhập qua tài khoản định danh điện tử.');

    const denied = await toCallback('vneid-0005');
    const refusal = new URL(denied.callback.origin + denied.callback.pathname);
    refusal.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'Người dùng từ chối',
      state: denied.authorize.searchParams.get('state') ?? '',
      iss: issuer,
    }).toString();
    const answer = await denied.browser.go(refusal.href);
    expect(answer.status).toBe(401);
    expect((await problemOf(answer)).detail).toBe('Người dùng từ chối');
  });

  it('keeps the number the provider asserted, and has no password to change', async () => {
    const { browser, callback } = await toCallback('vneid-0006');
    await browser.go(callback.href);
    const { body } = await me(browser);
    const headers = { 'content-type': 'application/json', 'x-csrf-token': String(body.csrfToken) };
    const edit = await browser.go(`${appOrigin}/api/v1/applicant/me`, {
      method: 'PATCH',
      headers: { ...headers, 'if-match': '"1"' },
      body: JSON.stringify({ identityNumber: '096205012345', fullName: 'Nguyễn Thị Hà' }),
    });
    expect(edit.status).toBe(400);
    expect((await problemOf(edit)).errors).toEqual([
      {
        field: 'identityNumber',
        message: 'Số định danh cá nhân đã được xác thực qua tài khoản định danh điện tử, không sửa được.',
      },
    ]);
    const password = await browser.go(`${appOrigin}/api/v1/applicant/me/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ currentPassword: 'x', newPassword: 'mat-khau-moi-rat-dai' }),
    });
    expect(password.status).toBe(409);
  });
});

describe('without an identity provider configured', () => {
  it('answers the sign-in routes with a clear 404 problem', async () => {
    const bare = await testApp();
    try {
      for (const url of ['/api/v1/applicant/oidc/start', '/api/v1/applicant/oidc/callback?code=x&state=y']) {
        const res = await bare.app.inject({ url });
        expect(res.statusCode).toBe(404);
        expect(res.json().title).toBe(
          'Đăng nhập bằng tài khoản định danh điện tử (VNeID) chưa được cấu hình trên hệ thống này.',
        );
      }
    } finally {
      await bare.close();
    }
  });
});
