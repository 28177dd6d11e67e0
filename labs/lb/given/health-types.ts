/** The health checker's options and the state changes it reports (HAProxy's inter, rise and fall). */

/** How often and how strictly to probe. */
export interface HealthCheckOptions {
  /** Probe interval for a backend that is up, and for a down one right after a success, in ms. */
  intervalMs: number;
  /** Consecutive successes that bring a down backend up. */
  rise: number;
  /** Consecutive failures that take an up backend down. */
  fall: number;
  /** Ceiling of the doubled interval while a backend is down, in ms. */
  maxIntervalMs: number;
}

/** A change of state, as it happened. */
export interface HealthTransition {
  backend: string;
  up: boolean;
  /** Simulated time of the probe result that caused it, in ms. */
  at: number;
}
