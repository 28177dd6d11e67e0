/**
 * Bundles the container grader into one ESM file for Node (esbuild): Vitest's
 * runner and expect, chai, Sucrase, fast-check, http-cache-semantics, the lab kit, netsim and the
 * node stages' peers (ws, hessian.js, grpc-js): about 1.2 MB, so the container needs no `npm install` at run time.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./grader.ts', import.meta.url));

/** The grader's source text. */
export async function buildContainerGrader(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // WebContainers ran Node 20 until 2026 and Node 22 since; build for the older.
    target: 'node20',
    minify: true,
    write: false,
    legalComments: 'none',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return result.outputFiles[0]!.text;
}
