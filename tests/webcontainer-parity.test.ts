// The WebContainer runner cannot boot here (its runtime loads from StackBlitz),
// so this runs the runner's exact plan — the files it mounts, the command it
// spawns, the same grading passes — on real Node, and checks it agrees with
// `journey grade` (Vitest's Node API) on every stage the container would run,
// and with the golden failure scenarios' checked-in results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labBundle } from '../src/course/lab-bundle.ts';
import { loadLab, loadLabs, type Lab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { buildContainerGrader } from '../src/runners/container/build-grader.ts';
import { gradeInContainer, type ContainerGradeRequest } from '../src/runners/container/container-runner.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { reaches } from '../src/runners/rules.ts';
import { fixtureLabs } from './support/cli.ts';
import { expectGolden, SHORT_LIMITS } from './support/golden.ts';
import { nodeContainer } from './support/node-container.ts';

const paths = coursePaths();
let graderSource: string;
beforeAll(async () => {
  graderSource = await buildContainerGrader();
});

/** What must agree: each stage's points and each test's name and status, in order. */
function comparable(result: GradeResult, stageIds: string[]) {
  return result.stages
    .filter((s) => stageIds.includes(s.id))
    .map((s) => ({ id: s.id, earned: s.earned, points: s.points, tests: s.tests.map((t) => `${t.status} ${t.name}`) }));
}

/** Grades a lab's target through the container runner on a temp folder, which is removed afterwards. */
async function inNodeContainer(lab: Lab, target: 'solution' | 'starter', extra: Partial<ContainerGradeRequest> = {}) {
  const bundle = labBundle(lab, { showSolutions: true });
  const driver = nodeContainer();
  let terminal = '';
  try {
    const result = await gradeInContainer(driver, {
      lab: lab.id,
      target,
      manifest: lab.manifest,
      learnerFiles: target === 'solution' ? bundle.solution! : bundle.starter,
      testFiles: bundle.tests,
      graderSource,
      onOutput: (text) => (terminal += text),
      ...extra,
    });
    return { result, terminal, spawned: driver.spawned, mounted: driver.mounted, run: JSON.parse(readFileSync(join(driver.dir, 'run.json'), 'utf8')) as { stages: string[] } };
  } finally {
    driver.remove();
  }
}

describe.each(loadLabs(paths).map((lab) => [lab.id, lab] as const))('WebContainer plan for lab %s', (_id, lab) => {
  const containerStageIds = lab.manifest.stages.filter((s) => reaches('webcontainer', s.runsIn)).map((s) => s.id);

  for (const target of ['solution', 'starter'] as const) {
    it(`grades the ${target} on real Node exactly as journey grade does`, async () => {
      const { result: inContainer, terminal, spawned, mounted, run } = await inNodeContainer(lab, target);
      const local = await gradeLab({ paths, lab, target });

      expect(spawned[0]).toEqual(['node', 'grader.mjs', 'run.json']);
      expect(Object.keys(mounted).sort()).toEqual(['grader.mjs', 'package.json', 'run.json']);
      expect(run.stages).toEqual(containerStageIds);
      expect(inContainer.runner).toBe('webcontainer');
      expect(comparable(inContainer, containerStageIds)).toEqual(comparable(local, containerStageIds));
      for (const stage of inContainer.stages.filter((s) => !reaches('webcontainer', s.runsIn))) expect(stage.status).toBe('not-run');
      // The terminal shows one readable line per test, and no event lines.
      expect(terminal).toMatch(target === 'solution' ? /✓ / : /✗ /);
      expect(terminal).not.toContain('\u0001');
    }, 120_000);
  }
});

describe('the golden failure scenarios in the WebContainer runner (on real Node)', () => {
  const hostile = loadLab({ ...paths, labs: fixtureLabs }, 'hostile');

  it('turns every way learner code goes wrong into the checked-in result, as the Node runner does', async () => {
    const { result } = await inNodeContainer(hostile, 'starter', { limits: SHORT_LIMITS });
    expectGolden(result);
  }, 180_000);

  it('gives the solution full marks', async () => {
    const { result } = await inNodeContainer(hostile, 'solution', { limits: SHORT_LIMITS });
    expect(result).toMatchObject({ status: 'pass', score: 12, max: 12 });
  }, 60_000);
});
