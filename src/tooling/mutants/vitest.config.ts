/**
 * The Vitest config Stryker runs a lab's graders with (`npm run mutants`):
 * `@impl/…` resolves as the lab's solution does (learner files from solution/,
 * the rest from given/) in Stryker's sandbox copy, so the
 * mutated solution is what the tests grade. The lab comes from
 * JOURNEY_MUTANTS_LAB; JOURNEY_MUTANTS_STAGES (comma-separated) limits the
 * stages, which the mutants script sets to leave out `host` stages.
 */
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { courseAliases } from '../../course/aliases.ts';
import { implPlugin, solutionLayouts } from '../../course/impl-plugin.ts';
import { loadLab } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';

const id = process.env.JOURNEY_MUTANTS_LAB;
if (!id) throw new Error('src/tooling/mutants/vitest.config.ts: set JOURNEY_MUTANTS_LAB to the lab to mutate (npm run mutants -- <lab>)');
const paths = coursePaths();
const lab = loadLab(paths, id);
const wanted = process.env.JOURNEY_MUTANTS_STAGES?.split(',');
const stages = lab.manifest.stages.filter((s) => !wanted || wanted.includes(s.id));

export default defineConfig({
  plugins: [implPlugin(solutionLayouts(paths))],
  resolve: { alias: courseAliases(paths.root) },
  test: {
    include: stages.map((s) => join(lab.dir, 'tests', `${s.id}.test.ts`)),
    // Only a guard against a hang: Stryker times each mutant itself, from the unmutated run's
    // durations. The grader's 10 s is too tight here, where many test processes share the
    // machine and the first (unmutated) run must pass for the audit to start at all.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
