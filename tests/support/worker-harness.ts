/**
 * For browser tests that grade in the built grading worker: the page-side
 * runner bundled for the page, and the worker file the site build emitted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root } from './cli.ts';

/** The page-side runner, bundled for the page: it defines `gradeInWorker(workerUrl, request)`, grading with the worker the site built. */
export async function workerHarness(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { WorkerRunner } from './src/runners/worker/worker-runner.ts';
        globalThis.gradeInWorker = (url, request) => new WorkerRunner(() => new Worker(url, { type: 'module' })).grade(request);`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The built grading worker's file name under dist/_astro/, or undefined before `npm run build`. */
export function builtWorker(): string | undefined {
  return readdirSync(join(root, 'dist', '_astro')).find((f) => /^worker-.*\.js$/.test(f));
}
