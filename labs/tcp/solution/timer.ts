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
  #rto: number;
  #elapsed = 0;
  #running = false;

  constructor(initialRtoMs: number) {
    this.initialRtoMs = initialRtoMs;
    this.#rto = initialRtoMs;
  }

  /** The current retransmission timeout in ms. */
  get rtoMs(): number {
    return this.#rto;
  }

  /** True between `start` and `stop` (or expiry). */
  get running(): boolean {
    return this.#running;
  }

  /** Starts (or restarts) the countdown from zero with the current RTO. */
  start(): void {
    this.#running = true;
    this.#elapsed = 0;
  }

  /** Stops the countdown (RFC 6298 §5.2: when all outstanding data is acknowledged). */
  stop(): void {
    this.#running = false;
    this.#elapsed = 0;
  }

  /** Lets `ms` pass; returns true when this made a running timer reach its RTO (it then stops). */
  tick(ms: number): boolean {
    if (!this.#running) return false;
    this.#elapsed += ms;
    if (this.#elapsed < this.#rto) return false;
    this.#running = false;
    this.#elapsed = 0;
    return true;
  }

  /** Doubles the RTO: exponential backoff after a timeout (RFC 6298 §5.5). */
  doubleRto(): void {
    this.#rto *= 2;
  }

  /**
   * Returns the RTO to its initial value when new data is acknowledged. RFC 6298 §5 lets a
   * fresh RTT measurement "collapse" a backed-off RTO; without RTT measurement, this lab
   * (like CS144) goes back to the initial RTO instead.
   */
  resetRto(): void {
    this.#rto = this.initialRtoMs;
  }
}
