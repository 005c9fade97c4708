import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { seedDemoCalendar } from '../src/modules/calendar/demo.ts';
import { seedDemoCatalog } from '../src/modules/catalog/demo.ts';
import { seedDemoOrg } from '../src/modules/org/demo.ts';
import { seedDemoResultTemplates } from '../src/modules/results/demo.ts';
import { seedDemoWorkflows } from '../src/modules/workflow/demo.ts';
import { systemClock } from '../src/platform/clock.ts';
import type { Database } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { EventBus } from '../src/platform/events/bus.ts';

/** The state every test file starts from: all migrations, the job schema, and the demo data except dossiers and keys. */
export async function prepareTemplate(database: Database): Promise<void> {
  await migrate(database);
  await EventBus.install(database);
  const config = loadConfig({ CONGSO_ENV: 'test' });
  const ctx = { database, config, clock: systemClock, log: pino({ level: 'silent' }) };
  await seedDemoOrg(ctx);
  await seedDemoWorkflows(ctx);
  await seedDemoCatalog(ctx);
  await seedDemoCalendar(ctx);
  await seedDemoResultTemplates(ctx);
}
