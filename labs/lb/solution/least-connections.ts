/**
 * Stage least-connections: pickers that look at load. Least connections
 * (LVS's lc, HAProxy's leastconn) scans every backend for the fewest open
 * connections; power of two choices (Mitzenmacher, 2001; Nginx's
 * `random two least_conn`) samples two at random and takes the less loaded,
 * which is nearly as even and needs no global scan. Randomness is injected.
 */

/** A source of uniform random numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** Open-connection bookkeeping both pickers share. */
abstract class ConnectionCounter {
  protected readonly backends: string[];
  /** Open connections on each backend, by its index in `backends`: a pick reads an array, not a Map. */
  protected readonly open: number[];
  readonly #index: Map<string, number>;

  constructor(backends: readonly string[], who: string) {
    if (backends.length === 0) throw new RangeError(`${who}: needs at least one backend`);
    this.backends = [...backends];
    this.open = this.backends.map(() => 0);
    this.#index = new Map(this.backends.map((b, i) => [b, i]));
    if (this.#index.size < this.backends.length) throw new RangeError(`${who}: a backend is listed twice`);
  }

  /** Picks a backend for a new connection and counts it as open there. */
  connect(): string {
    const i = this.choose();
    this.open[i]!++;
    return this.backends[i]!;
  }

  /** A connection to `backend` closed. Throws RangeError for an unknown backend or one with no open connection. */
  close(backend: string): void {
    const i = this.#index.get(backend);
    if (i === undefined) throw new RangeError(`close: unknown backend "${backend}"`);
    if (this.open[i] === 0) throw new RangeError(`close: backend "${backend}" has no open connection`);
    this.open[i]!--;
  }

  /** Open connections on `backend` (0 for an unknown one). */
  connections(backend: string): number {
    const i = this.#index.get(backend);
    return i === undefined ? 0 : this.open[i]!;
  }

  /** The index in `backends` of the backend for a new connection. */
  protected abstract choose(): number;
}

/** The backend with the fewest open connections; on a tie, the first listed. */
export class LeastConnections extends ConnectionCounter {
  /** Throws RangeError for an empty list or a name listed twice. */
  constructor(backends: readonly string[]) {
    super(backends, 'LeastConnections');
  }

  protected choose(): number {
    let best = 0;
    for (let i = 1; i < this.open.length; i++) if (this.open[i]! < this.open[best]!) best = i;
    return best;
  }
}

/**
 * Two distinct backends drawn uniformly at random, the one with fewer open
 * connections wins (the first drawn on a tie). Draws exactly two numbers from
 * `random` per pick when there are two or more backends: the first index is
 * ⌊r1 · n⌋, the second is ⌊r2 · (n − 1)⌋ + 1 places after the first,
 * wrapping around, so the two always differ.
 */
export class PowerOfTwoChoices extends ConnectionCounter {
  readonly #random: RandomSource;

  /** Throws RangeError for an empty list or a name listed twice. */
  constructor(backends: readonly string[], random: RandomSource) {
    super(backends, 'PowerOfTwoChoices');
    this.#random = random;
  }

  protected choose(): number {
    const n = this.backends.length;
    if (n === 1) return 0;
    const first = Math.floor(this.#random() * n);
    const second = (first + 1 + Math.floor(this.#random() * (n - 1))) % n;
    return this.open[second]! < this.open[first]! ? second : first;
  }
}
