/**
 * PGlite's initialised data directory as a site file, for the browser
 * worker and the WebContainer (src/runners/embedded/pglite-data-dir.ts says why): made by the
 * inventory lab's own fixture, as `journey grade` makes it in Node (so from
 * the disk cache npm install filled), written to dist/ at build time and
 * served by the dev server.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { template } from '../../../labs/inventory/tests/fixtures/pglite-template.ts';
import { PGLITE_DATA_DIR_FILE, PGLITE_DATA_DIR_PATH } from '../../runners/embedded/pglite-data-dir.ts';
import { respondWith } from './respond.ts';

/** The data directory, gzipped. */
async function dataDir(): Promise<Uint8Array> {
  return new Uint8Array(await (await template()).arrayBuffer());
}

export function pgliteDataDir(): AstroIntegration {
  return {
    name: 'packet-journey:pglite-data-dir',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // The dev server's worker runs from its source folder: any path ending in the file's name is it.
        server.middlewares.use((req, res, next) => {
          if (!req.url?.split('?')[0]!.endsWith(`/${PGLITE_DATA_DIR_FILE}`)) return next();
          respondWith(res, 'application/gzip', dataDir());
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
