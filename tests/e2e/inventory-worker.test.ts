// PGlite (PostgreSQL in WebAssembly, ≈ 5 MB) in the browser: the inventory
// lab's pure stages grade in the built grading worker in Chromium, with the
// wasm and data files the site build emitted, and a lab page that does not
// use it never downloads it.
import { describe, expect, it } from 'vitest';
import { labBundle } from '../../src/course/lab-bundle.ts';
import { loadLab } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import type { GradeResult } from '../../src/runners/result.ts';
import { LIMITS } from '../../src/runners/rules.ts';
import type { WorkerGradeRequest } from '../../src/runners/worker/worker-runner.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { builtWorker, workerHarness } from '../support/worker-harness.ts';

const lab = loadLab(coursePaths(), 'inventory');
const site = useBuiltSite();
const PGLITE = /pglite|\.wasm$|\.data$/;

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
    const result = await site.page.evaluate(
      ([url, req]) => (globalThis as unknown as { gradeInWorker(u: string, r: unknown): Promise<GradeResult> }).gradeInWorker(url, req),
      [`${site.url}/_astro/${worker}`, request] as const,
    );
    const pure = result.stages.filter((s) => lab.manifest.stages.find((m) => m.id === s.id)?.runsIn === 'pure');
    expect(pure.map((s) => [s.id, s.score, s.max])).toEqual(lab.manifest.stages.filter((s) => s.runsIn === 'pure').map((s) => [s.id, s.points, s.points]));
  }, 180_000);

  it('is fetched by the inventory lab page, and by no other lab page', async () => {
    const fetched: string[] = [];
    site.page.on('request', (r) => PGLITE.test(r.url()) && fetched.push(r.url()));
    await site.page.goto(`${site.url}/labs/dns/`, { waitUntil: 'networkidle' });
    // The worker warms up when the page is first idle, and then fetches the lab's lazy packages.
    await site.page.waitForTimeout(3_000);
    expect(fetched, 'the DNS lab page fetched PGlite').toEqual([]);
    await site.page.goto(`${site.url}/labs/inventory/`);
    await site.page.waitForRequest((r) => PGLITE.test(r.url()), { timeout: 60_000 });
  }, 120_000);
});
