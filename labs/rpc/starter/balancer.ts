/**
 * Retries without a storm. So far: the retry budget. (Stage balancer adds the
 * registry, client-side picking and the retry rules.)
 */

/**
 * Retries allowed as a share of the calls made over a sliding window on the
 * injected clock, plus a few always allowed (as gRPC's retry throttling and
 * Finagle's RetryBudget do), so a failing provider is not hammered.
 */
export class RetryBudget {
  constructor(options: { ratio: number; windowMs: number; minRetries?: number; now: () => number }) {}

  /** Counts a first attempt (not a retry). */
  recordCall(): void {
    throw new Error('TODO(balancer): remember when a call was made');
  }

  /** True, and the retry counted, if the budget allows one more retry now. */
  tryRetry(): boolean {
    throw new Error('TODO(balancer): compare the retries in the window with the share of calls');
  }
}
