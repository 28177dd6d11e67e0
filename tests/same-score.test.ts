// Same files, same score: every lab's starter and solution graded twice give
// byte-identical `--json` apart from durations (randomized tests run with the
// course's fixed seed; see src/runners/seed.ts). The first grade is the run's
// shared one (tests/support/graded.ts), the second a fresh one.
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { gradedOnce } from './support/graded.ts';

const paths = coursePaths();

/** The result as `journey grade --json` prints it, with every duration set to 0. */
function asJson(result: GradeResult): string {
  return JSON.stringify(result, (key, value: unknown) => (key === 'durationMs' ? 0 : value), 2);
}

describe.each(loadLabs(paths).map((lab) => [lab.id, lab] as const))('lab %s', (_id, lab) => {
  for (const target of ['starter', 'solution'] as const) {
    it(`grades the ${target} the same way twice`, async () => {
      const first = asJson(await gradedOnce(paths, lab, target));
      const second = asJson(await gradeLab({ paths, lab, target }));
      expect(second).toBe(first);
    }, 240_000);
  }
});
