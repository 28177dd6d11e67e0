/**
 * Stage health: an active health checker in simulated time, as HAProxy's
 * `check inter … rise … fall …` and keepalived's checkers work. A backend
 * flips to down only after `fall` failed probes in a row and back to up only
 * after `rise` good ones, so one lost probe does not empty a pool and one
 * lucky answer does not refill it. While a backend is down, the gap between
 * its probes doubles after each failure up to a ceiling (backoff), so a dead
 * server is not hammered; it goes back to the normal interval on success.
 */
import type { HealthCheckOptions, HealthTransition } from '@impl/health-types.ts';

/** Decides when to probe each backend and whether it is up. Every backend starts up, with its first probe due at time 0. */
export class HealthChecker {
  /** Throws RangeError for an empty or repeated backend list, or options that are not positive whole numbers (maxIntervalMs ≥ intervalMs). */
  constructor(backends: readonly string[], options: HealthCheckOptions) {
    void backends;
    void options;
  }

  /** Simulated time, in ms since construction. */
  get now(): number {
    throw new Error('TODO(health): the sum of the ticks');
  }

  /** Moves simulated time forward by `ms` (≥ 0). */
  tick(ms: number): void {
    void ms;
    throw new Error('TODO(health): advance the clock');
  }

  /**
   * The backends whose probe is due now (next probe time ≤ now) and not
   * already out, in the order they were listed; each is marked as probing
   * until its result comes back through `report`.
   */
  takeProbes(): string[] {
    throw new Error('TODO(health): the probes due now');
  }

  /**
   * A probe's result arrived now. Counts it toward rise or fall, flips the
   * state when a count is reached, and schedules the next probe: `interval`
   * after this result, doubled after each failure while down (up to
   * maxIntervalMs), back to `interval` after a success. Throws RangeError for
   * an unknown backend or one with no probe out.
   */
  report(backend: string, ok: boolean): void {
    void backend;
    void ok;
    throw new Error('TODO(health): count, flip, schedule');
  }

  /** Whether `backend` is up. Throws RangeError for an unknown backend. */
  isUp(backend: string): boolean {
    void backend;
    throw new Error('TODO(health): up or down');
  }

  /** The backends that are up, in the order they were listed. */
  healthy(): string[] {
    throw new Error('TODO(health): the backends that are up');
  }

  /** Every change of state so far, oldest first. */
  transitions(): readonly HealthTransition[] {
    throw new Error('TODO(health): the transitions');
  }
}
