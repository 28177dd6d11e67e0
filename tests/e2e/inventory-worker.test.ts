// PGlite (PostgreSQL in WebAssembly, ≈ 5 MB) in the browser: the inventory
// lab's pure stages grade in the built grading worker in Chromium, with the
// wasm and data files and the initialised data directory the site build
// emitted, and a page that does not use it never downloads them (the
// journey chapter only when the learner runs the trip: journey-run.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labBundle } from '../../src/course/lab-bundle.ts';
import { loadLab } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import type { GradeResult } from '../../src/runners/result.ts';
import { LIMITS } from '../../src/runners/rules.ts';
import { PGLITE_DATA_DIR_PATH } from '../../src/runners/embedded/pglite-data-dir.ts';
import type { WorkerGradeRequest } from '../../src/runners/worker/worker-runner.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { root } from '../support/cli.ts';
import { builtWorker, workerHarness } from '../support/worker-harness.ts';

const lab = loadLab(coursePaths(), 'inventory');
const site = useBuiltSite();

describe('PGlite in the grading worker', () => {
  it('grades the inventory lab\'s pure stages with full marks in the browser', async () => {
    const worker = builtWorker();
    expect(worker, 'the built grading worker (run `npm run build` first)').toBeDefined();
    await site.page.goto(`${site.url}/labs/inventory/`);
    await site.page.addScriptTag({ content: await workerHarness() });
    const bundle = labBundle(lab, { showSolutions: true });
    const request: WorkerGradeRequest = {
      lab: lab.id,
      target: 'solution',
      manifest: lab.manifest,
      learnerFiles: bundle.solution!,
      givenFiles: bundle.given,
      testFiles: bundle.tests,
      limits: LIMITS.worker,
    };
    const dataDir = site.page.waitForRequest((r) => r.url().endsWith(`/${PGLITE_DATA_DIR_PATH}`), { timeout: 60_000 });
    const result = await site.page.evaluate(
      ([url, req]) => (globalThis as unknown as { gradeInWorker(u: string, r: unknown): Promise<GradeResult> }).gradeInWorker(url, req),
      [`${site.url}/_astro/${worker}`, request] as const,
    );
    const pure = result.stages.filter((s) => s.runsIn === 'pure');
    // Each stage's failures, if any, in the message: a PGlite that cannot load names itself there.
    const failures = pure.flatMap((s) => [s.error ?? '', ...s.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message ?? t.status}`)]).filter(Boolean);
    expect(pure.map((s) => [s.id, s.earned, s.points]), failures.join('\n')).toEqual(lab.manifest.stages.filter((s) => s.runsIn === 'pure').map((s) => [s.id, s.points, s.points]));
    // Each database started from the data directory the build made, not from initdb (over 5 s here).
    expect((await dataDir).url()).toBe(`${site.url}/${PGLITE_DATA_DIR_PATH}`);
  }, 180_000);

  it('is fetched by the inventory lab page and the journey chapter on a run, and by no other page', async () => {
    // PGlite's own chunks: those the build made that name its wasm file (the grading worker's and the trip worker's).
    const assets = join(root, 'dist', '_astro');
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js') && /pglite-[\w-]+\.wasm/.test(readFileSync(join(assets, f), 'utf8')));
    expect(chunks.length, 'a chunk of the built site loads pglite.wasm').toBeGreaterThan(0);
    const isPglite = (url: string) => chunks.some((chunk) => url.endsWith(`/${chunk}`)) || url.endsWith(`/${PGLITE_DATA_DIR_PATH}`) || /\/pglite-[\w-]+\.(wasm|data)$/.test(url);
    const fetched: string[] = [];
    site.page.on('request', (r) => isPglite(r.url()) && fetched.push(r.url()));
    // The worker warms up when the page is first idle and then fetches the lab's lazy packages: the inventory page shows when that is.
    await site.page.goto(`${site.url}/labs/inventory/`);
    await site.page.waitForRequest((r) => chunks.some((chunk) => r.url().endsWith(`/${chunk}`)), { timeout: 60_000 });
    fetched.length = 0;
    const worker = site.page.waitForRequest((r) => /\/worker-[\w-]+\.js$/.test(r.url()), { timeout: 60_000 });
    await site.page.goto(`${site.url}/labs/dns/`, { waitUntil: 'networkidle' });
    await worker;
    await site.page.waitForLoadState('networkidle');
    expect(fetched, 'the DNS lab page fetched PGlite').toEqual([]);
    // The journey chapter runs the inventory in its trip worker, but only once the learner asks for a run.
    await site.page.goto(`${site.url}/chapters/journey/`, { waitUntil: 'networkidle' });
    expect(fetched, 'the journey chapter fetched PGlite before a run').toEqual([]);
    await site.page.goto(`${site.url}/chapters/inventory/`, { waitUntil: 'networkidle' });
    expect(fetched, 'the inventory chapter fetched PGlite').toEqual([]);
  }, 120_000);
});
