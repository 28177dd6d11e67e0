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

  constructor(backends: readonly string[], who: string) {
    void who;
    this.backends = [...backends];
  }

  /** Picks a backend for a new connection and counts it as open there. */
  connect(): string {
    throw new Error('TODO(least-connections): choose(), then count the connection as open');
  }

  /** A connection to `backend` closed. Throws RangeError for an unknown backend or one with no open connection. */
  close(backend: string): void {
    void backend;
    throw new Error('TODO(least-connections): count the connection as closed');
  }

  /** Open connections on `backend` (0 for an unknown one). */
  connections(backend: string): number {
    void backend;
    throw new Error('TODO(least-connections): open connections on a backend');
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
    throw new Error('TODO(least-connections): the backend with the fewest open connections');
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
  /** Throws RangeError for an empty list or a name listed twice. */
  constructor(backends: readonly string[], random: RandomSource) {
    super(backends, 'PowerOfTwoChoices');
    void random;
  }

  protected choose(): number {
    throw new Error('TODO(least-connections): draw two, keep the less loaded');
  }
}
