// The database goes away and comes back: requests fail cleanly with 503, readiness says so, and the same
// process serves again once the database returns. A TCP proxy in front of PostgreSQL plays the outage, cutting
// every open connection as a restart does. (PGlite lives inside the process and cannot go away.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/platform/context.ts';
import { openPostgres } from '../src/platform/db/connection.ts';
import type { App } from '../src/platform/http/server.ts';
import { cloneDatabase, contextOn, isPostgres } from './harness.ts';
import { TcpProxy } from './tcp-proxy.ts';

describe.runIf(isPostgres())('database outage on PostgreSQL', () => {
  let ctx: AppContext;
  let app: App;
  let outage: TcpProxy;

  beforeAll(async () => {
    const clone = await cloneDatabase();
    await clone.close();
    outage = await TcpProxy.to(clone.url!);
    ctx = contextOn(openPostgres({ url: outage.url, poolSize: 4, onIdleError: () => {} }));
    app = await buildApp(ctx);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await ctx.database.close();
    await outage.down();
  });

  it('answers 503 while the database is away and recovers by itself', async () => {
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/agencies?limit=2' })).statusCode).toBe(200);

    await outage.down();
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().title).toBe('Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.');
    const list = await app.inject({ url: '/api/v1/agencies?limit=2' });
    expect(list.statusCode).toBe(503);
    expect(list.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);

    await outage.up();
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    const again = await app.inject({ url: '/api/v1/agencies?limit=2' });
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toHaveLength(2);
  });
});
