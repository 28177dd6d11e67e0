/** The consistent-hash ring's points, backends and options (ketama's defaults). */

/** A point on the ring: a 32-bit position and the backend it belongs to. */
export interface RingPoint {
  position: number;
  backend: string;
}

/** A backend and its weight (a positive number). */
export interface RingBackend {
  name: string;
  weight: number;
}

/** Ring options; the defaults are ketama's and hashring's. */
export interface RingOptions {
  /** Digests per backend of average weight: each gives four points. Default 40 (160 points). */
  vnodes?: number;
}
