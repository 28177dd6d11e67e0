/**
 * The Vitest config Stryker runs a lab's graders with (`npm run mutants`):
 * `@impl/*` points at the lab's solution in Stryker's sandbox copy, so the
 * mutated solution is what the tests grade. The lab comes from
 * JOURNEY_MUTANTS_LAB; JOURNEY_MUTANTS_STAGES (comma-separated) limits the
 * stages, which the mutants script sets to leave out `host` stages.
 */
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { labAliases, viteAliases } from '../../course/aliases.ts';
import { loadLab, targetDir } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';

const id = process.env.JOURNEY_MUTANTS_LAB;
if (!id) throw new Error('src/tooling/mutants/vitest.config.ts: set JOURNEY_MUTANTS_LAB to the lab to mutate (npm run mutants -- <lab>)');
const paths = coursePaths();
const lab = loadLab(paths, id);
const wanted = process.env.JOURNEY_MUTANTS_STAGES?.split(',');
const stages = lab.manifest.stages.filter((s) => !wanted || wanted.includes(s.id));

export default defineConfig({
  resolve: { alias: viteAliases(labAliases(paths, targetDir(paths, lab, 'solution'))) },
  test: {
    include: stages.map((s) => join(lab.dir, 'tests', `${s.id}.test.ts`)),
    testTimeout: 10_000,
    pool: 'forks',
  },
});
