/**
 * Build-time outputs beyond the pages: the hosts' header files, the
 * container grader that the full-Node runner mounts and the package files it
 * mounts beside it (PGlite's, for the labs that use it), and (for hosts that
 * cannot send headers) the cross-origin-isolation service worker. The dev
 * server serves the grader and those files too.
 */
import type { AstroIntegration } from 'astro';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { netlifyHeaders } from '../../course/deploy-headers.ts';
import { coursePaths } from '../../course/paths.ts';
import { courseSettings } from '../../course/settings.ts';
import { buildContainerGrader } from '../../runners/container/build-grader.ts';
import { PACKAGE_FILES } from '../../runners/container/plan.ts';
import { respondWith } from './respond.ts';

export const GRADER_PATH = '/webcontainer/grader.mjs';
export const COI_WORKER_PATH = '/coi-serviceworker.min.js';

/** Each installed package file the container plan may mount, as [served path beside the grader, installed file]. */
function packageFiles(): [string, string][] {
  const require = createRequire(import.meta.url);
  return Object.entries(PACKAGE_FILES).flatMap(([pkg, { installed }]) => installed.map((name) => [GRADER_PATH.replace(/[^/]*$/, name), require.resolve(`${pkg}/${name}`)] as [string, string]));
}

export function deployOutputs(): AstroIntegration {
  return {
    name: 'packet-journey:deploy-outputs',
    hooks: {
      'astro:server:setup': ({ server }) => {
        for (const [path, file] of packageFiles()) {
          server.middlewares.use(path, (_req, res) => respondWith(res, 'application/octet-stream', readFile(file)));
        }
        server.middlewares.use(GRADER_PATH, (_req, res) => respondWith(res, 'text/javascript', buildContainerGrader()));
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        writeFileSync(`${out}/_headers`, netlifyHeaders());
        mkdirSync(`${out}/webcontainer`, { recursive: true });
        writeFileSync(`${out}${GRADER_PATH}`, await buildContainerGrader());
        for (const [path, file] of packageFiles()) copyFileSync(file, `${out}${path}`);
        if (courseSettings(coursePaths()).crossOriginIsolation === 'service-worker') {
          copyFileSync(createRequire(import.meta.url).resolve('coi-serviceworker/coi-serviceworker.min.js'), `${out}${COI_WORKER_PATH}`);
        }
      },
    },
  };
}
