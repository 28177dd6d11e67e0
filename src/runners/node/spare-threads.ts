/**
 * Vitest's `threads` pool with its threads started ahead of time. Every
 * stage file still runs in a thread of its own that has run nothing else
 * (the same isolation as `pool: 'threads'`), but the thread has already
 * booted Node and loaded Vitest's worker (runner, expect, chai, the module
 * runner) before its stage is due: most of a stage's cost when it is graded
 * on its own, as after a save under `journey watch`.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ThreadsPoolWorker, type PoolOptions, type PoolRunnerInitializer } from 'vitest/node';

/** How a thread is started (Vitest's worker script, its flags and environment): what makes one spare fit a task. */
export interface ThreadSpec {
  entrypoint: string;
  execArgv: string[];
  env: Partial<NodeJS.ProcessEnv>;
}

/** The fields of Vitest's ThreadsPoolWorker this builds on (its `start` creates the thread unless one is set). */
interface ThreadFields extends ThreadSpec {
  _thread?: Worker;
}

const specKey = (spec: ThreadSpec) => JSON.stringify([spec.entrypoint, spec.execArgv, Object.entries(spec.env).sort()]);

/** Started, unused threads, by the spec they were started with; each is taken once and never comes back. */
export class SpareThreads {
  private spares: { key: string; thread: Worker }[] = [];
  private last: ThreadSpec | undefined;
  /** How many threads the runs under way will still take; no spare is started beyond it, so a one-off grade wastes none. */
  private wanted = 0;
  /** How many spares a run keeps started ahead of its stages. */
  private readonly ahead: number;

  constructor(ahead: number) {
    this.ahead = ahead;
  }

  /** How many spares are started and not taken. */
  get ready(): number {
    return this.spares.length;
  }

  /** Expects `count` more threads to be taken, and starts up to `ahead` of them now (with the last spec taken). */
  expect(count: number, ahead = this.ahead): void {
    this.wanted = count;
    this.fill(ahead);
  }

  /** A thread for this spec: a spare started with the same one, or a new thread. */
  take(spec: ThreadSpec): Worker {
    this.last = spec;
    this.wanted = Math.max(0, this.wanted - 1);
    const key = specKey(spec);
    const index = this.spares.findIndex((s) => s.key === key);
    const thread = index === -1 ? start(spec) : this.spares.splice(index, 1)[0]!.thread;
    this.fill(this.ahead);
    return thread;
  }

  /** Ends every spare. */
  async close(): Promise<void> {
    const threads = this.spares.map((s) => s.thread);
    this.spares = [];
    this.wanted = 0;
    await Promise.all(threads.map((t) => t.terminate()));
  }

  /** Starts spares, with the spec of the last thread taken, until `ahead` are ready or no more are wanted. */
  private fill(ahead: number): void {
    const spec = this.last;
    if (!spec) return;
    const key = specKey(spec);
    // Spares for another spec (the session's setup changed) will never be taken.
    for (const stale of this.spares.filter((s) => s.key !== key)) void stale.thread.terminate();
    this.spares = this.spares.filter((s) => s.key === key);
    while (this.spares.length < Math.min(ahead, this.wanted)) this.spares.push({ key, thread: start(spec) });
  }
}

const threadEntry = new URL('./spare-thread.ts', import.meta.url);
/** Loaded by every stage's setup (grader-setup.ts), so loaded before the stage is due. */
const PRELOAD = [import.meta.resolve('fast-check')];

/** A thread as Vitest's ThreadsPoolWorker starts one, with the packages every stage needs already loaded. */
function start(spec: ThreadSpec): Worker {
  const workerData = { preload: PRELOAD, entrypoint: pathToFileURL(spec.entrypoint).href };
  return new Worker(threadEntry, { env: spec.env, execArgv: spec.execArgv, stdout: true, stderr: true, workerData });
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
