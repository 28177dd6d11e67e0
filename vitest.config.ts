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
const shared = {
  testTimeout: 30_000,
  globalSetup: ['./tests/support/temp-root.ts'],
  // CI=true turns picocolors' colours on; the CLI's output is checked as the plain text a pipe gets.
  env: { NO_COLOR: '1' },
};

export default defineConfig({
  plugins: [implPlugin(solutionLayouts(coursePaths(root)))],
  resolve: { alias: courseAliases(root) },
  test: {
    // After Vitest's summary, one line per missing tool (Chromium, tshark, PostgreSQL) whose checks were skipped.
    reporters: ['default', './src/tooling/missing-tools-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**', RENDER_TESTS],
        },
      },
      getViteConfig({ test: { ...shared, name: 'render', include: [RENDER_TESTS] } }),
    ],
  },
});
