// The project's own test suite. Lab graders are not collected here: they need a
// target (solution, starter or workspace) and run through src/runners/node.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { courseAliases } from './src/course/aliases.ts';
import { implPlugin, solutionLayouts } from './src/course/impl-plugin.ts';
import { coursePaths } from './src/course/paths.ts';

// Chapter components import lab solutions and fixtures, which import `@impl/…` and the course's modules.
const root = fileURLToPath(new URL('.', import.meta.url));

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

/** What both projects share: `@impl/…` and the course's modules resolved as the graders resolve them. */
const shared = {
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
    // Once for the whole run, not per project: one temp folder that every file's children share.
    globalSetup: ['./tests/support/temp-root.ts'],
    // After Vitest's summary, one line per missing tool (Chromium, tshark, PostgreSQL) whose checks were skipped.
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
    projects: [
      {
        // Everything else is quick and single-threaded: two files at a time use CI's second core.
        ...shared,
        test: {
          ...testOptions,
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**', ...ONE_AT_A_TIME],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        ...shared,
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
