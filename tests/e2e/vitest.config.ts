// Browser tests against the built site (run `npm run build` first; `npm test` does).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['./tests/support/temp-root.ts'],
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
  },
});
