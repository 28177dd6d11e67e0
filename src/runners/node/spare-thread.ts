/**
 * Entry of a spare grading thread (spare-threads.ts): loads the modules of
 * Vitest's worker and what every stage's setup imports, then Vitest's worker
 * script itself, which waits for its stage. Nothing of a stage runs here, so the thread is as fresh as one
 * Vitest starts itself.
 */
import { workerData } from 'node:worker_threads';

const { preload, entrypoint } = workerData as { preload: string[]; entrypoint: string };
for (const url of preload) await import(url);
await import(entrypoint);
