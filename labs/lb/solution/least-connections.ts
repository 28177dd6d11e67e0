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
  protected readonly open: Map<string, number>;

  constructor(backends: readonly string[], who: string) {
    if (backends.length === 0) throw new RangeError(`${who}: needs at least one backend`);
    this.backends = [...backends];
    this.open = new Map(backends.map((b) => [b, 0]));
  }

  /** Picks a backend for a new connection and counts it as open there. */
  connect(): string {
    const backend = this.choose();
    this.open.set(backend, this.open.get(backend)! + 1);
    return backend;
  }

  /** A connection to `backend` closed. Throws RangeError for an unknown backend or one with no open connection. */
  close(backend: string): void {
    const count = this.open.get(backend);
    if (count === undefined) throw new RangeError(`close: unknown backend "${backend}"`);
    if (count === 0) throw new RangeError(`close: backend "${backend}" has no open connection`);
    this.open.set(backend, count - 1);
  }

  /** Open connections on `backend` (0 for an unknown one). */
  connections(backend: string): number {
    return this.open.get(backend) ?? 0;
  }

  protected abstract choose(): string;
}

/** The backend with the fewest open connections; on a tie, the first listed. */
export class LeastConnections extends ConnectionCounter {
  /** Throws RangeError for an empty list. */
  constructor(backends: readonly string[]) {
    super(backends, 'LeastConnections');
  }

  protected choose(): string {
    let best = this.backends[0]!;
    for (const backend of this.backends) if (this.open.get(backend)! < this.open.get(best)!) best = backend;
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

  /** Throws RangeError for an empty list. */
  constructor(backends: readonly string[], random: RandomSource) {
    super(backends, 'PowerOfTwoChoices');
    this.#random = random;
  }

  protected choose(): string {
    const n = this.backends.length;
    if (n === 1) return this.backends[0]!;
    const first = Math.floor(this.#random() * n);
    const second = (first + 1 + Math.floor(this.#random() * (n - 1))) % n;
    const a = this.backends[first]!;
    const b = this.backends[second]!;
    return this.open.get(b)! < this.open.get(a)! ? b : a;
  }
}
