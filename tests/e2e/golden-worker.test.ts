// The golden failure scenarios (tests/fixtures/labs/hostile) through the
// browser worker runner in Chromium: the page-side runner and the built
// grading worker from dist/, with the same checked-in results as the Node
// runner and the WebContainer runner.
import { describe, expect, it } from 'vitest';
import { labBundle } from '../../src/course/lab-bundle.ts';
import { loadLab } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import type { GradeResult } from '../../src/runners/result.ts';
import type { WorkerGradeRequest } from '../../src/runners/worker/worker-runner.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { builtWorker, workerHarness } from '../support/worker-harness.ts';
import { fixtureLabs } from '../support/cli.ts';
import { expectGolden, SHORT_LIMITS } from '../support/golden.ts';

const hostile = loadLab({ ...coursePaths(), labs: fixtureLabs }, 'hostile');
const site = useBuiltSite();

async function gradeInChromium(target: 'starter' | 'solution'): Promise<GradeResult> {
  const worker = builtWorker();
  expect(worker, 'the built grading worker (run `npm run build` first)').toBeDefined();
  await site.page.goto(`${site.url}/labs/dns/`);
  await site.page.addScriptTag({ content: await workerHarness() });
  const bundle = labBundle(hostile, { showSolutions: true });
  const request: WorkerGradeRequest = {
    lab: hostile.id,
    target,
    manifest: hostile.manifest,
    learnerFiles: target === 'solution' ? bundle.solution! : bundle.starter,
    givenFiles: bundle.given,
    testFiles: bundle.tests,
    limits: SHORT_LIMITS,
  };
  return site.page.evaluate(
    ([url, req]) => (globalThis as unknown as { gradeInWorker(u: string, r: unknown): Promise<GradeResult> }).gradeInWorker(url, req),
    [`${site.url}/_astro/${worker}`, request] as const,
  );
}

describe('the golden failure scenarios in the browser worker', () => {
  it('turns every way learner code goes wrong into the checked-in result, as the other runners do', async () => {
    const result = await gradeInChromium('starter');
    expect(result.runner).toBe('worker');
    expectGolden(result);
  }, 180_000);

  it('gives the solution full marks', async () => {
    expect(await gradeInChromium('solution')).toMatchObject({ status: 'pass', score: 12, max: 12 });
  }, 60_000);
});
