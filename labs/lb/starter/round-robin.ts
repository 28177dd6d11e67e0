/**
 * Stage round-robin: the two pickers a balancer uses when it knows nothing
 * about load — plain round robin, and Nginx's smooth weighted round robin
 * (ngx_http_upstream_round_robin.c, ngx_http_upstream_get_peer), which
 * interleaves heavy and light backends instead of sending a weight's worth
 * of requests to one backend in a row.
 */

/** A backend and its weight (a positive whole number). */
export interface WeightedBackend {
  name: string;
  weight: number;
}

/** Hands out backends in turn: a, b, c, a, b, c, … */
export class RoundRobin {
  /** Throws RangeError for an empty list. */
  constructor(backends: readonly string[]) {
    void backends;
    throw new Error('TODO(round-robin): keep the backends and where the turn is');
  }

  /** The next backend in turn. */
  pick(): string {
    throw new Error('TODO(round-robin): return the backend whose turn it is and move the turn on');
  }
}

/**
 * Nginx's smooth weighted round robin. Each backend keeps a current weight;
 * on every pick each one's current weight grows by its weight, the largest
 * current weight wins (the first listed on a tie), and the winner's current
 * weight drops by the total. Over one cycle of `total` picks each backend is
 * chosen exactly `weight` times, spread out: weights 5, 1, 1 give
 * a a b a c a a.
 */
export class SmoothWeightedRoundRobin {
  /** Throws RangeError for an empty list or a weight that is not a positive whole number. */
  constructor(backends: readonly WeightedBackend[]) {
    void backends;
    throw new Error('TODO(round-robin): check the weights and start every current weight at 0');
  }

  /** The next backend. */
  pick(): string {
    throw new Error('TODO(round-robin): raise, choose, lower');
  }
}
