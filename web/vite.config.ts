// Vite builds the portal into web/dist, which the server serves. Every text asset is also written gzip- and
// brotli-compressed beside itself, so the server can send the smaller file without compressing on each request.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'congso-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const bytes = await readFile(path);
          await writeFile(`${path}.gz`, await promisify(gzip)(bytes, { level: 9 }));
          await writeFile(
            `${path}.br`,
            await promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  // The budget that matters is the home page's first load, gzipped: bench/web-size.ts measures it.
  build: { chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
