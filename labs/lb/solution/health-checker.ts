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

interface BackendState {
  up: boolean;
  successes: number;
  failures: number;
  intervalMs: number;
  nextProbeAt: number;
  probing: boolean;
}

/** Decides when to probe each backend and whether it is up. Every backend starts up, with its first probe due at time 0. */
export class HealthChecker {
  readonly #options: HealthCheckOptions;
  readonly #backends = new Map<string, BackendState>();
  readonly #transitions: HealthTransition[] = [];
  #now = 0;

  /** Throws RangeError for an empty or repeated backend list, or options that are not positive whole numbers (maxIntervalMs ≥ intervalMs). */
  constructor(backends: readonly string[], options: HealthCheckOptions) {
    if (backends.length === 0) throw new RangeError('HealthChecker: needs at least one backend');
    if (new Set(backends).size !== backends.length) throw new RangeError('HealthChecker: a backend is listed twice');
    for (const field of ['intervalMs', 'rise', 'fall', 'maxIntervalMs'] as const) {
      const value = options[field];
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`HealthChecker: ${field} is ${value}; expected a whole number ≥ 1`);
    }
    if (options.maxIntervalMs < options.intervalMs) throw new RangeError('HealthChecker: maxIntervalMs is smaller than intervalMs');
    this.#options = { ...options };
    for (const b of backends) {
      this.#backends.set(b, { up: true, successes: 0, failures: 0, intervalMs: options.intervalMs, nextProbeAt: 0, probing: false });
    }
  }

  /** Simulated time, in ms since construction. */
  get now(): number {
    return this.#now;
  }

  /** Moves simulated time forward by `ms` (≥ 0). */
  tick(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`tick: ${ms} ms; expected a number ≥ 0`);
    this.#now += ms;
  }

  /**
   * The backends whose probe is due now (next probe time ≤ now) and not
   * already out, in the order they were listed; each is marked as probing
   * until its result comes back through `report`.
   */
  takeProbes(): string[] {
    const due: string[] = [];
    for (const [name, state] of this.#backends) {
      if (!state.probing && state.nextProbeAt <= this.#now) {
        state.probing = true;
        due.push(name);
      }
    }
    return due;
  }

  /**
   * A probe's result arrived now. Counts it toward rise or fall, flips the
   * state when a count is reached, and schedules the next probe: `interval`
   * after this result, doubled after each failure while down (up to
   * maxIntervalMs), back to `interval` after a success. Throws RangeError for
   * an unknown backend or one with no probe out.
   */
  report(backend: string, ok: boolean): void {
    const state = this.#backends.get(backend);
    if (state === undefined) throw new RangeError(`report: unknown backend "${backend}"`);
    if (!state.probing) throw new RangeError(`report: no probe of "${backend}" is out`);
    state.probing = false;
    const { intervalMs, rise, fall, maxIntervalMs } = this.#options;
    if (ok) {
      state.successes++;
      state.failures = 0;
      state.intervalMs = intervalMs;
      if (!state.up && state.successes >= rise) this.#flip(backend, state, true);
    } else {
      state.failures++;
      state.successes = 0;
      if (state.up && state.failures >= fall) this.#flip(backend, state, false);
      else if (!state.up) state.intervalMs = Math.min(state.intervalMs * 2, maxIntervalMs);
    }
    state.nextProbeAt = this.#now + state.intervalMs;
  }

  /** Whether `backend` is up. Throws RangeError for an unknown backend. */
  isUp(backend: string): boolean {
    const state = this.#backends.get(backend);
    if (state === undefined) throw new RangeError(`isUp: unknown backend "${backend}"`);
    return state.up;
  }

  /** The backends that are up, in the order they were listed. */
  healthy(): string[] {
    return [...this.#backends].filter(([, s]) => s.up).map(([name]) => name);
  }

  /** Every change of state so far, oldest first. */
  transitions(): readonly HealthTransition[] {
    return this.#transitions;
  }

  #flip(backend: string, state: BackendState, up: boolean): void {
    state.up = up;
    state.successes = 0;
    state.failures = 0;
    this.#transitions.push({ backend, up, at: this.#now });
  }
}
