// The checks that matter most for every lab: the solution scores full marks,
// the starter type-checks against the tests, runs at least one test in every
// stage and scores less, and every stage has a test the starter fails.
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import type { Stage } from '../src/course/manifest.ts';
import { coursePaths } from '../src/course/paths.ts';
import { hasTool, skipWithout } from './support/host-tools.ts';
import { expectBothTypecheck, expectSolutionFullMarks, expectStarterFailsEveryStage } from './support/lab-checks.ts';

const paths = coursePaths();
const labs = loadLabs(paths);

it('the course has labs', () => {
  expect(labs.map((l) => l.id)).toContain('dns');
});

describe.each(labs.map((lab) => [lab.id, lab] as const))('lab %s', (_id, lab) => {
  // A stage that runs a program this machine lacks (tshark) is left out of the solution's grade and counted as skipped (a failure under CI).
  const missing = (stage: Stage) => stage.needs?.find((tool) => !hasTool(tool));
  const runnable = lab.manifest.stages.filter((s) => !missing(s)).map((s) => s.id);

  it('solution scores full marks', () => expectSolutionFullMarks(paths, lab, runnable));

  for (const stage of lab.manifest.stages.filter((s) => missing(s))) {
    it(`solution passes stage ${stage.id}, which needs ${stage.needs!.join(', ')}`, (context) => {
      skipWithout(context, missing(stage)!);
    });
  }

  it('starter runs at least one test in every stage, fails at least one in every stage, and scores less', () => expectStarterFailsEveryStage(paths, lab));

  it('solution and starter type-check against the tests (the starter exports the whole API)', () => expectBothTypecheck(paths, lab));
});
