/**
 * The golden failure scenarios (tests/fixtures/labs/hostile): what must come
 * out the same from every runner, as checked-in JSON. Messages differ in
 * wording between Vitest's Node API and the embedded grader (file paths,
 * transpiler errors), so a stage error counts by its presence; test names,
 * statuses, points and the run's status must match exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { GradeResult } from '../../src/runners/result.ts';
import { fixtureLabs } from './cli.ts';

interface GoldenResult {
  status: GradeResult['status'];
  score: number;
  max: number;
  /** A run-level message (errors outside any test). */
  message?: string;
  stages: { id: string; status: string; earned: number; error: boolean; tests: string[] }[];
}

/** The parts of a result every runner must agree on. */
function golden(result: GradeResult): GoldenResult {
  return {
    status: result.status,
    score: result.score,
    max: result.max,
    ...(result.message ? { message: result.message } : {}),
    stages: result.stages.map((s) => ({ id: s.id, status: s.status, earned: s.earned, error: Boolean(s.error), tests: s.tests.map((t) => `${t.status} ${t.name}`) })),
  };
}

/** The checked-in expectation for grading the hostile lab's starter. */
function expectedGolden(): GoldenResult {
  return JSON.parse(readFileSync(join(fixtureLabs, 'hostile', 'expected', 'starter.json'), 'utf8')) as GoldenResult;
}

/**
 * Checks a runner's grade of the hostile starter: the checked-in result, the
 * failed property's message (cause first, counterexample, the seed), and the
 * learner's line an error was thrown at.
 */
export function expectGolden(result: GradeResult): void {
  expect(golden(result)).toEqual(expectedGolden());
  const property = result.stages.find((s) => s.id === 'property')!.tests[0]!.message!;
  expect(property).toMatch(/^TODO\(property\): double numbers of any size\n\nThrown at property\.ts:3\.\n\nCounterexample: \[-?\d+\]/);
  expect(property).toContain('with seed 20240917');
  // An error thrown in the learner's code names the file and line it came from, which the lab page opens.
  const thrown = result.stages.find((s) => s.id === 'fail')!.tests.find((t) => t.name === 'doubles 5')!.message!;
  expect(thrown).toMatch(/^RangeError: cannot double 5\n\nThrown at fail\.ts:3\.$/);
}

/**
 * Limits short enough for tests: each scenario that hangs costs testMs +
 * graceMs. Long enough that a stage's cold load (Vite transforming a file
 * with a syntax error) fits while the rest of the suite keeps both cores
 * busy: at 3 s it once did not, in a CI run.
 */
export const SHORT_LIMITS = { testMs: 5_000, graceMs: 1_000 };
