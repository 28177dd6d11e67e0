/** Vitest's `threads` pool, taking its threads from spares started ahead of time (spare-threads.ts). */
import type { Worker } from 'node:worker_threads';
import { ThreadsPoolWorker, type PoolOptions, type PoolRunnerInitializer } from 'vitest/node';
import type { SpareThreads, ThreadSpec } from './spare-threads.ts';

/** The fields of Vitest's ThreadsPoolWorker this builds on (its `start` creates the thread unless one is set). */
interface ThreadFields extends ThreadSpec {
  _thread?: Worker;
}

/** The pool for Vitest's `pool` option: Vitest's threads, taken from `spares`. */
export function sparePool(spares: SpareThreads): PoolRunnerInitializer {
  return {
    name: 'journey-threads',
    createPoolWorker: (options: PoolOptions) =>
      new (class extends ThreadsPoolWorker {
        override start(): Promise<void> {
          const fields = this as unknown as ThreadFields;
          fields._thread ??= spares.take({ entrypoint: fields.entrypoint, execArgv: fields.execArgv, env: fields.env });
          return super.start();
        }
      })(options),
  };
}
