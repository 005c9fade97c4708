// The database goes away and comes back: requests fail cleanly with 503, readiness says so, and the same
// process serves again once the database returns. A TCP proxy in front of PostgreSQL plays the outage, cutting
// every open connection as a restart does. (PGlite lives inside the process and cannot go away.)
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/platform/context.ts';
import { openPostgres } from '../src/platform/db/connection.ts';
import type { App } from '../src/platform/http/server.ts';
import { cloneDatabase, contextOn, isPostgres } from './harness.ts';

class Outage {
  #server: net.Server | undefined;
  #sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly upstream: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.#server = net.createServer((client) => {
      const server = net.connect(this.upstream.port, this.upstream.host);
      for (const s of [client, server]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

describe.runIf(isPostgres())('database outage on PostgreSQL', () => {
  let ctx: AppContext;
  let app: App;
  let outage: Outage;

  beforeAll(async () => {
    const clone = await cloneDatabase();
    await clone.close();
    const direct = new URL(clone.url!);
    outage = new Outage({ host: direct.hostname, port: Number(direct.port || 5432) });
    await outage.up();
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${outage.port}`;
    ctx = contextOn(openPostgres({ url: viaProxy.toString(), poolSize: 4, onIdleError: () => {} }));
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
