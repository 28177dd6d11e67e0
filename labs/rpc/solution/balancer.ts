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
  private readonly ratio: number;
  private readonly windowMs: number;
  private readonly minRetries: number;
  private readonly now: () => number;
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(options: { ratio: number; windowMs: number; minRetries?: number; now: () => number }) {
    this.ratio = options.ratio;
    this.windowMs = options.windowMs;
    this.minRetries = options.minRetries ?? 0;
    this.now = options.now;
  }

  /** Counts a first attempt (not a retry). */
  recordCall(): void {
    this.calls.push(this.now());
  }

  /** True, and the retry counted, if the budget allows one more retry now. */
  tryRetry(): boolean {
    const since = this.now() - this.windowMs;
    this.calls = this.calls.filter((t) => t > since);
    this.retries = this.retries.filter((t) => t > since);
    if (this.retries.length >= this.minRetries + Math.floor(this.ratio * this.calls.length)) return false;
    this.retries.push(this.now());
    return true;
  }
}
