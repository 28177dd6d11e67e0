/**
 * The page side of the worker runner: keeps one warm grading worker, watches
 * each test, and replaces the worker when a test never returns, so the page
 * stays responsive whatever the learner's code does.
 */
import type { Manifest } from '../../course/manifest.ts';
import { gradeInPasses, type PassEvent, type PassOutcome } from '../passes.ts';
import { notRunStage, type GradeResult } from '../result.ts';
import { runFiles } from '../embedded/run-files.ts';
import type { RunRequest, WorkerMessage } from '../embedded/protocol.ts';

/** Per-test limit in the browser: pure stages are fast; anything slower is stuck. */
export const WORKER_TEST_TIMEOUT_MS = 5_000;
const GRACE_MS = 1_000;

export interface WorkerGradeRequest {
  lab: string;
  target: string;
  manifest: Manifest;
  /** The learner's files by name (header.ts → text). */
  learnerFiles: Record<string, string>;
  /** The lab's given files by name (bytes.ts → text). */
  givenFiles: Record<string, string>;
  /** The lab's test files and fixtures by path under tests/ (tests/names.test.ts → text). */
  testFiles: Record<string, string>;
  testTimeoutMs?: number;
  onEvent?: (event: PassEvent) => void;
}

export class WorkerRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly createWorker: () => Worker;

  constructor(createWorker: () => Worker) {
    this.createWorker = createWorker;
  }

  /** Starts the worker ahead of the first run (loads Vitest's runner and the transpiler). */
  warm(): Promise<void> {
    if (!this.ready) {
      const worker = this.createWorker();
      this.worker = worker;
      this.ready = new Promise((resolve, reject) => {
        const onMessage = (event: MessageEvent<WorkerMessage>) => {
          if (event.data.kind !== 'ready') return;
          worker.removeEventListener('message', onMessage);
          resolve();
        };
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', (e) => reject(new Error(`the grading worker failed to start: ${e.message}`)), { once: true });
      });
    }
    return this.ready;
  }

  /** Throws the worker away (a hung test); the next run starts a new one. */
  private replace(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  /** Grades the pure stages in the worker; other stages are listed as not run here. */
  grade(request: WorkerGradeRequest): Promise<GradeResult> {
    const limitMs = request.testTimeoutMs ?? WORKER_TEST_TIMEOUT_MS;
    const files = runFiles({ learnerFiles: request.manifest.files, learner: request.learnerFiles, given: request.givenFiles, tests: request.testFiles });
    return gradeInPasses({
      lab: request.lab,
      target: request.target,
      runner: 'worker',
      stages: request.manifest.stages,
      notRun: (stage) => (stage.runsIn === 'pure' ? undefined : notRunStage(stage)),
      runPass: async (stages, onEvent) => {
        await this.warm();
        return this.runPass(
          { type: 'run', files, stages: stages.map((s) => s.id), testTimeoutMs: limitMs },
          limitMs,
          (event) => {
            onEvent(event);
            request.onEvent?.(event);
          },
        );
      },
    });
  }

  private runPass(run: RunRequest, limitMs: number, onEvent: (event: PassEvent) => void): Promise<PassOutcome> {
    const worker = this.worker!;
    return new Promise((resolve) => {
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: PassOutcome) => {
        clearTimeout(watchdog);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(outcome);
      };
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        const message = event.data;
        if (message.kind === 'test-start') {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            this.replace();
            finish({ kind: 'hung', stage: message.stage, name: message.name, limitMs });
          }, limitMs + GRACE_MS);
          return;
        }
        if (message.kind === 'ready') return;
        if (message.kind === 'test-end') clearTimeout(watchdog);
        onEvent(message);
        if (message.kind === 'run-end') finish({ kind: 'done' });
      };
      const onError = (event: ErrorEvent) => {
        this.replace();
        finish({ kind: 'crash', message: event.message || 'the grading worker stopped' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage(run);
    });
  }
}
