// Every lab's list of realistic learner mistakes (labs/<id>/mistakes.json):
// each one, applied to the solution, must fail at least one test of the stage
// it names, so under all-or-nothing scoring it costs that stage's points.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabs, type Lab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { checkMistakes, losesPoints, type MistakeOutcome } from '../src/tooling/mistakes/check.ts';
import { hasMistakes, loadMistakes } from '../src/tooling/mistakes/mistakes.ts';
import { blocksToRun, inTurn } from './support/in-turn.ts';

const paths = coursePaths();
const labs = loadLabs(paths).filter(hasMistakes);

const LIMIT_MS = 240_000;

// Each lab's check is one single-threaded child: two labs at a time (tests/support/in-turn.ts).
let checks: Map<Lab, Promise<Map<string, MistakeOutcome>>>;
const block = (lab: Lab) => `mistakes of lab ${lab.id}`;
beforeAll(({}, file) => {
  const running = blocksToRun(file);
  checks = inTurn(labs.filter((lab) => running.has(block(lab))), (lab) => checkMistakes(lab, LIMIT_MS));
});

for (const lab of labs) describe(block(lab), () => {
  const mistakes = loadMistakes(paths, lab);
  let outcomes: Map<string, MistakeOutcome>;
  beforeAll(async () => {
    outcomes = await checks.get(lab)!;
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
