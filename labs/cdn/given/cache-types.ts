/**
 * What the HTTP cache (RFC 9111) reasons with: Cache-Control directives,
 * freshness lifetimes, a stored exchange and what reusing it means, and the
 * answer of a cache lookup.
 */

/** Directives by lower-case name: the argument's text, or `true` for a directive without one. */
export type Directives = ReadonlyMap<string, string | true>;

/** RFC 9111 §1.2.2: a cache must treat a larger delta-seconds as 2^31. */
export const MAX_DELTA_SECONDS = 2 ** 31;

/** RFC 9110 §15.1: status codes a cache may store and reuse heuristically. */
export const HEURISTICALLY_CACHEABLE = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

/** RFC 9111 §4.2.2: "typically" 10 % of the time since the last modification. */
export const HEURISTIC_FRACTION = 0.1;

/** A freshness lifetime in seconds, and whether it was guessed (§4.2.2) rather than given. */
export interface Lifetime {
  readonly seconds: number;
  readonly heuristic: boolean;
}

/** When the cache sent the request that brought a response, and when the response arrived (ms). */
export interface Exchange {
  readonly requestTime: number;
  readonly responseTime: number;
}

/** What the cache may do with a stored response for a request. */
export type Reuse =
  /** Fresh, and the request accepts it: serve it. */
  | 'fresh'
  /** Stale, but the request's `max-stale` accepts it and nothing forbids serving it stale: serve it. */
  | 'stale-ok'
  /** Ask the origin first (a conditional request when the response has validators). */
  | 'validate';
