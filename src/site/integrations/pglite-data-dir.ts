/**
 * PGlite's initialised data directory as a site file, for the browser
 * worker (src/runners/worker/pglite-data-dir.ts says why): made by the
 * inventory lab's own fixture, as `journey grade` makes it in Node (so from
 * the disk cache npm install filled), written to dist/ at build time and
 * served by the dev server.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_DATA_DIR_PATH } from '../../runners/worker/pglite-data-dir.ts';

/** The data directory, gzipped: loaded only when asked for, so no other build step or page start pays for PGlite. */
async function dataDir(): Promise<Uint8Array> {
  const { template } = await import('../../../labs/inventory/tests/fixtures/pglite-template.ts');
  return new Uint8Array(await (await template()).arrayBuffer());
}

export function pgliteDataDir(): AstroIntegration {
  return {
    name: 'packet-journey:pglite-data-dir',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // The dev server's worker runs from its source folder: any path ending in the file's name is it.
        server.middlewares.use((req, res, next) => {
          if (!req.url?.split('?')[0]!.endsWith(`/${PGLITE_DATA_DIR_PATH}`)) return next();
          dataDir().then(
            (bytes) => {
              res.setHeader('Content-Type', 'application/gzip');
              res.end(bytes);
            },
            (error: Error) => {
              res.statusCode = 500;
              res.end(error.message);
            },
          );
        });
      },
      'astro:build:done': async ({ dir }) => {
        const file = `${fileURLToPath(dir)}/${PGLITE_DATA_DIR_PATH}`;
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, await dataDir());
      },
    },
  };
}
