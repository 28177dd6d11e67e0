// The project's own test suite. Lab graders are not collected here: they need a
// target (solution, starter or workspace) and run through src/runners/node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**'],
    testTimeout: 30_000,
  },
});
