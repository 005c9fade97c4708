// The congso command line: `congso start | serve | worker | migrate | seed | audit verify | jobs dead | jobs replay`.
// `npm start` runs `congso start`: migrate, seed the demo data, then serve with the worker in the same process.
import { mkdir } from 'node:fs/promises';
import pino, { type Logger } from 'pino';
import { buildApp, eventHandlers } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD } from './modules/access/password.ts';
import { seedDemoCalendar } from './modules/calendar/demo.ts';
import { CATALOG_USAGE, catalogCommand } from './modules/catalog/cli.ts';
import { seedDemoCatalog } from './modules/catalog/demo.ts';
import { WORKFLOW_USAGE, workflowCommand } from './modules/dossiers/cli.ts';
import { startDeadlineJob } from './modules/dossiers/deadline-job.ts';
import { seedDemoDossiers } from './modules/dossiers/demo.ts';
import { DEMO_STAFF, seedDemoOrg } from './modules/org/demo.ts';
import { seedDemoResultTemplates } from './modules/results/demo.ts';
import { seedDemoWorkflows } from './modules/workflow/demo.ts';
import { verifyAuditChain } from './platform/audit/audit.ts';
import { systemClock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import { type Database, openPglite, openPostgres } from './platform/db/connection.ts';
import { migrate } from './platform/db/migrate.ts';
import { deadQueueOf, EventBus } from './platform/events/bus.ts';

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgres({
      url: config.databaseUrl,
      poolSize: config.dbPoolSize,
      onIdleError: (err) => log.warn({ err: err.message }, 'database connection lost; it will be reopened'),
    });
  }
  await mkdir(config.dataDir, { recursive: true });
  return openPglite({ dataDir: config.dataDir });
}

function makeLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[ẩn]',
    },
  });
}

async function prepare(ctx: AppContext): Promise<void> {
  const report = await migrate(ctx.database);
  await EventBus.install(ctx.database);
  if (report.applied.length) ctx.log.info({ applied: report.applied }, 'migrations applied');
  if (ctx.config.seedDemo && (await seedDemoOrg(ctx))) ctx.log.info('demo data seeded');
  if (ctx.config.seedDemo && (await seedDemoWorkflows(ctx))) ctx.log.info('demo workflows seeded');
  if (ctx.config.seedDemo && (await seedDemoCatalog(ctx))) ctx.log.info('demo catalogue seeded');
  if (ctx.config.seedDemo && (await seedDemoCalendar(ctx))) ctx.log.info('demo calendar seeded');
  if (ctx.config.seedDemo && (await seedDemoResultTemplates(ctx))) ctx.log.info('demo result templates seeded');
  const dossiers = ctx.config.seedDemo && ctx.config.seedDemoDossiers;
  if (dossiers && (await seedDemoDossiers(ctx))) ctx.log.info('demo dossiers seeded');
}

async function refuseDemoPasswords(ctx: AppContext): Promise<void> {
  if (ctx.config.mode !== 'production') return;
  const demo = await ctx.database.db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('demo_password', '=', true)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  if (Number(demo.n) > 0) {
    throw new ConfigError(
      `Còn ${demo.n} tài khoản dùng mật khẩu mẫu: đổi mật khẩu hoặc khoá các tài khoản này trước khi chạy ở chế độ production.`,
    );
  }
}

function banner(ctx: AppContext, address: string): void {
  const c = ctx.config;
  const lines = [
    '',
    `congso đang chạy / is running: ${c.publicUrl}  (lắng nghe ${address})`,
    `  Cơ sở dữ liệu: ${c.databaseUrl ? 'PostgreSQL' : `PGlite nhúng tại ${c.dataDir}`}`,
    `  API:     ${c.publicUrl}/api/docs  (OpenAPI: ${c.publicUrl}/api/openapi.json)`,
    `  Sức khoẻ: ${c.publicUrl}/health/ready   Số liệu: ${c.publicUrl}/metrics`,
  ];
  if (c.seedDemo) {
    lines.push(`  Tài khoản mẫu (mật khẩu chung "${DEMO_PASSWORD}"):`);
    for (const s of DEMO_STAFF)
      lines.push(
        `    ${s.username.padEnd(18)} ${s.roles
          .map(([r]) => r)
          .join(', ')
          .padEnd(18)} ${s.fullName}`,
      );
  }
  console.log(lines.join('\n'));
}

