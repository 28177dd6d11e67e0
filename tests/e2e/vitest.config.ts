// Browser tests against the built site (run `npm run build` first; `npm test` does).
import { defineConfig } from 'vitest/config';

/**
 * The files whose checks race a clock inside the page (the grading worker's time limits, the golden
 * hang scenarios' short ones, PGlite's load, the journey's trip) or already use both cores (the axe
 * scans, two at a time): these run one file at a time, after the others. So does the second file of
 * the two that share the teacher's build (tests/support/teacher-site.ts), which the first, running
 * earlier, has made by then.
 */
const ONE_AT_A_TIME = [
  'tests/e2e/accessibility.test.ts',
  'tests/e2e/golden-worker.test.ts',
  'tests/e2e/inventory-worker.test.ts',
  'tests/e2e/journey-run.test.ts',
  'tests/e2e/lab-page.test.ts',
  'tests/e2e/teacher-build.test.ts',
];

const testOptions = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    globalSetup: ['./tests/support/temp-root.ts'],
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
    projects: [
      {
        test: {
          ...testOptions,
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: ONE_AT_A_TIME,
          // Each file drives one page at a time, about a core's work: two files use CI's second core.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...testOptions,
          name: 'browser-timed',
          include: ONE_AT_A_TIME,
          maxWorkers: 1,
          // Tests marked concurrent (the axe scans, each on its own page) run two at a time: one renderer per core.
          maxConcurrency: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
