/**
 * What graders report and what the embedded graders are asked to do: one
 * event type for every runner (Node over IPC, the worker over postMessage,
 * the WebContainer over marked stdout lines) and one request type for the two
 * embedded runners.
 */
import type { Stage } from '../../course/manifest.ts';
import type { Limits } from '../rules.ts';
import type { TestResult } from '../result.ts';
import type { WatchFeed } from '../watchdog.ts';

/** Grader → host, in the order things happen. */
export type GraderEvent =
  /** A stage's test file is about to load (its imports run the learner's top-level code). */
  | { kind: 'stage-start'; stage: string }
  /** Every test the stage's file declares, collected before any runs. */
  | { kind: 'stage-tests'; stage: string; names: string[] }
  /** Sent before the test's body runs, so a hang can be named. */
  | { kind: 'test-start'; stage: string; name: string }
  | { kind: 'test-end'; stage: string; result: TestResult }
  | { kind: 'stage-end'; stage: string; error?: string }
  | { kind: 'run-end'; unhandled: string[] };

export type WorkerMessage = GraderEvent | { kind: 'ready' };

/** Host → embedded grader: run these stage files against these sources. */
export interface RunRequest {
  type: 'run';
  /** Virtual path → source text (run-files.ts `runFiles`): learner files under /impl/, given files under /given/, tests under /tests/. */
  files: [string, string][];
  /** Stage ids, in order; stage `s` runs `/tests/<s>.test.ts`. */
  stages: string[];
  limits: Limits;
  /** fast-check's seed for every property (see seed.ts). */
  seed: number;
}

/** Host → browser worker, once it is ready: the lab's files, whose lazily loaded packages it fetches ahead of the first run. */
export interface PrefetchRequest {
  type: 'prefetch';
  files: [string, string][];
}

/** The request for some stages of a lab, over the run's files (run-files.ts `runFiles`). */
export function runRequest(files: [string, string][], stages: readonly Pick<Stage, 'id'>[], limits: Limits, seed: number): RunRequest {
  return {
    type: 'run',
    files,
    stages: stages.map((s) => s.id),
    limits,
    seed,
  };
}

/** Passes an embedded grader's event to the watchdog (its events arrive in order on one channel). */
export function feedWatch(event: GraderEvent, watch: WatchFeed): void {
  if (event.kind === 'stage-start') watch.loading(event.stage);
  if (event.kind === 'test-start') watch.started(event.stage, event.name);
  if (event.kind === 'test-end' || event.kind === 'stage-end') watch.ended(event.stage);
}
