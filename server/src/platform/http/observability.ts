// /health/live, /health/ready and /metrics (Prometheus text): requests and latency by route, job queue depth,
// outbox backlog.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { queueBacklog } from '../events/bus.ts';
import { sendProblem } from './errors.ts';
import { forbidden, unavailable } from './problem.ts';
import type { App } from './server.ts';

const READY_TIMEOUT_MS = 2_000;

async function databaseAnswers(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  const probe = ctx.database.executeSql('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerObservability(app: App, ctx: AppContext): void {
  const registry = new Registry();
  const requests = new Counter({
    name: 'congso_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'congso_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'congso_outbox_pending',
    help: 'Outbox events not yet handed to the job queue',
    registers: [registry],
    async collect() {
      this.set((await queueBacklog(ctx.database.db)).outboxPending);
    },
  });
  new Gauge({
    name: 'congso_jobs_waiting',
    help: 'Jobs waiting per queue (created or waiting for a retry)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await queueBacklog(ctx.database.db)).jobs) this.set({ queue: q.queue }, q.waiting);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: one series per route whatever ids it carries.
    const route = request.is404 ? 'not-found' : (request.routeOptions.url ?? 'unknown');
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const health = { tags: ['health'], response: { 200: Type.Object({ status: Type.String() }) } };
  app.get('/health/live', { config: { access: 'public' }, schema: health }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { config: { access: 'public' }, schema: health }, async (request, reply) => {
    if (await databaseAnswers(ctx)) return { status: 'ok' };
    return sendProblem(reply, request, unavailable('Không kết nối được cơ sở dữ liệu.'));
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { tags: ['health'] } }, async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token && request.headers.authorization !== `Bearer ${token}`) {
      return sendProblem(reply, request, forbidden('Cần mã truy cập METRICS_TOKEN.'));
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
