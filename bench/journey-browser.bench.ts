/**
 * The chapter's "Run the journey" panel, in headless Chromium against the
 * built site: the JavaScript the chapter page loads before any click, what a
 * click adds (the panel's code, the trip worker, PGlite), and click to result
 * for a trip on the reference pieces (first run, then a warm one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../src/tooling/chromium.ts';
import { servePreview } from '../src/tooling/preview-server.ts';
import { scriptBytesOnLoad } from './browser.ts';
import { median, type Benchmark } from './figure.ts';
import { root } from './process.ts';

const RUNS = 3;
const ASSETS = join(root, 'dist', '_astro');

/** The page-side scripts the panel's click loads: those its island preloads (Vite's __vite__mapDeps list). */
function panelScripts(): string[] {
  const island = readdirSync(ASSETS).find((f) => f.startsWith('RunJourney.astro_astro_type_script'));
  if (!island) throw new Error('no RunJourney island in dist/_astro: run `npm run build`');
  return [...readFileSync(join(ASSETS, island), 'utf8').matchAll(/"_astro\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

/** Clicks Run and waits for the result; returns click to result in ms, and the gzip bytes of what the click fetched, by kind. */
async function timeRun(page: Page, panel: readonly string[]): Promise<{ ms: number; bytes: Record<'page' | 'worker' | 'pglite', number> }> {
  const bodies: Promise<['page' | 'worker' | 'pglite', number]>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    const url = response.url();
    const name = url.split('/').pop() ?? '';
    const kind = /^pglite-[\w-]+\.(wasm|data)$|^pglite-data-dir/.test(name) ? 'pglite' : panel.includes(name) ? 'page' : name.endsWith('.js') ? 'worker' : undefined;
    if (kind) bodies.push(response.body().then((body) => [kind, name.endsWith('.gz') ? body.length : gzipSync(body, { level: 9 }).length]));
  };
  page.on('response', onResponse);
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>('.rj [data-part="run"]')!;
        const started = performance.now();
        button.click();
        const watch = new MutationObserver(() => {
          if (button.disabled) return;
          watch.disconnect();
          const status = document.querySelector('.rj [data-part="status"]')!.textContent ?? '';
          if (status.startsWith('Done')) resolve(performance.now() - started);
          else reject(new Error(status));
        });
        watch.observe(button, { attributes: true, attributeFilter: ['disabled'] });
      }),
  );
  page.off('response', onResponse);
  const bytes = { page: 0, worker: 0, pglite: 0 };
  for (const [kind, size] of await Promise.all(bodies)) bytes[kind] += size;
  return { ms, bytes };
}

export const benchmark: Benchmark = {
  name: 'journey in the browser (Run the journey panel)',
  async run() {
    const site = await servePreview(root);
    const panel = panelScripts();
    const browser = await launchChromium();
    try {
      const first: number[] = [];
      const warm: number[] = [];
      let pageJs = 0;
      let clicked = { page: 0, worker: 0, pglite: 0 };
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        pageJs = (await scriptBytesOnLoad(page, `${site.url}/chapters/journey/`)).page;
        const run = await timeRun(page, panel);
        first.push(run.ms);
        clicked = run.bytes;
        warm.push((await timeRun(page, panel)).ms);
        await context.close();
      }
      return [
        { name: 'journey chapter page JS before any click (gzip)', value: pageJs / 1000, unit: 'kB', target: { op: '<=', value: 40 } },
        { name: 'Run the journey, page-side JS loaded on the first click (gzip)', value: clicked.page / 1000, unit: 'kB', target: { op: '<=', value: 20 } },
        // The reference pieces, netsim, Sucrase for the learner's files, PGlite's JS; and the grading worker when a lab needs grading.
        { name: 'Run the journey, trip worker and its chunks on the first click (gzip)', value: clicked.worker / 1000, unit: 'kB' },
        { name: "Run the journey, PGlite's wasm, data and data directory on the first click (gzip)", value: clicked.pglite / 1000, unit: 'kB' },
        { name: `Run the journey, click to result on the reference pieces, first run (median of ${RUNS})`, value: median(first), unit: 'ms', target: { op: '<=', value: 10_000 } },
        { name: `Run the journey, click to result, second run (median of ${RUNS})`, value: median(warm), unit: 'ms', target: { op: '<=', value: 5_000 } },
      ];
    } finally {
      await browser.close();
      await site.stop();
    }
  },
};
