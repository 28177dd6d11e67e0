/**
 * The page side of the trip worker: one warm worker, one trip at a time, and
 * a hard time limit: a piece that loops forever is stopped by terminating the
 * worker (nothing inside it can interrupt a synchronous loop), and the next
 * run starts a new one.
 */
import type { PieceId } from '../../journey/pieces.ts';
import type { Trip } from '../../journey/trip.ts';
import type { TripMessage, TripRequest, TripStop } from '../embedded/trip-protocol.ts';

/** How long a trip may take in the browser, PGlite's start included: the reference trip takes a few seconds. */
export const TRIP_LIMIT_MS = 60_000;

/** How a run ended. */
export type TripRunResult = { kind: 'done'; trip: Trip } | { kind: 'failed'; message: string; blamed: PieceId[]; stopped?: TripStop };

export class TripRunner {
  private worker: Worker | undefined;
  private readonly createWorker: () => Worker;

  constructor(createWorker: () => Worker) {
    this.createWorker = createWorker;
  }

  /** Runs one trip; `onProgress` hears what the worker is doing. Never rejects: a crash or the time limit is a failed run that says so. */
  run(request: Omit<TripRequest, 'type'>, options: { limitMs?: number; onProgress?: (text: string) => void } = {}): Promise<TripRunResult> {
    const limitMs = options.limitMs ?? TRIP_LIMIT_MS;
    this.worker ??= this.createWorker();
    const worker = this.worker;
    return new Promise((resolve) => {
      const finish = (result: TripRunResult, replace: boolean) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (replace) {
          worker.terminate();
          if (this.worker === worker) this.worker = undefined;
        }
        resolve(result);
      };
      const timer = setTimeout(
        () =>
          finish(
            { kind: 'failed', message: `The trip did not finish within ${limitMs / 1000} s and was stopped. A piece of yours may loop forever or wait for something that never comes: run that lab's tests on its page.`, blamed: [] },
            true,
          ),
        limitMs,
      );
      const onMessage = (event: MessageEvent<TripMessage>) => {
        const message = event.data;
        if (message.kind === 'progress') options.onProgress?.(message.text);
        if (message.kind === 'done') finish({ kind: 'done', trip: message.trip }, false);
        if (message.kind === 'failed') finish(message, false);
      };
      const onError = (event: ErrorEvent) => finish({ kind: 'failed', message: `The trip's worker stopped: ${event.message || 'it could not start'}`, blamed: [] }, true);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ type: 'trip', ...request } satisfies TripRequest);
    });
  }
}
