/**
 * Stage age: how old a stored response is (RFC 9111 §4.2.3) and whether it may
 * be reused for a request without asking the origin (§4.2, §4.2.4, §5.2.1).
 */
import type { HttpRequest, HttpResponse } from '@impl/http.ts';
import type { Exchange, Reuse } from '@impl/cache-types.ts';

/**
 * RFC 9111 §4.2.3, in seconds: the larger of the apparent age (`responseTime`
 * − `Date`, never below 0) and the `Age` field plus the time the request
 * spent in flight, plus the time resident in this cache since. An absent or
 * invalid `Age` counts as 0.
 */
export function currentAge(response: HttpResponse, exchange: Exchange, now: number): number {
  throw new Error('TODO(age): apparent age, corrected age, resident time');
}

/**
 * The reuse decision for a stored response of `lifetime` seconds and `age`
 * seconds, in this order: request `no-cache` (or, without Cache-Control,
 * `Pragma: no-cache`, §5.4) and response `no-cache` in any form mean
 * validate; request `max-age` (age above it) and `min-fresh` (less than that
 * much freshness left) mean validate; fresh (lifetime above age) serves;
 * stale is never served when `must-revalidate`, `proxy-revalidate` or
 * `s-maxage` is present (§4.2.4, §5.2.2.10), otherwise only within the
 * request's `max-stale` (any staleness when it has no argument). Request
 * directives with an invalid argument are ignored.
 */
export function reuseDecision(request: HttpRequest, response: HttpResponse, lifetime: number, age: number): Reuse {
  throw new Error('TODO(age): from the strictest rule to the most lenient');
}
