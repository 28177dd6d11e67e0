/**
 * One grading Web Worker as the page sees it: started once, asked to fetch
 * the packages a lab's tests import, then given one run request at a time.
 */
import type { GraderEvent, PrefetchRequest, RunRequest, WorkerMessage } from '../embedded/protocol.ts';

/** The worker stopped with an error while grading (the page replaces it). */
export class WorkerCrash extends Error {
  override name = 'WorkerCrash';
}

export class GradingWorker {
  private worker: Worker | undefined;
  private stopped = false;
  /** Settles when the worker has loaded Vitest's runner and the transpiler; rejects when it cannot start. */
  readonly ready: Promise<void>;
  /** The run going on, if any: where the worker's events and errors go. */
  private current: { onEvent(event: GraderEvent): void; done(unhandled: string[]): void; crash(message: string): void } | undefined;

  /** `after`: the worker is created once this settles (a second worker waits for the first, so they never load at once). */
  constructor(create: () => Worker, after: Promise<unknown> = Promise.resolve()) {
    this.ready = after
      .catch(() => undefined)
      .then(
        () =>
          new Promise<void>((resolve, reject) => {
            if (this.stopped) return reject(new Error('the grading worker was stopped before it started'));
            const worker = create();
            this.worker = worker;
            worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
              const message = event.data;
              if (message.kind === 'ready') resolve();
              else if (message.kind === 'run-end') this.current?.done(message.unhandled);
              else this.current?.onEvent(message);
            });
            worker.addEventListener('error', (event) => {
              reject(new Error(`the grading worker failed to start: ${event.message}`));
              this.current?.crash(event.message || 'the grading worker stopped');
            });
          }),
      );
    // A worker that cannot start is reported by the run that waits for it.
    this.ready.catch(() => undefined);
  }

  /** Once ready, fetches in the background the packages these files' tests import. */
  prefetch(files: [string, string][]): void {
    this.ready.then(() => this.worker!.postMessage({ type: 'prefetch', files } satisfies PrefetchRequest), () => undefined);
  }

  /** Runs one request, passing on its events; resolves with the errors no test caught, rejects with a WorkerCrash. */
  run(request: RunRequest, onEvent: (event: GraderEvent) => void): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const end = () => (this.current = undefined);
      this.current = {
        onEvent,
        done: (unhandled) => (end(), resolve(unhandled)),
        crash: (message) => (end(), reject(new WorkerCrash(message))),
      };
      this.worker!.postMessage(request);
    });
  }

  terminate(): void {
    this.stopped = true;
    this.current = undefined;
    this.worker?.terminate();
  }
}
