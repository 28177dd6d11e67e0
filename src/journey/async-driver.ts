/**
 * Runs a synchronous simulator under asynchronous pieces. Some pieces answer
 * through promises (the TLS client's WebCrypto, the order service's
 * database): their work takes no simulated time, so the driver lets every such
 * job finish before the next event runs. Replies are then scheduled at the
 * simulated time the job started, whatever the real machine's speed, and the
 * same seed gives the same trip.
 */
import type { Simulator } from '../netsim/index.ts';

/**
 * Asynchronous work the simulator must wait for before its next event, and
 * the first failure of any work the trip started, so a piece that throws in
 * a promise stops the trip instead of vanishing as an unhandled rejection.
 */
export class Jobs {
  readonly #pending = new Set<Promise<unknown>>();
  #failure: { error: unknown } | undefined;

  /** Registers `work`, which takes no simulated time; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled: Promise<boolean> = work.then(
      () => this.#pending.delete(settled),
      () => this.#pending.delete(settled),
    );
    this.#pending.add(settled);
    this.watch(work);
    return work;
  }

  /** Notes a failure of `work`, which may wait on the network (so the driver must not wait for it). */
  watch(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      this.#failure ??= { error };
    });
  }

  /** Resolves once no tracked job is left and every continuation they queued has run; throws the first failure. */
  async settle(): Promise<void> {
    for (;;) {
      await macrotask();
      if (this.#failure) throw this.#failure.error;
      if (this.#pending.size === 0) return;
      await Promise.all(this.#pending);
    }
  }
}

/** A turn of the event loop: every queued microtask (promise continuation) runs before it ends. Node's setImmediate skips setTimeout's 1 ms floor. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** Thrown when the network has nothing left to do but `until` has not settled: the trip is stuck. */
export class StalledError extends Error {
  override name = 'StalledError';
}

/** Steps `sim` (waiting for `jobs` between events) until `until` settles; its value, or its error. */
export async function runUntil<T>(sim: Simulator, jobs: Jobs, until: Promise<T>, maxEvents: number): Promise<T> {
  let done = false;
  const outcome = until.finally(() => {
    done = true;
  });
  outcome.catch(() => undefined);
  for (let events = 0; ; events++) {
    await jobs.settle();
    if (done) return outcome;
    if (events >= maxEvents) throw new StalledError(`the trip ran ${maxEvents} events at t=${sim.now} ms without finishing`);
    if (!sim.step()) throw new StalledError(`the network went quiet at t=${sim.now} ms with the trip unfinished`);
  }
}
