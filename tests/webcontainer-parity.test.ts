// The WebContainer runner cannot boot here (its runtime loads from StackBlitz),
// so this runs the runner's exact plan — the files it mounts, the command it
// spawns, the same grading passes — on real Node, and checks it agrees with
// `journey grade` (Vitest's Node API) on every stage the container would run.
import { beforeAll, describe, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { buildContainerGrader } from '../src/runners/container/build-grader.ts';
import { expectContainerAgrees } from './support/lab-checks.ts';

const paths = coursePaths();
let graderSource: string;
beforeAll(async () => {
  graderSource = await buildContainerGrader();
});

describe.each(loadLabs(paths).map((lab) => [lab.id, lab] as const))('WebContainer plan for lab %s', (_id, lab) => {
  for (const target of ['solution', 'starter'] as const) {
    it(`grades the ${target} on real Node exactly as journey grade does`, () => expectContainerAgrees(paths, lab, target, graderSource), 120_000);
  }
});
