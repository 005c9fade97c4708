// What the portal's home page downloads before it can be used: index.html, then every script, module preload
// and stylesheet it names, and every module those scripts import statically (chunks fetched later by a route
// change are left out). Sizes are gzip at level 9, as the server sends them to a browser without brotli; brotli
// is shown beside. Builds nothing: run `npm run build -w web` (or `npm start`) first.
// Run: cd server && npx tsx ../bench/web-size.ts
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = new URL('../web/dist/', import.meta.url).pathname;
/** The portal issue's budget for the home page's first-load JavaScript, gzipped. */
const BUDGET_KB = 300;

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('web/dist/index.html is missing: run `npm run build -w web` first.');
  process.exit(1);
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const named = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*\srel="(?:modulepreload|stylesheet)"[^>]*\shref="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*\shref="([^"]+)"[^>]*\srel="(?:modulepreload|stylesheet)"/g),
].map((m) => join(DIST, m[1] ?? ''));

const files = new Set<string>([join(DIST, 'index.html')]);
const pending = [...named];
while (pending.length) {
  const file = pending.pop() as string;
  if (files.has(file)) continue;
  files.add(file);
  if (!file.endsWith('.js')) continue;
  // Static imports only (`import"./a.js"`, `from"./a.js"`); `import("./a.js")` is a later, lazy load.
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bimport|\bfrom)\s*"(\.{1,2}\/[^"]+)"/g)) {
    pending.push(join(dirname(file), m[1] ?? ''));
  }
}

let raw = 0;
let gzip = 0;
let brotli = 0;
let jsGzip = 0;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const file of [...files].sort()) {
  const bytes = readFileSync(file);
  const sizes = [
    bytes.length,
    gzipSync(bytes, { level: 9 }).length,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ] as const;
  raw += sizes[0];
  gzip += sizes[1];
  brotli += sizes[2];
  if (file.endsWith('.js')) jsGzip += sizes[1];
  console.log(`${relative(DIST, file).padEnd(44)}${sizes.map(kb).join('')}`);
}
console.log(`${'first load of /'.padEnd(44)}${[raw, gzip, brotli].map(kb).join('')}`);
console.log(
  `JavaScript, gzip: ${(jsGzip / 1024).toFixed(1)} KB of a ${BUDGET_KB} KB budget (ratio ${(jsGzip / 1024 / BUDGET_KB).toFixed(2)})`,
);
