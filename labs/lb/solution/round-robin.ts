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

function requireBackends(backends: readonly unknown[], who: string): void {
  if (backends.length === 0) throw new RangeError(`${who}: needs at least one backend`);
}

/** Hands out backends in turn: a, b, c, a, b, c, … */
export class RoundRobin {
  readonly #backends: string[];
  #next = 0;

  /** Throws RangeError for an empty list. */
  constructor(backends: readonly string[]) {
    requireBackends(backends, 'RoundRobin');
    this.#backends = [...backends];
  }

  /** The next backend in turn. */
  pick(): string {
    const backend = this.#backends[this.#next]!;
    this.#next = (this.#next + 1) % this.#backends.length;
    return backend;
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
  readonly #backends: WeightedBackend[];
  readonly #current: number[];
  readonly #total: number;

  /** Throws RangeError for an empty list or a weight that is not a positive whole number. */
  constructor(backends: readonly WeightedBackend[]) {
    requireBackends(backends, 'SmoothWeightedRoundRobin');
    for (const { name, weight } of backends) {
      if (!Number.isInteger(weight) || weight < 1) throw new RangeError(`SmoothWeightedRoundRobin: backend "${name}" has weight ${weight}; expected a whole number ≥ 1`);
    }
    this.#backends = backends.map((b) => ({ ...b }));
    this.#current = backends.map(() => 0);
    this.#total = backends.reduce((sum, b) => sum + b.weight, 0);
  }

  /** The next backend. */
  pick(): string {
    let best = 0;
    for (let i = 0; i < this.#backends.length; i++) {
      this.#current[i]! += this.#backends[i]!.weight;
      if (this.#current[i]! > this.#current[best]!) best = i;
    }
    this.#current[best]! -= this.#total;
    return this.#backends[best]!.name;
  }
}
