/**
 * The page side of the worker runner: keeps one warm grading worker, feeds
 * its events to the shared watchdog, and replaces the worker when the
 * watchdog stops it, so the page stays responsive whatever the learner's
 * code does.
 */
import type { Manifest } from '../../course/manifest.ts';
import { feedWatch, runRequest, type GraderEvent, type PrefetchRequest, type RunRequest, type WorkerMessage } from '../embedded/protocol.ts';
import { gradeInPasses, type PassOutcome } from '../passes.ts';
import { DEFAULT_SCORING, notRunStage, type GradeResult, type Scoring } from '../result.ts';
import { LIMITS, reaches, type Limits } from '../rules.ts';
import { DEFAULT_SEED } from '../seed.ts';
import { requestFiles, type LabSources } from '../embedded/run-files.ts';
import type { WatchFeed } from '../watchdog.ts';

export interface WorkerGradeRequest extends LabSources {
  lab: string;
  target: string;
  manifest: Manifest;
  /** The course's scoring (course.json); all-or-nothing by default. */
  scoring?: Scoring;
  /** Overrides of the runner's limits (tests use short ones). */
  limits?: Partial<Limits>;
  seed?: number;
  onEvent?: (event: GraderEvent) => void;
}

export class WorkerRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly createWorker: () => Worker;

  constructor(createWorker: () => Worker) {
    this.createWorker = createWorker;
  }

  /**
   * Starts the worker ahead of the first run (loads Vitest's runner and the
   * transpiler); given the lab's files, it then fetches the packages their
   * tests import, after `ready`, so the first run never waits for them.
   */
  warm(lab?: LabSources): Promise<void> {
    if (!this.ready) {
      const worker = this.createWorker();
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        const onMessage = (event: MessageEvent<WorkerMessage>) => {
          if (event.data.kind !== 'ready') return;
          worker.removeEventListener('message', onMessage);
          resolve();
        };
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', (e) => reject(new Error(`the grading worker failed to start: ${e.message}`)), { once: true });
      }).catch((error: unknown) => {
        this.replace();
        throw error;
      });
    }
    const ready = this.ready;
    if (lab) ready.then(() => this.worker?.postMessage({ type: 'prefetch', files: requestFiles(lab) } satisfies PrefetchRequest), () => undefined);
    return ready;
  }

  /** Throws the worker away (a hung test, a crash); the next run starts a new one. */
  private replace(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  /** Grades the stages the worker reaches; the others are listed as not run here. */
  grade(request: WorkerGradeRequest): Promise<GradeResult> {
    const limits = { ...LIMITS.worker, ...request.limits };
    const files = requestFiles(request);
    return gradeInPasses({
      lab: request.lab,
      target: request.target,
      runner: 'worker',
      scoring: request.scoring ?? DEFAULT_SCORING,
      limits,
      stages: request.manifest.stages,
      notRun: (stage) => (reaches('worker', stage.runsIn) ? undefined : notRunStage(stage)),
      runPass: async (stages, onEvent, watch, signal) => {
        await this.warm();
        const run = runRequest(files, stages, limits, request.seed ?? DEFAULT_SEED);
        return this.runPass(run, watch, signal, (event) => {
          onEvent(event);
          request.onEvent?.(event);
        });
      },
    });
  }

  private runPass(run: RunRequest, watch: WatchFeed, signal: AbortSignal, onEvent: (event: GraderEvent) => void): Promise<PassOutcome> {
    const worker = this.worker!;
    return new Promise((resolve) => {
      const finish = (outcome: PassOutcome) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = () => {
        this.replace();
        finish({ kind: 'stopped' });
      };
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        const message = event.data;
        if (message.kind === 'ready') return;
        feedWatch(message, watch);
        onEvent(message);
        if (message.kind === 'run-end') finish({ kind: 'done' });
      };
      const onError = (event: ErrorEvent) => {
        this.replace();
        finish({ kind: 'crash', message: event.message || 'the grading worker stopped' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(run);
    });
  }
}
