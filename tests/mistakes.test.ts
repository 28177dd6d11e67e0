// Every lab's list of realistic learner mistakes (labs/<id>/mistakes.json):
// each one, applied to the solution, must fail at least one test of the stage
// it names, so under all-or-nothing scoring it costs that stage's points.
import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { checkMistakes, losesPoints, type MistakeOutcome } from '../src/tooling/mistakes/check.ts';
import { hasMistakes, loadMistakes } from '../src/tooling/mistakes/mistakes.ts';

const paths = coursePaths();
const labs = loadLabs(paths).filter(hasMistakes);

const LIMIT_MS = 240_000;
/**
 * Each lab's check is one single-threaded child that this file's worker only waits on: two labs at a time keep both of
 * CI's cores busy. Started in list order, so by the time a lab's block runs its check has started, and its hook waits
 * at most the check's own LIMIT_MS.
 */
const SIDE_BY_SIDE = Math.min(2, availableParallelism());
let free = SIDE_BY_SIDE;
const waiting: (() => void)[] = [];

/** Runs `work` once fewer than SIDE_BY_SIDE others run, first come first served. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (free > 0) free -= 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  }
}

const checks = new Map<string, Promise<Map<string, MistakeOutcome>>>();
beforeAll(() => {
  for (const lab of labs) {
    const check = inTurn(() => checkMistakes(lab, LIMIT_MS));
    // Its lab's hook reports a failure; until then it must not count as unhandled.
    check.catch(() => undefined);
    checks.set(lab.id, check);
  }
});

describe.each(labs.map((lab) => [lab.id, lab] as const))('mistakes of lab %s', (_id, lab) => {
  const mistakes = loadMistakes(paths, lab);
  let outcomes: Map<string, MistakeOutcome>;
  beforeAll(async () => {
    outcomes = await checks.get(lab.id)!;
  }, LIMIT_MS + 10_000);

  it.each(mistakes.map((m) => [m.id, m] as const))('%s loses its stage\'s points', (_mid, mistake) => {
    const outcome = outcomes.get(mistake.id);
    expect(outcome, `mistake "${mistake.id}" was not graded`).toBeDefined();
    if (outcome!.patchError) expect.fail(outcome!.error);
    expect(
      losesPoints(outcome!),
      `labs/${lab.id}/mistakes.json: mistake "${mistake.id}" (${mistake.description}) passes every test of stage "${mistake.stage}": add a test that catches it`,
    ).toBe(true);
  });
});
