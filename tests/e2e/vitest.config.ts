// Browser tests against the built site (run `npm run build` first; `npm test` does).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // Tests marked concurrent (the axe scans, each on its own page) run two at a time: one renderer per core.
    maxConcurrency: 2,
    globalSetup: ['./tests/support/temp-root.ts'],
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
  },
});
