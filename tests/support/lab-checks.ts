/**
 * The checks every lab must pass, as functions: tests/labs.test.ts and
 * tests/webcontainer-parity.test.ts run them on the course's labs, and
 * tests/scaffold.test.ts on a lab fresh from `journey new`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { labBundle } from '../../src/course/lab-bundle.ts';
import type { Lab } from '../../src/course/labs.ts';
import type { CoursePaths } from '../../src/course/paths.ts';
import { typecheckLab } from '../../src/course/typecheck.ts';
import { gradeInContainer, type ContainerGradeRequest } from '../../src/runners/container/container-runner.ts';
import type { GradeResult } from '../../src/runners/result.ts';
import { reaches } from '../../src/runners/rules.ts';
import { gradedOnce } from './graded.ts';
import { installedPackageFile, nodeContainer } from './node-container.ts';

function failuresOf(result: GradeResult): string {
  return result.stages
    .flatMap((s) => [...(s.error ? [`${s.id}: ${s.error}`] : []), ...s.tests.filter((t) => t.status !== 'passed').map((t) => `${s.id} › ${t.name}: ${t.message}`)])
    .join('\n');
}

/** The solution scores full marks (on these stages, when given: those whose tools this machine has). */
export async function expectSolutionFullMarks(paths: CoursePaths, lab: Lab, stages?: readonly string[]): Promise<void> {
  const result = await gradedOnce(paths, lab, 'solution', stages);
  expect(failuresOf(result)).toBe('');
  expect(result.score).toBe(result.max);
  expect(result.status).toBe('pass');
}

/** The starter runs at least one test in every stage, fails at least one in every stage, and scores less. */
export async function expectStarterFailsEveryStage(paths: CoursePaths, lab: Lab): Promise<void> {
  const result = await gradedOnce(paths, lab, 'starter');
  for (const stage of result.stages) {
    expect(stage.error, `stage ${stage.id} should load against the starter`).toBeUndefined();
    expect(stage.tests.length, `stage ${stage.id} should run tests against the starter`).toBeGreaterThan(0);
    expect(stage.tests.some((t) => t.status === 'failed'), `stage ${stage.id} should fail against the starter`).toBe(true);
  }
  expect(result.score).toBeLessThan(result.max);
}

/** Solution and starter type-check against the tests (the starter exports the whole API). */
export function expectBothTypecheck(paths: CoursePaths, lab: Lab): void {
  expect(typecheckLab(paths, lab, `${lab.dir}/solution`)).toEqual([]);
  expect(typecheckLab(paths, lab, `${lab.dir}/starter`)).toEqual([]);
}

/** What must agree: each stage's points and each test's name and status, in order. */
function comparable(result: GradeResult, stageIds: string[]) {
  return result.stages
    .filter((s) => stageIds.includes(s.id))
    .map((s) => ({ id: s.id, earned: s.earned, points: s.points, tests: s.tests.map((t) => `${t.status} ${t.name}`) }));
}

/** Grades a lab's target through the WebContainer runner's exact plan on a temp folder and real Node; the folder is removed afterwards. */
export async function gradeInNodeContainer(lab: Lab, target: 'solution' | 'starter', graderSource: string, extra: Partial<ContainerGradeRequest> = {}) {
  const bundle = labBundle(lab, { showSolutions: true });
  const driver = nodeContainer();
  let terminal = '';
  try {
    const result = await gradeInContainer(driver, {
      lab: lab.id,
      target,
      manifest: lab.manifest,
      learnerFiles: target === 'solution' ? bundle.solution! : bundle.starter,
      givenFiles: bundle.given,
      testFiles: bundle.tests,
      graderSource,
      packageFile: installedPackageFile,
      onOutput: (text) => (terminal += text),
      ...extra,
    });
    const run = JSON.parse(readFileSync(join(driver.dir, 'run.json'), 'utf8')) as { stages: string[] };
    return { result, terminal, spawned: driver.spawned, mounted: driver.mounted, run };
  } finally {
    driver.remove();
  }
}

/** The WebContainer runner's exact plan, run on real Node, grades `target` as `journey grade` does, mounting `packageFiles` beside the grader and nothing else. */
export async function expectContainerAgrees(paths: CoursePaths, lab: Lab, target: 'solution' | 'starter', graderSource: string, packageFiles: readonly string[] = []): Promise<void> {
  const containerStageIds = lab.manifest.stages.filter((s) => reaches('webcontainer', s.runsIn)).map((s) => s.id);
  // Side by side, to use CI's second core: the container's grader is one process, and the Node grade is single-threaded in its
  // child's start and its timed stages (whose targets leave room for a shared core, e.g. labs/tcp/tests/speed.test.ts).
  const [{ result: inContainer, terminal, spawned, mounted, run }, local] = await Promise.all([gradeInNodeContainer(lab, target, graderSource), gradedOnce(paths, lab, target)]);

  expect(spawned[0]).toEqual(['node', 'grader.mjs', 'run.json']);
  expect(Object.keys(mounted).sort()).toEqual(['grader.mjs', 'package.json', 'run.json', ...packageFiles].sort());
  expect(run.stages).toEqual(containerStageIds);
  expect(inContainer.runner).toBe('webcontainer');
  expect(comparable(inContainer, containerStageIds)).toEqual(comparable(local, containerStageIds));
  for (const stage of inContainer.stages.filter((s) => !reaches('webcontainer', s.runsIn))) expect(stage.status).toBe('not-run');
  // The terminal shows one readable line per test, and no event lines.
  expect(terminal).toMatch(target === 'solution' ? /✓ / : /✗ /);
  expect(terminal).not.toContain('\u0001');
}
