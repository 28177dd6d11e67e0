// The project's own test suite. Lab graders are not collected here: they need a
// target (solution, starter or workspace) and run through src/runners/node.
import { defineConfig } from 'vitest/config';
import { getViteConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { courseAliases } from './src/course/aliases.ts';
import { implPlugin, solutionLayouts } from './src/course/impl-plugin.ts';
import { coursePaths } from './src/course/paths.ts';

// Chapter components import lab solutions and fixtures, which import `@impl/…` and the course's modules.
const root = fileURLToPath(new URL('.', import.meta.url));
// Tests that render a component through Astro's container API need Astro's compiler, which only its own Vite config
// (astro.config.mjs, with the same `@impl/…` plugin and aliases) brings; they run as a project of their own.
const RENDER_TESTS = 'src/**/*.render.test.ts';

/**
 * The files that grade labs, run the CLI or the trip, or start real peers (tshark, PostgreSQL): each
 * already keeps both cores busy (a grade runs two stages at a time), and a lab's timed stages measure
 * speed on a machine nobody else is using, so these run one file at a time, after the others.
 */
const ONE_AT_A_TIME = [
  'tests/ci.test.ts',
  'tests/class-grade.test.ts',
  'tests/cli-locale.test.ts',
  'tests/cli.test.ts',
  'tests/graded-once.test.ts',
  'tests/grader.test.ts',
  'tests/host-tools.test.ts',
  'tests/https-capture.test.ts',
  'tests/inventory-postgres-cleanup.test.ts',
  'tests/journey-trip.test.ts',
  'tests/labs.test.ts',
  'tests/mistakes.test.ts',
  'tests/same-score.test.ts',
  'tests/scaffold.test.ts',
  'tests/webcontainer-parity.test.ts',
  'src/class/sandbox.test.ts',
  'src/**/*.tshark.test.ts',
];

/** What the projects with Vitest's own Vite config share: `@impl/…` and the course's modules resolved as the graders resolve them. */
const resolving = {
  plugins: [implPlugin(solutionLayouts(coursePaths(root)))],
  resolve: { alias: courseAliases(root) },
};
const testOptions = {
  testTimeout: 30_000,
  // CI=true turns picocolors' colours on; the CLI's output is checked as the plain text a pipe gets.
  env: { NO_COLOR: '1' },
};

export default defineConfig({
  test: {
    // Once for the whole run, not per project (a project's own would nest a second folder in the first).
    globalSetup: ['./tests/support/temp-root.ts'],
    // After Vitest's summary, one line per missing tool (Chromium, tshark, PostgreSQL) whose checks were skipped.
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
    projects: [
      {
        // Everything else is quick and single-threaded: two files at a time use CI's second core.
        ...resolving,
        test: {
          ...testOptions,
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**', RENDER_TESTS, ...ONE_AT_A_TIME],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      // Beside the unit files: same group, same two workers.
      getViteConfig({ test: { ...testOptions, name: 'render', include: [RENDER_TESTS], maxWorkers: 2, sequence: { groupOrder: 0 } } }),
      {
        ...resolving,
        test: {
          ...testOptions,
          name: 'grading',
          include: ONE_AT_A_TIME,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
