// The HTTP platform as a client sees it: problem+json for every error, in Vietnamese and naming the field;
// health, metrics and the OpenAPI document.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...admin.headers, ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/congso\.vn\/problems\//) });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack/i);
  return body as { title: string; errors?: { field: string; message: string }[] };
}

describe('bad input', () => {
  it('answers malformed JSON with 400', async () => {
    const body = expectProblem(await post('/api/v1/admin-units', '{"code": "95",'), 400);
    expect(body.title).toBe('Nội dung JSON không đúng cú pháp.');
  });

  it('names each wrong, missing or unknown field in Vietnamese', async () => {
    const body = expectProblem(
      await post('/api/v1/admin-units', {
        code: 95,
        name: 'Tỉnh mới',
        level: 'region',
        validFrom: '2026-13-45',
        extra: 1,
      }),
      400,
    );
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'code', message: 'Trường "code" phải là một chuỗi ký tự.' },
        { field: 'kind', message: 'Thiếu trường bắt buộc "kind".' },
        { field: 'extra', message: 'Trường "extra" không được chấp nhận.' },
        { field: 'validFrom', message: 'Trường "validFrom" phải là ngày (yyyy-mm-dd).' },
        { field: 'level', message: 'Giá trị của trường "level" không nằm trong các giá trị được chấp nhận.' },
      ]),
    );
  });

  it('does not coerce a number sent as a string in a body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 12345 },
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { field: 'password', message: 'Trường "password" phải là một chuỗi ký tự.' },
    ]);
  });

  it('refuses an oversized body with 413', async () => {
    const body = expectProblem(await post('/api/v1/admin-units', { name: 'x'.repeat(10_000) }), 413);
    expect(body.title).toBe('Dữ liệu gửi lên vượt quá dung lượng cho phép.');
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(
      await post('/api/v1/admin-units', 'code=95', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
  });

  it('checks query parameters and path ids', async () => {
    const badLimit = expectProblem(await t.app.inject({ url: '/api/v1/agencies?limit=100000' }), 400);
    expect(badLimit.errors?.[0]?.field).toBe('limit');
    const badId = expectProblem(await t.app.inject({ url: '/api/v1/agencies/not-a-uuid' }), 400);
    expect(badId.errors?.[0]?.field).toBe('id');
    const badCursor = expectProblem(await t.app.inject({ url: '/api/v1/agencies?cursor=abc' }), 400);
    expect(badCursor.errors).toEqual([{ field: 'cursor', message: 'Con trỏ phân trang không hợp lệ.' }]);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const body = expectProblem(await t.app.inject({ url: '/api/v1/khong-co' }), 404);
    expect(body.title).toBe('Không tìm thấy đường dẫn GET /api/v1/khong-co.');
  });

  it('carries the request id given by the client, or makes one', async () => {
    const given = await t.app.inject({ url: '/api/v1/khong-co', headers: { 'x-request-id': 'req-0123456789' } });
    expect(given.headers['x-request-id']).toBe('req-0123456789');
    expect(given.json().requestId).toBe('req-0123456789');
    const made = await t.app.inject({ url: '/health/live' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the security headers on every answer, an error as well', async () => {
    for (const url of ['/health/live', '/api/v1/khong-co']) {
      const res = await t.app.inject({ url });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=/);
    }
  });
});

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/health/ready' })).json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and its docs page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/agencies/{id}']),
    );
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('exposes request counts by route, latency, outbox backlog and queue depth as Prometheus text', async () => {
    await t.app.inject({ url: '/api/v1/agencies?limit=1' });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/congso_http_requests_total\{method="GET",route="\/api\/v1\/agencies",status="200"\} \d+/);
    expect(metrics).toContain('congso_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(/congso_outbox_pending \d+/);
    expect(metrics).toContain('# TYPE congso_jobs_waiting gauge');
  });
});

describe('request log', () => {
  it('keeps the tracking secret and other secrets in the query out of the log', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const app = await buildApp({ ...t.ctx, log });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/public/dossiers/000.02.11.H05-250124-0001?secret=K7Q-4MZ-9TD',
      });
      expect(res.statusCode).toBe(404);
      const logged = lines.join('\n');
      expect(logged).toContain('/api/v1/public/dossiers/000.02.11.H05-250124-0001?secret=[ẩn]');
      expect(logged).not.toContain('K7Q-4MZ-9TD');
    } finally {
      await app.close();
    }
  });
});
