// The checks that matter most for every lab: the solution scores full marks,
// the starter type-checks against the tests, runs at least one test in every
// stage and scores less, and every stage has a test the starter fails.
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import type { Stage } from '../src/course/manifest.ts';
import { coursePaths } from '../src/course/paths.ts';
import { typecheckLab } from '../src/course/typecheck.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { hasTool, skipWithout } from './support/host-tools.ts';

const paths = coursePaths();
const labs = loadLabs(paths);

function failuresOf(result: GradeResult): string {
  return result.stages
    .flatMap((s) => [...(s.error ? [`${s.id}: ${s.error}`] : []), ...s.tests.filter((t) => t.status !== 'passed').map((t) => `${s.id} › ${t.name}: ${t.message}`)])
    .join('\n');
}

it('the course has labs', () => {
  expect(labs.map((l) => l.id)).toContain('dns');
});

describe.each(labs.map((lab) => [lab.id, lab] as const))('lab %s', (_id, lab) => {
  // A stage that runs a program this machine lacks (tshark) is left out of the solution's grade and counted as skipped (a failure under CI).
  const missing = (stage: Stage) => stage.needs?.find((tool) => !hasTool(tool));
  const runnable = lab.manifest.stages.filter((s) => !missing(s)).map((s) => s.id);

  it('solution scores full marks', async () => {
    const result = await gradeLab({ paths, lab, target: 'solution', stages: runnable });
    expect(failuresOf(result)).toBe('');
    expect(result.score).toBe(result.max);
    expect(result.status).toBe('pass');
  });

  for (const stage of lab.manifest.stages.filter((s) => missing(s))) {
    it(`solution passes stage ${stage.id}, which needs ${stage.needs!.join(', ')}`, async (context) => {
      skipWithout(context, missing(stage)!);
    });
  }

  it('starter runs at least one test in every stage, fails at least one in every stage, and scores less', async () => {
    const result = await gradeLab({ paths, lab, target: 'starter' });
    for (const stage of result.stages) {
      expect(stage.error, `stage ${stage.id} should load against the starter`).toBeUndefined();
      expect(stage.tests.length, `stage ${stage.id} should run tests against the starter`).toBeGreaterThan(0);
      expect(stage.tests.some((t) => t.status === 'failed'), `stage ${stage.id} should fail against the starter`).toBe(true);
    }
    expect(result.score).toBeLessThan(result.max);
  });

  it('solution and starter type-check against the tests (the starter exports the whole API)', () => {
    expect(typecheckLab(paths, lab, `${lab.dir}/solution`)).toEqual([]);
    expect(typecheckLab(paths, lab, `${lab.dir}/starter`)).toEqual([]);
  });
});
