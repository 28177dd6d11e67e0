/**
 * The browser lab workspace, in headless Chromium against the built site:
 * click-to-results for the DNS lab's pure stages (first run, which loads the
 * grading worker, and warm runs), and the JavaScript pages ship up front.
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

const FIRST_RUNS = 3;
const WARM_RUNS = 7;
const ASSETS = join(root, 'dist', '_astro');

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The built script whose name matches, e.g. the grading worker (`worker-<hash>.js`). */
function builtScript(name: RegExp): string {
  const found = readdirSync(ASSETS).find((f) => name.test(f));
  if (!found) throw new Error(`no script matching ${name} in dist/_astro: run \`npm run build\``);
  return found;
}

/**
 * The grading worker and the scripts it imports itself (the packages a lab's
 * tests use, such as fast-check, fetched in the background once it is ready),
 * as built. Their requests show among the page's when they come early enough,
 * so they are set apart by name: the worker has figures of its own.
 */
function gradingWorker(): { script: string; imports: string[] } {
  const script = builtScript(/^worker-[\w-]+\.js$/);
  const source = readFileSync(join(ASSETS, script), 'utf8');
  return { script, imports: [...source.matchAll(/import\(\s*[`'"]\.\/([^`'"]+\.js)[`'"]\s*\)/g)].map((m) => m[1]!) };
}

/** Of the worker's lazy imports (chunks named after their package), those the DNS lab's tests import, which its page prefetches. */
function importsOfDnsTests(imports: string[]): string[] {
  const dir = join(root, 'labs', 'dns', 'tests');
  const tests = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return imports.filter((chunk) => tests.includes(`from '${chunk.replace(/-[\w-]{8}\.js$/, '')}'`));
}

/** A pattern matching the URLs of these built scripts. */
function anyOf(scripts: string[]): RegExp {
  return new RegExp(`/_astro/(${scripts.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/** Milliseconds from the Run click until the results panel shows the new result. */
async function timeRun(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const workspace = document.querySelector('lab-workspace')!;
        const started = performance.now();
        workspace.addEventListener(
          'graded',
          () => requestAnimationFrame(() => resolve(performance.now() - started)),
          { once: true },
        );
        document.querySelector<HTMLButtonElement>('[data-part="run"]')!.click();
      }),
  );
}

export const benchmark: Benchmark = {
  name: 'browser workspace',
  async run() {
    const site = await servePreview(root);
    const browser = await launchChromium();
    try {
      const first: number[] = [];
      const warm: number[] = [];
      const worker = gradingWorker();
      const prefetched = importsOfDnsTests(worker.imports);
      const checker = [join(ASSETS, builtScript(/^ts-worker-[\w-]+\.js$/)), join(root, 'dist', 'labs', 'typescript.json')];
      let labJs = { page: 0, apart: 0 };
      for (let i = 0; i < FIRST_RUNS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        labJs = await scriptBytesOnLoad(page, `${site.url}/labs/dns/`, anyOf([worker.script, ...worker.imports]));
        await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
        first.push(await timeRun(page));
        if (i === 0) for (let j = 0; j < WARM_RUNS; j++) warm.push(await timeRun(page));
        await context.close();
      }
      const context = await browser.newContext();
      const chapterJs = (await scriptBytesOnLoad(await context.newPage(), `${site.url}/chapters/dns/`)).page;
      await context.close();
      return [
        { name: `DNS lab, click to results, first run incl. loading the runner (median of ${FIRST_RUNS})`, value: median(first), unit: 'ms', target: { op: '<=', value: 1000 } },
        { name: `DNS lab, click to results, warm run (median of ${WARM_RUNS})`, value: median(warm), unit: 'ms', target: { op: '<=', value: 150 } },
        // The editor (CodeMirror), the workspace and Starlight (with Pagefind's search UI, which it loads at idle): what
        // the page needs to show and edit. The full-Node runner, zip handling, search, the starter diff and the
        // TypeScript checker load when first used; the grading worker and what it imports are counted below.
        { name: 'DNS lab page JS before any click, page itself (gzip)', value: labJs.page / 1000, unit: 'kB', target: { op: '<=', value: 150 } },
        // Vitest's runner and expect, chai, Sucrase, netsim: fetched when the page is idle, so runs are instant and work offline.
        { name: 'DNS lab page, grading worker loaded at idle (gzip)', value: gzipSize(join(ASSETS, worker.script)) / 1000, unit: 'kB', target: { op: '<=', value: 150 } },
        // Before any click the worker also fetches the packages the lab's tests import (so it grades offline): the
        // worker's budget, applied to everything it loads before a click.
        {
          name: `DNS lab page, grading worker and the packages it prefetches for the lab (${prefetched.join(', ')}) before any click (gzip)`,
          value: [worker.script, ...prefetched].reduce((sum, f) => sum + gzipSize(join(ASSETS, f)), 0) / 1000,
          unit: 'kB',
          target: { op: '<=', value: 150 },
        },
        // The TypeScript compiler and the declaration files the labs' tsconfig needs, fetched with the learner's first edit.
        { name: 'DNS lab page, editor TypeScript worker and declaration files, on the first edit (gzip)', value: checker.reduce((sum, f) => sum + gzipSize(f), 0) / 1000, unit: 'kB' },
        // Starlight's own scripts are about 6 kB of this (Pagefind's search UI, 26 kB more, loads when search is opened).
        { name: 'DNS chapter page JS (gzip)', value: chapterJs / 1000, unit: 'kB', target: { op: '<=', value: 40 } },
      ];
    } finally {
      await browser.close();
      await site.stop();
    }
  },
};
