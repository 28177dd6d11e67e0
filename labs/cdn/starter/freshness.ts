/**
 * Stage freshness: whether a shared cache may store a response (RFC 9111 §3)
 * and for how long it stays fresh (§4.2.1, with the heuristic of §4.2.2).
 */
import type { HttpRequest, HttpResponse } from '@impl/http.ts';
import { HEURISTIC_FRACTION, HEURISTICALLY_CACHEABLE, type Lifetime } from '@impl/cache-types.ts';

/**
 * RFC 9111 §3, for a shared cache: the method is GET or HEAD; the status is
 * final and neither 206 nor 304 (this cache stores neither partial content
 * nor a bare 304); no `no-store` in the request or the response; no `private`;
 * a request with Authorization only when `must-revalidate`, `public` or
 * `s-maxage` allows it (§3.5); and the response says how long it may be kept
 * (`public`, `Expires`, `max-age`, `s-maxage`) or has a heuristically
 * cacheable status.
 */
export function isStorable(request: HttpRequest, response: HttpResponse): boolean {
  throw new Error('TODO(freshness): the conditions of RFC 9111 §3');
}

/**
 * RFC 9111 §4.2.1 for a shared cache: `s-maxage`, else `max-age`, else
 * `Expires` − `Date`; an invalid value of the one that applies means already
 * stale (0). Without any, §4.2.2's heuristic for a heuristically cacheable
 * status or a `public` response: 10 % of `Date` − `Last-Modified`, in whole
 * seconds rounded down. `Date` is the response's own, or `responseTime` (ms)
 * when it has none or an invalid one.
 */
export function freshnessLifetime(response: HttpResponse, responseTime: number): Lifetime {
  throw new Error('TODO(freshness): s-maxage, max-age, Expires, then the heuristic');
}

/** The response's Date in ms, or `responseTime` when it has no valid one. */
export function dateValue(response: HttpResponse, responseTime: number): number {
  throw new Error('TODO(freshness): the Date field, or the response time');
}
