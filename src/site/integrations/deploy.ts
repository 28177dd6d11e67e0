/**
 * Build-time outputs beyond the pages: the hosts' header files, the
 * container grader that the full-Node runner mounts, and (for hosts that
 * cannot send headers) the cross-origin-isolation service worker. The dev
 * server serves the grader too.
 */
import type { AstroIntegration } from 'astro';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { netlifyHeaders } from '../../course/deploy-headers.ts';
import { coursePaths } from '../../course/paths.ts';
import { courseSettings } from '../../course/settings.ts';
import { buildContainerGrader } from '../../runners/container/build-grader.ts';

export const GRADER_PATH = '/webcontainer/grader.mjs';
export const COI_WORKER_PATH = '/coi-serviceworker.min.js';

export function deployOutputs(): AstroIntegration {
  return {
    name: 'packet-journey:deploy-outputs',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(GRADER_PATH, (_req, res) => {
          buildContainerGrader().then(
            (source) => {
              res.setHeader('Content-Type', 'text/javascript');
              res.end(source);
            },
            (error: Error) => {
              res.statusCode = 500;
              res.end(error.message);
            },
          );
        });
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        writeFileSync(`${out}/_headers`, netlifyHeaders());
        mkdirSync(`${out}/webcontainer`, { recursive: true });
        writeFileSync(`${out}${GRADER_PATH}`, await buildContainerGrader());
        if (courseSettings(coursePaths()).crossOriginIsolation === 'service-worker') {
          copyFileSync(createRequire(import.meta.url).resolve('coi-serviceworker/coi-serviceworker.min.js'), `${out}${COI_WORKER_PATH}`);
        }
      },
    },
  };
}
