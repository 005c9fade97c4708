// Serving the built web app, on a small stand-in for web/dist: no build and no database needed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFoundHandler } from './errors.ts';
import type { App } from './server.ts';
import { registerWebApp } from './web-app.ts';

/** The web app's routes alone (the authorization matrix checks them inside the whole application). */
async function appOn(root: string): Promise<App> {
  const app = Fastify() as unknown as App;
  app.setNotFoundHandler(notFoundHandler);
  await registerWebApp(app, root);
  await app.ready();
  return app;
}

let dist: string;
let app: App;
beforeAll(async () => {
  dist = `${await mkdtemp(join(tmpdir(), 'congso-web-'))}/`;
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>portal</title>');
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const script = 'console.log("cổng dịch vụ công");'.repeat(20);
  await writeFile(join(dist, 'assets', 'index-abc123.js'), script);
  await writeFile(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
  app = await appOn(dist);
});
afterAll(async () => {
  await app.close();
  await rm(dist, { recursive: true, force: true });
});

describe('web app', () => {
  it('sends fingerprinted assets with an immutable cache, compressed when the client accepts it', async () => {
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const br = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
  });

  it('answers every page of the app with index.html, never cached stale', async () => {
    for (const url of ['/', '/thu-tuc', '/thu-tuc/9.000001?x=1', '/nop-ho-so/9.000001', '/khong-co']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<title>portal</title>');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.headers['content-type']).toMatch(/svg/);
  });

  it('keeps problem+json 404s for unknown API, health and metrics paths and missing assets, and stays in web/dist', async () => {
    for (const url of ['/api/v1/khong-co', '/api', '/health/khong-co', '/metrics/x', '/assets/missing.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    for (const url of ['/assets/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/etc/passwd']) {
      expect((await app.inject({ url })).body, url).not.toContain('root:');
    }
  });

  it('says how to build the app when web/dist is missing', async () => {
    const bare = await appOn(join(dist, 'missing/'));
    const res = await bare.inject({ url: '/thu-tuc' });
    expect(res.body).toContain('npm run build -w web');
    await bare.close();
  });
});