async function serve(ctx: AppContext, withWorker: boolean): Promise<void> {
  await refuseDemoPasswords(ctx);
  const app = await buildApp(ctx);
  const bus = withWorker
    ? new EventBus(ctx.database, eventHandlers(ctx), { onError: (err) => ctx.log.error({ err }, 'event bus') })
    : null;
  await bus?.start();
  if (withWorker) startDeadlineJob(ctx);
  const address = await app.listen({ host: ctx.config.host, port: ctx.config.port });
  banner(ctx, address);
  const stop = async () => {
    ctx.log.info('stopping');
    await app.close();
    await bus?.stop();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function worker(ctx: AppContext): Promise<void> {
  if (ctx.database.engine === 'pglite') {
    throw new ConfigError(
      'congso worker chạy riêng cần PostgreSQL (DATABASE_URL); với PGlite, worker chạy cùng tiến trình của congso start.',
    );
  }
  const bus = new EventBus(ctx.database, eventHandlers(ctx), { onError: (err) => ctx.log.error({ err }, 'event bus') });
  await bus.start();
  startDeadlineJob(ctx);
  ctx.log.info('worker started');
  const stop = async () => {
    await bus.stop();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function auditVerify(ctx: AppContext): Promise<number> {
  const report = await verifyAuditChain(ctx.database.db, (n) => process.stderr.write(`\rđã kiểm tra ${n} bản ghi…`));
  process.stderr.write('\n');
  if (report.firstBreak) {
    console.log(`Chuỗi nhật ký bị phá vỡ tại bản ghi số ${report.firstBreak.seq} (${report.firstBreak.reason}).`);
    return 1;
  }
  console.log(`Chuỗi nhật ký nguyên vẹn: ${report.checked} bản ghi.`);
  return 0;
}

async function jobs(ctx: AppContext, sub: string | undefined, handler: string | undefined): Promise<number> {
  const bus = new EventBus(ctx.database, eventHandlers(ctx));
  await bus.boss.start();
  try {
    if (sub === 'dead') {
      for (const h of eventHandlers(ctx))
        console.log(`${h.name}: ${await bus.boss.getQueueSize(deadQueueOf(h))} thư chết`);
      return 0;
    }
    if (sub === 'replay' && handler) {
      console.log(`Đã đưa lại ${await bus.replayDeadLetters(handler)} công việc vào hàng đợi ${handler}.`);
      return 0;
    }
    console.error('Cách dùng: congso jobs dead | congso jobs replay <tên bộ xử lý>');
    return 2;
  } finally {
    await bus.boss.stop({ graceful: false, wait: true });
  }
}

const USAGE = `Cách dùng: congso <lệnh>
  start          migrate, seed (nếu SEED_DEMO), phục vụ HTTP cùng worker   (npm start)
  serve          phục vụ HTTP (worker cùng tiến trình nếu WORKER_IN_PROCESS=true)
  worker         chỉ chạy worker (cần PostgreSQL)
  migrate        áp dụng các migration còn thiếu
  seed           nạp dữ liệu mẫu (idempotent)
  audit verify   kiểm tra chuỗi băm của nhật ký kiểm toán
  jobs dead      số công việc thất bại hẳn (thư chết) theo bộ xử lý
  jobs replay H  đưa các thư chết của bộ xử lý H trở lại hàng đợi
${CATALOG_USAGE}
${WORKFLOW_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, sub, arg] = argv;
  const config = loadConfig();
  const log = makeLogger(config);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const ctx: AppContext = { config, log, clock: systemClock, database: await openDatabase(config, log) };
  const finish = async (code: number) => {
    await ctx.database.close();
    return code;
  };
  switch (command) {
    case 'start':
      await prepare(ctx);
      await serve(ctx, config.workerInProcess);
      return -1;
    case 'serve':
      await serve(ctx, config.workerInProcess);
      return -1;
    case 'worker':
      await worker(ctx);
      return -1;
    case 'migrate': {
      const report = await migrate(ctx.database);
      await EventBus.install(ctx.database);
      console.log(`Đã áp dụng ${report.applied.length} migration (${report.alreadyApplied} đã có từ trước).`);
      return finish(0);
    }
    case 'seed':
      await prepare({ ...ctx, config: { ...config, seedDemo: true } });
      return finish(0);
    case 'audit':
      if (sub !== 'verify') break;
      return finish(await auditVerify(ctx));
    case 'catalog':
      return finish(await catalogCommand(ctx, argv.slice(1)));
    case 'workflow':
      return finish(await workflowCommand(ctx, argv.slice(1)));
    case 'jobs':
      return finish(await jobs(ctx, sub, arg));
  }
  console.error(USAGE);
  return finish(2);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) {
      console.error(`congso: ${err.message}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
