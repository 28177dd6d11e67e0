/**
 * The page side of the worker runner: keeps warm grading workers (two on a
 * machine with cores to spare, so stages grade side by side, each in its own module graph), feeds
 * their events to the shared watchdog, and replaces them when the watchdog
 * stops a pass, so the page stays responsive whatever the learner's code does.
 */
import type { Manifest, Stage } from '../../course/manifest.ts';
import { feedWatch, runRequest, type GraderEvent } from '../embedded/protocol.ts';
import { gradeInPasses, type PassOutcome } from '../passes.ts';
import { DEFAULT_SCORING, notRunStage, type GradeResult, type Scoring } from '../result.ts';
import { LIMITS, reaches, type Limits } from '../rules.ts';
import { DEFAULT_SEED } from '../seed.ts';
import { requestFiles, type LabSources } from '../embedded/run-files.ts';
import type { WatchFeed } from '../watchdog.ts';
import { GradingWorker } from './grading-worker.ts';

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

/**
 * How many workers grade side by side on a machine with `cores` logical cores:
 * two from four cores up, one below. On two cores the second worker only
 * competes with the first and the page (the DNS lab's first run took about
 * 1 s longer with two, its warm runs about 100 ms longer, under `npm run bench`).
 */
export function poolSize(cores: number | undefined): number {
  return (cores ?? 1) >= 4 ? 2 : 1;
}

export class WorkerRunner {
  private pool: GradingWorker[] = [];
  private readonly createWorker: () => Worker;
  private readonly size: number;
  private readonly now: () => number;
  /** Each stage's last grading time (by `lab/stage`): the longest go first, so the workers finish close together. */
  private readonly lastMs = new Map<string, number>();

  /** `size`: workers grading side by side; `now`: the clock stages are timed with (tests use their own). */
  constructor(createWorker: () => Worker, options: { size?: number; now?: () => number } = {}) {
    this.createWorker = createWorker;
    this.size = options.size ?? poolSize(globalThis.navigator?.hardwareConcurrency);
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Starts the workers ahead of the first run (each loads Vitest's runner and
   * the transpiler); given the lab's files, each then fetches the packages
   * their tests import, once ready, so the first run never waits for them.
   */
  warm(lab?: LabSources): Promise<void> {
    const pool = this.workers();
    if (lab) {
      const files = requestFiles(lab);
      for (const worker of pool) worker.prefetch(files);
    }
    return Promise.all(pool.map((w) => w.ready)).then(
      () => undefined,
      (error: unknown) => {
        if (this.pool === pool) this.replace();
        throw error;
      },
    );
  }

  /** The workers, started if there are none. */
  private workers(): GradingWorker[] {
    // Each worker starts loading when the one before is ready: the first run's worker has the machine to itself.
    if (!this.pool.length) {
      for (let i = 0; i < this.size; i++) this.pool.push(new GradingWorker(this.createWorker, this.pool[i - 1]?.ready));
    }
    return this.pool;
  }

  /** Throws the workers away (a hung test, a crash); the next run starts new ones. */
  private replace(): void {
    for (const worker of this.pool) worker.terminate();
    this.pool = [];
  }

  /** Grades the stages the worker reaches; the others are listed as not run here. */
  grade(request: WorkerGradeRequest): Promise<GradeResult> {
    const limits = { ...LIMITS.worker, ...request.limits };
    return gradeInPasses({
      lab: request.lab,
      target: request.target,
      runner: 'worker',
      scoring: request.scoring ?? DEFAULT_SCORING,
      limits,
      stages: request.manifest.stages,
      notRun: (stage) => (reaches('worker', stage.runsIn) ? undefined : notRunStage(stage)),
      runPass: (stages, onEvent, watch, signal) =>
        this.runPass(request, limits, stages, watch, signal, (event) => {
          onEvent(event);
          request.onEvent?.(event);
        }),
    });
  }

  /** The stages, those that took longest last time first (in manifest order among equals, and before any not timed yet). */
  private longestFirst(lab: string, stages: readonly Stage[]): Stage[] {
    const last = (stage: Stage) => this.lastMs.get(`${lab}/${stage.id}`) ?? Infinity;
    return [...stages].sort((a, b) => (last(a) === last(b) ? 0 : last(a) > last(b) ? -1 : 1));
  }

  /**
   * One pass: each worker takes the next stage from the queue until none is
   * left, one stage per request. Events of one stage come from one worker, in
   * order, so the watchdog watches each stage apart; the errors no test caught
   * are reported once, when the pass ends (stopped too), in manifest order.
   */
  private runPass(
    request: WorkerGradeRequest,
    limits: Limits,
    stages: readonly Stage[],
    watch: WatchFeed,
    signal: AbortSignal,
    onEvent: (event: GraderEvent) => void,
  ): Promise<PassOutcome> {
    const pool = this.workers();
    const files = requestFiles(request);
    const seed = request.seed ?? DEFAULT_SEED;
    const queue = this.longestFirst(request.lab, stages);
    const unhandled = new Map<string, string[]>();
    const startedAt = new Map<string, number>();
    let settled = false;
    return new Promise((resolve) => {
      const finish = (outcome: PassOutcome) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        // Stages that finished keep their results when the pass is stopped, and so the errors they left behind.
        onEvent({ kind: 'run-end', unhandled: stages.flatMap((s) => unhandled.get(s.id) ?? []) });
        if (outcome.kind !== 'done') this.replace();
        resolve(outcome);
      };
      const onAbort = () => finish({ kind: 'stopped' });
      signal.addEventListener('abort', onAbort, { once: true });
      const relay = (event: GraderEvent) => {
        if (settled) return;
        if (event.kind === 'stage-start') startedAt.set(event.stage, this.now());
        if (event.kind === 'stage-end') this.lastMs.set(`${request.lab}/${event.stage}`, this.now() - startedAt.get(event.stage)!);
        feedWatch(event, watch);
        onEvent(event);
      };
      const work = async (worker: GradingWorker) => {
        await worker.ready;
        for (let stage = queue.shift(); stage && !settled; stage = queue.shift()) {
          unhandled.set(stage.id, await worker.run(runRequest(files, [stage], limits, seed), relay));
        }
      };
      Promise.all(pool.map(work)).then(
        () => finish({ kind: 'done' }),
        (error: unknown) => finish({ kind: 'crash', message: (error as Error).message || 'the grading worker stopped' }),
      );
    });
  }
}
