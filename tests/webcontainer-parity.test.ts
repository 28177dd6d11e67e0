// The WebContainer runner cannot boot here (its runtime loads from StackBlitz),
// so this runs the runner's exact plan — the files it mounts, the command it
// spawns, the same grading passes — on real Node, and checks it agrees with
// `journey grade` (Vitest's Node API) on every stage the container would run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labBundle } from '../src/course/lab-bundle.ts';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { buildContainerGrader } from '../src/runners/container/build-grader.ts';
import { gradeInContainer } from '../src/runners/container/container-runner.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import type { GradeResult } from '../src/runners/result.ts';
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

describe.each(loadLabs(paths).map((lab) => [lab.id, lab] as const))('WebContainer plan for lab %s', (_id, lab) => {
  const containerStageIds = lab.manifest.stages.filter((s) => s.runsIn !== 'host').map((s) => s.id);

  for (const target of ['solution', 'starter'] as const) {
    it(`grades the ${target} on real Node exactly as journey grade does`, async () => {
      const bundle = labBundle(lab, { showSolutions: true });
      const learnerFiles = target === 'solution' ? bundle.solution! : bundle.starter;
      const driver = nodeContainer();
      let terminal = '';
      const inContainer = await gradeInContainer(driver, {
        lab: lab.id,
        target,
        manifest: lab.manifest,
        learnerFiles,
        givenFiles: bundle.given,
        testFiles: bundle.tests,
        graderSource,
        onOutput: (text) => (terminal += text),
      });
      const local = await gradeLab({ paths, lab, target });

      expect(driver.spawned[0]).toEqual(['node', 'grader.mjs', 'run.json']);
      expect(Object.keys(driver.mounted).sort()).toEqual(['grader.mjs', 'package.json', 'run.json']);
      expect(JSON.parse(readFileSync(join(driver.dir, 'run.json'), 'utf8')).stages).toEqual(containerStageIds);
      expect(inContainer.runner).toBe('webcontainer');
      expect(comparable(inContainer, containerStageIds)).toEqual(comparable(local, containerStageIds));
      for (const stage of inContainer.stages.filter((s) => s.runsIn === 'host')) expect(stage.status).toBe('not-run');
      // The terminal shows one readable line per test, and no event lines.
      expect(terminal).toMatch(target === 'solution' ? /✓ / : /✗ /);
      expect(terminal).not.toContain('\u0001');
    }, 120_000);
  }
});
