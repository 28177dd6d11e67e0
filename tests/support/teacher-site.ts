/**
 * The teacher's build the e2e tests share, built once per test run (into the
 * run's temp folder, never dist/): a GitHub Pages project site under `/pj/`
 * with two chapters left out, solutions hidden and cross-origin isolation by
 * service worker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { root } from './cli.ts';

/** The course.json of the teacher's build. */
export const TEACHER_COURSE = {
  title: 'Networks 101',
  base: '/pj/',
  chapters: ['layers', 'routing', 'tcp', 'https', 'lb', 'websocket'],
  due: { tcp: '2026-12-18' },
  showSolutions: false,
  crossOriginIsolation: 'service-worker',
} as const;

/** The chapters (and labs, of the same ids) the teacher's build leaves out. */
export const LEFT_OUT = ['dns', 'cdn'] as const;

/**
 * This process's environment without what Vitest adds to it: Vitest mirrors
 * `import.meta.env` into process.env, and an inherited `BASE_URL=/` would
 * override the build's base in every `import.meta.env.BASE_URL`.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const vitestOwn = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitestOwn.has(key) && !key.startsWith('VITEST')));
}

/** The built site's folder, building it on the first call of the run. */
export function teacherSite(): string {
  const dir = join(tmpdir(), 'journey-teacher-site');
  const dist = join(dir, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'course.json');
  writeFileSync(config, JSON.stringify(TEACHER_COURSE));
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', dist], {
    cwd: root,
    encoding: 'utf8',
    env: { ...buildEnv(), JOURNEY_COURSE_CONFIG: config, ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 600_000,
  });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  return dist;
}
