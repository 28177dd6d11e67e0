/**
 * The retransmission timer of RFC 6298 §5, driven by an injected clock: the owner
 * calls `tick(ms)` with the time that passed, and the timer says when it expired.
 * The timeout (RTO) starts at an initial value, doubles on each expiry (exponential
 * backoff, §5.5) and returns to the initial value when new data is acknowledged.
 * This lab keeps the RTO fixed between those events; real stacks also measure the
 * round-trip time to set it (§2), which is left out here as in CS144.
 */

/** A one-shot countdown of the current RTO, with backoff. */
export class RetransmissionTimer {
  /** The RTO the timer returns to on `resetRto` (RFC 6298 §2.1 recommends 1 s). */
  readonly initialRtoMs: number;

  constructor(initialRtoMs: number) {
    this.initialRtoMs = initialRtoMs;
  }

  /** The current retransmission timeout in ms (initialRtoMs until doubled). */
  get rtoMs(): number {
    throw new Error('TODO(sender): the current RTO');
  }

  /** True between `start` and `stop` (or expiry); a new timer is stopped. */
  get running(): boolean {
    throw new Error('TODO(sender): is the countdown running?');
  }

  /** Starts (or restarts) the countdown from zero with the current RTO. */
  start(): void {
    throw new Error('TODO(sender): running, elapsed = 0');
  }

  /** Stops the countdown (RFC 6298 §5.2: when all outstanding data is acknowledged). */
  stop(): void {
    throw new Error('TODO(sender): not running');
  }

  /**
   * Lets `ms` pass. Returns true when this makes a running timer reach its RTO
   * (elapsed ≥ RTO); the timer is then stopped. A stopped timer ignores ticks.
   */
  tick(ms: number): boolean {
    throw new Error('TODO(sender): add ms to the elapsed time; expired when it reaches the RTO');
  }

  /** Doubles the RTO: exponential backoff after a timeout (RFC 6298 §5.5). */
  doubleRto(): void {
    throw new Error('TODO(sender): RTO × 2');
  }

  /**
   * Returns the RTO to its initial value when new data is acknowledged. RFC 6298 §5 lets a
   * fresh RTT measurement "collapse" a backed-off RTO; without RTT measurement, this lab
   * (like CS144) goes back to the initial RTO instead.
   */
  resetRto(): void {
    throw new Error('TODO(sender): RTO = initialRtoMs');
  }
}
