// Same files, same score: every lab's starter and solution graded twice give
// byte-identical `--json` apart from durations (randomized tests run with the
// course's fixed seed; see src/runners/seed.ts). The first grade is the run's
// shared one (tests/support/graded.ts), the second a fresh one.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabs, type Lab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { gradedOnce } from './support/graded.ts';
import { blocksToRun, inTurn } from './support/in-turn.ts';

const paths = coursePaths();
const labs = loadLabs(paths);
const TARGETS = ['starter', 'solution'] as const;

/** The result as `journey grade --json` prints it, with every duration set to 0. */
function asJson(result: GradeResult): string {
  return JSON.stringify(result, (key, value: unknown) => (key === 'durationMs' ? 0 : value), 2);
}

// The fresh grades, two at a time in the tests' order (tests/support/in-turn.ts): a grade is one child whose
// stages run side by side only in part, and this file's worker only waits on it.
const graded = labs.flatMap((lab) => TARGETS.map((target) => ({ lab, target })));
let fresh: Map<(typeof graded)[number], Promise<GradeResult>>;
const block = (lab: Lab) => `lab ${lab.id}`;
beforeAll(({}, file) => {
  const running = blocksToRun(file);
  fresh = inTurn(graded.filter(({ lab }) => running.has(block(lab))), ({ lab, target }) => gradeLab({ paths, lab, target }));
});

/** The fresh grade of this lab's target. */
function gradedAgain(lab: Lab, target: (typeof TARGETS)[number]): Promise<GradeResult> {
  return fresh.get(graded.find((g) => g.lab === lab && g.target === target)!)!;
}

for (const lab of labs) describe(block(lab), () => {
  for (const target of TARGETS) {
    it(`grades the ${target} the same way twice`, async () => {
      const first = asJson(await gradedOnce(paths, lab, target));
      const second = asJson(await gradedAgain(lab, target));
      expect(second).toBe(first);
    }, 240_000);
  }
});
