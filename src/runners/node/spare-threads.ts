/**
 * Vitest's `threads` pool with its threads started ahead of time. Every
 * stage file still runs in a thread of its own that has run nothing else
 * (the same isolation as `pool: 'threads'`), but the thread has already
 * booted Node and loaded Vitest's worker (runner, expect, chai, the module
 * runner) before its stage is due: most of a stage's cost when it is graded
 * on its own, as after a save under `journey watch`. A one-off grade starts
 * none, and its threads start exactly as Vitest's own: spares only move work
 * ahead, which pays while the learner is editing.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How a thread is started (Vitest's worker script, its flags and environment): what makes one spare fit a task. */
export interface ThreadSpec {
  entrypoint: string;
  execArgv: string[];
  env: Partial<NodeJS.ProcessEnv>;
}

const specKey = (spec: ThreadSpec) => JSON.stringify([spec.entrypoint, spec.execArgv, Object.entries(spec.env).sort()]);

/** Started, unused threads, by the spec they were started with; each is taken once and never comes back. */
export class SpareThreads {
  private spares: { key: string; thread: Worker }[] = [];
  private last: ThreadSpec | undefined;

  /** How many spares are started and not taken. */
  get ready(): number {
    return this.spares.length;
  }

  /** A thread for this spec: a spare started with the same one, or a new thread. */
  take(spec: ThreadSpec): Worker {
    this.last = spec;
    const key = specKey(spec);
    const index = this.spares.findIndex((s) => s.key === key);
    return index === -1 ? startNow(spec) : this.spares.splice(index, 1)[0]!.thread;
  }

  /** Starts spares, with the spec of the last thread taken, until `count` are ready; ends any started with another. */
  keep(count: number): void {
    const spec = this.last;
    if (!spec) return;
    const key = specKey(spec);
    for (const stale of this.spares.filter((s) => s.key !== key)) void stale.thread.terminate();
    this.spares = this.spares.filter((s) => s.key === key);
    while (this.spares.length < count) {
      const thread = startAhead(spec);
      // A spare that fails before it is taken is dropped (the next run starts its own); unheard, the error would end the child.
      thread.once('error', () => (this.spares = this.spares.filter((s) => s.thread !== thread)));
      this.spares.push({ key, thread });
    }
  }

  /** Ends every spare. */
  async close(): Promise<void> {
    const threads = this.spares.map((s) => s.thread);
    this.spares = [];
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

const threadEntry = new URL('./spare-thread.ts', import.meta.url);
/** Loaded by every stage's setup (grader-setup.ts). */
const setupImports = [import.meta.resolve('fast-check')];
const preloads = new Map<string, string[]>();

/**
 * What a thread can load before its stage is due: the modules Vitest's worker
 * script imports, in its order, except the one that takes the thread's
 * messages (that one comes with the script itself), and what every stage's setup imports.
 */
function preloadsOf(entrypoint: string): string[] {
  let found = preloads.get(entrypoint);
  if (!found) {
    const text = readFileSync(entrypoint, 'utf8');
    const imports = [...text.matchAll(/^import (?:[^'"]* from )?'([^']+)';$/gm)].map((m) => m[1]!);
    const own = imports.filter((i) => i.startsWith('.') && !i.includes('init-threads')).map((i) => new URL(i, pathToFileURL(entrypoint)).href);
    found = [...own, ...setupImports];
    preloads.set(entrypoint, found);
  }
  return found;
}

/** A thread started as Vitest's ThreadsPoolWorker starts one. */
function startNow(spec: ThreadSpec): Worker {
  return new Worker(spec.entrypoint, { env: spec.env, execArgv: spec.execArgv, stdout: true, stderr: true });
}

/** The same thread, started ahead: it loads what every stage needs before starting Vitest's worker script. */
function startAhead(spec: ThreadSpec): Worker {
  const workerData = { preload: preloadsOf(spec.entrypoint), entrypoint: pathToFileURL(spec.entrypoint).href };
  return new Worker(threadEntry, { env: spec.env, execArgv: spec.execArgv, stdout: true, stderr: true, workerData });
}
