/**
 * Stage age: how old a stored response is (RFC 9111 §4.2.3) and whether it may
 * be reused for a request without asking the origin (§4.2, §4.2.4, §5.2.1).
 */
import { field, type HttpRequest, type HttpResponse } from '@impl/http.ts';
import type { Exchange, Reuse } from '@impl/cache-types.ts';
import { deltaSeconds, parseCacheControl } from './cache-control.ts';
import { dateValue } from './freshness.ts';

/**
 * RFC 9111 §4.2.3, in seconds: the larger of the apparent age (`responseTime`
 * − `Date`, never below 0) and the `Age` field plus the time the request
 * spent in flight, plus the time resident in this cache since. An absent or
 * invalid `Age` counts as 0.
 */
export function currentAge(response: HttpResponse, exchange: Exchange, now: number): number {
  const ageText = field(response.headers, 'age');
  const ageValue = ageText !== undefined && /^[0-9]+$/.test(ageText.trim()) ? Number(ageText.trim()) : 0;
  const apparentAge = Math.max(0, exchange.responseTime - dateValue(response, exchange.responseTime)) / 1000;
  const responseDelay = (exchange.responseTime - exchange.requestTime) / 1000;
  const correctedAgeValue = ageValue + responseDelay;
  const correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
  const residentTime = (now - exchange.responseTime) / 1000;
  return correctedInitialAge + residentTime;
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
  const reqText = field(request.headers, 'cache-control');
  const req = parseCacheControl(reqText);
  const res = parseCacheControl(field(response.headers, 'cache-control'));
  if (req.has('no-cache') || (reqText === undefined && /(^|,)\s*no-cache\s*(,|$)/i.test(field(request.headers, 'pragma') ?? ''))) return 'validate';
  if (res.has('no-cache')) return 'validate';
  const maxAge = valid(deltaSeconds(req, 'max-age'));
  if (maxAge !== undefined && age > maxAge) return 'validate';
  const minFresh = valid(deltaSeconds(req, 'min-fresh'));
  if (minFresh !== undefined && lifetime - age < minFresh) return 'validate';
  if (lifetime > age) return 'fresh';
  if (res.has('must-revalidate') || res.has('proxy-revalidate') || res.has('s-maxage')) return 'validate';
  if (req.get('max-stale') === true) return 'stale-ok';
  const maxStale = valid(deltaSeconds(req, 'max-stale'));
  return maxStale !== undefined && age - lifetime <= maxStale ? 'stale-ok' : 'validate';
}

function valid(seconds: number | 'invalid' | undefined): number | undefined {
  return seconds === 'invalid' ? undefined : seconds;
}
