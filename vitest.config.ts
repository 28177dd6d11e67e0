// The project's own test suite. Lab graders are not collected here: they need a
// target (solution, starter or workspace) and run through src/runners/node.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Chapter components import lab fixtures at build time, and fixtures import the lab kit.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: { alias: { '@lab-kit': here('./src/lab-kit/index.ts'), '@netsim': here('./src/netsim/index.ts') } },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**'],
    testTimeout: 30_000,
    // After Vitest's summary, one line per missing tool (Chromium, tshark, PostgreSQL) whose checks were skipped.
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
  },
});
