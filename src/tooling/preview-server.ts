/**
 * Serves the built site (dist/) with Astro's own preview server on a free
 * loopback port, for browser tests and benchmarks.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'astro';

export interface RunningSite {
  url: string;
  stop(): Promise<void>;
}

/** Starts `astro preview` for the checkout at `root`; the site must have been built. */
export async function servePreview(root: string): Promise<RunningSite> {
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    throw new Error('dist/ has no built site: run `npm run build` first.');
  }
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
