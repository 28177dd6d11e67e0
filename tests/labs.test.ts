// The checks that matter most for every lab: the solution scores full marks,
// the starter type-checks against the tests, runs at least one test in every
// stage and scores less, and every stage has a test the starter fails.
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { expectBothTypecheck, expectSolutionFullMarks, expectStarterFailsEveryStage } from './support/lab-checks.ts';

const paths = coursePaths();
const labs = loadLabs(paths);

it('the course has labs', () => {
  expect(labs.map((l) => l.id)).toContain('dns');
});

describe.each(labs.map((lab) => [lab.id, lab] as const))('lab %s', (_id, lab) => {
  it('solution scores full marks', () => expectSolutionFullMarks(paths, lab));

  it('starter runs at least one test in every stage, fails at least one in every stage, and scores less', () => expectStarterFailsEveryStage(paths, lab));

  it('solution and starter type-check against the tests (the starter exports the whole API)', () => expectBothTypecheck(paths, lab));
});
