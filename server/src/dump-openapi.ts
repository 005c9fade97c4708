// Writes the OpenAPI document the server would serve at /api/openapi.json, without a database or a listening
// port: the web app's API types are generated from it (`npm run api:types -w web`).
// Usage: tsx src/dump-openapi.ts <file>   (stdout when no file is given)
import { writeFile } from 'node:fs/promises';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { systemClock } from './platform/clock.ts';
import type { Database } from './platform/db/connection.ts';

// Ready, the app starts listening for dossier changes (public tracking's cache): that alone is allowed, and hears none.
const noDatabase = new Proxy({} as Database, {
  get(_target, name) {
    if (name === 'listen') return async () => async () => {};
    throw new Error('dump-openapi builds the routes only; nothing may use the database');
  },
});

const app = await buildApp({
  config: loadConfig({}),
  log: pino({ level: 'silent' }),
  clock: systemClock,
  database: noDatabase,
});
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
const file = process.argv[2];
if (file) await writeFile(file, document);
else process.stdout.write(document);
