// Builds the web app (web/dist) when it is missing or older than anything it is built from; otherwise does
// nothing, at the cost of a few hundred stat calls. `npm start` and the browser tests run it first.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const web = new URL('..', import.meta.url).pathname;
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = newest(join(web, 'dist', 'index.html'));
const changed = Math.max(...SOURCES.map((s) => newest(join(web, s))));
if (built === 0 || changed > built) {
  console.error(built ? 'Giao diện web đã thay đổi: đang dựng lại web/dist…' : 'Đang dựng giao diện web (web/dist)…');
  const vite = join(createRequire(join(web, 'package.json')).resolve('vite/package.json'), '..', 'bin', 'vite.js');
  // A production build whoever asks: under vitest NODE_ENV is "test", which would give React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
    env,
  });
  process.exit(result.status ?? 1);
}
