// Serves the built web app (web/dist, made by `npm run build -w web`; `npm start` builds it when stale):
// fingerprinted assets under /assets with a year-long immutable cache, the few files of web/public at the root,
// and index.html for any other GET so that the app's own router shows the page. /api, /health and /metrics keep
// their problem+json 404. Compressed copies written by the build (.br, .gz) are sent to clients that accept them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { notFoundHandler } from './errors.ts';
import type { App } from './server.ts';

export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));
const NOT_THE_APP = /^\/(api|health|metrics)(\/|$)/;
const ROOT_FILE = /^\/[\w-]+\.(svg|png|ico|txt|webmanifest)$/;

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>congso</title></head><body>
<h1>Giao diện web chưa được dựng</h1>
<p>Thiếu thư mục <code>web/dist</code>. Chạy <code>npm start</code> (tự dựng khi cần) hoặc <code>npm run build -w web</code>.
API vẫn phục vụ tại <a href="/api/docs">/api/docs</a>.</p>
<p lang="en">The web app is not built: run <code>npm start</code> or <code>npm run build -w web</code>.</p>
</body></html>`;

export async function registerWebApp(app: App, root = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
  const page = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get<{ Params: { '*': string } }>('/assets/*', page, (request, reply) =>
    reply.sendFile(`assets/${request.params['*']}`, { immutable: true, maxAge: '365d' }),
  );
  app.get('/*', page, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(path)) return notFoundHandler(request, reply);
    if (ROOT_FILE.test(path) && existsSync(`${root}${path}`)) return reply.sendFile(path.slice(1), { maxAge: '1d' });
    if (!existsSync(`${root}index.html`)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
