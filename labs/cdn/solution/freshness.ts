/**
 * Stage freshness: whether a shared cache may store a response (RFC 9111 §3)
 * and for how long it stays fresh (§4.2.1, with the heuristic of §4.2.2).
 */
import { field, type HttpRequest, type HttpResponse } from '@impl/http.ts';
import { HEURISTIC_FRACTION, HEURISTICALLY_CACHEABLE, type Lifetime } from '@impl/cache-types.ts';
import { deltaSeconds, parseCacheControl } from './cache-control.ts';
import { parseHttpDate } from './http-date.ts';

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
  const req = parseCacheControl(field(request.headers, 'cache-control'));
  const res = parseCacheControl(field(response.headers, 'cache-control'));
  if (req.has('no-store') || res.has('no-store') || res.has('private')) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (response.status < 200 || response.status === 206 || response.status === 304) return false;
  if (field(request.headers, 'authorization') !== undefined && !(res.has('must-revalidate') || res.has('public') || res.has('s-maxage'))) return false;
  return (
    res.has('public') ||
    res.has('max-age') ||
    res.has('s-maxage') ||
    field(response.headers, 'expires') !== undefined ||
    HEURISTICALLY_CACHEABLE.has(response.status)
  );
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
  const cc = parseCacheControl(field(response.headers, 'cache-control'));
  const explicit = deltaSeconds(cc, 's-maxage') ?? deltaSeconds(cc, 'max-age');
  if (explicit !== undefined) return given(explicit === 'invalid' ? 0 : explicit);
  const date = dateValue(response, responseTime);
  const expiresText = field(response.headers, 'expires');
  if (expiresText !== undefined) {
    // §5.3: an invalid date, "0" above all, means already expired.
    const expires = parseHttpDate(expiresText, responseTime);
    return given(expires === undefined ? 0 : Math.max(0, (expires - date) / 1000));
  }
  const lastModifiedText = field(response.headers, 'last-modified');
  const lastModified = lastModifiedText === undefined ? undefined : parseHttpDate(lastModifiedText, responseTime);
  if (lastModified !== undefined && (HEURISTICALLY_CACHEABLE.has(response.status) || cc.has('public')) && date > lastModified) {
    return { seconds: Math.floor(((date - lastModified) / 1000) * HEURISTIC_FRACTION), heuristic: true };
  }
  return given(0);
}

/** The response's Date in ms, or `responseTime` when it has no valid one. */
export function dateValue(response: HttpResponse, responseTime: number): number {
  const text = field(response.headers, 'date');
  return (text === undefined ? undefined : parseHttpDate(text, responseTime)) ?? responseTime;
}

function given(seconds: number): Lifetime {
  return { seconds, heuristic: false };
}
