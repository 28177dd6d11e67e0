// The WebContainer runner cannot boot here (its runtime loads from StackBlitz),
// so this runs the runner's exact plan — the files it mounts, the command it
// spawns, the same grading passes — on real Node, and checks it agrees with
// `journey grade` (Vitest's Node API) on every stage the container would run,
// and with the golden failure scenarios' checked-in results.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { buildContainerGrader } from '../src/runners/container/build-grader.ts';
import { fixtureLabs } from './support/cli.ts';
import { expectGolden, SHORT_LIMITS } from './support/golden.ts';
import { expectContainerAgrees, gradeInNodeContainer } from './support/lab-checks.ts';

const paths = coursePaths();
let graderSource: string;
beforeAll(async () => {
  graderSource = await buildContainerGrader();
});

/** The package files mounted beside the grader, by lab: PGlite's and its data directory only for the lab that uses it, so no other lab's plan grows. */
const PACKAGE_FILES_BY_LAB: Record<string, readonly string[]> = { inventory: ['pglite.wasm', 'pglite.data', 'initdb.wasm', 'pglite-data-dir.tar.gz'] };

describe.each(loadLabs(paths).map((lab) => [lab.id, lab] as const))('WebContainer plan for lab %s', (id, lab) => {
  for (const target of ['solution', 'starter'] as const) {
    it(`grades the ${target} on real Node exactly as journey grade does`, () => expectContainerAgrees(paths, lab, target, graderSource, PACKAGE_FILES_BY_LAB[id]), 300_000);
  }
});

describe('the golden failure scenarios in the WebContainer runner (on real Node)', () => {
  const hostile = loadLab({ ...paths, labs: fixtureLabs }, 'hostile');

  it('turns every way learner code goes wrong into the checked-in result, as the Node runner does', async () => {
    const { result } = await gradeInNodeContainer(hostile, 'starter', graderSource, { limits: SHORT_LIMITS });
    expectGolden(result);
  }, 180_000);

  it('gives the solution full marks', async () => {
    const { result } = await gradeInNodeContainer(hostile, 'solution', graderSource, { limits: SHORT_LIMITS });
    expect(result).toMatchObject({ status: 'pass', score: 12, max: 12 });
  }, 60_000);
});
