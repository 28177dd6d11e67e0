/**
 * Stage freshness: RFC 9111 §3 (storing), §4.2.1–4.2.2 (freshness lifetime)
 * and RFC 9110 §5.6.7 (HTTP dates). Expected values are worked out by hand
 * from the RFC text; dates are checked against Date.UTC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '@impl/http.ts';
import { freshnessLifetime, isStorable } from '@impl/freshness.ts';
import { parseHttpDate } from '@impl/http-date.ts';
import { T0, get, httpDate, ok, withStatus } from './fixtures/messages.ts';

const RFC_EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('HTTP dates (RFC 9110 §5.6.7)', () => {
  it('every long day name of RFC 850 is accepted', () => {
    const days = ['Monday, 12-Jan-26', 'Tuesday, 13-Jan-26', 'Wednesday, 14-Jan-26', 'Thursday, 15-Jan-26', 'Friday, 16-Jan-26', 'Saturday, 17-Jan-26', 'Sunday, 18-Jan-26'];
    for (const [i, day] of days.entries()) expect(parseHttpDate(`${day} 12:00:00 GMT`, T0), day).toBe(T0 + (i - 3) * 86_400_000);
  });

  it('a date with anything before or after it is not a date', () => {
    for (const text of ['xSun, 06 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 GMTx', 'xSunday, 06-Nov-94 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMTx', 'xSun Nov  6 08:49:37 1994', 'Sun Nov  6 08:49:37 19945']) {
      expect(parseHttpDate(text, T0), text).toBeUndefined();
    }
  });

  it('reads the preferred IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', T0)).toBe(RFC_EXAMPLE);
  });

  it('reads the obsolete RFC 850 format', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', T0)).toBe(RFC_EXAMPLE);
  });

  it("reads C's asctime() format, with the day padded by a space", () => {
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', T0)).toBe(RFC_EXAMPLE);
    expect(parseHttpDate('Thu Jan 15 12:00:00 2026', T0)).toBe(T0);
  });

  it('a two-digit year more than 50 years in the future is in the past century', () => {
    // Seen in 2026: 76 would be 2076, exactly 50 years ahead, so it stays; 77 is 1977.
    expect(parseHttpDate('Sunday, 06-Nov-76 08:49:37 GMT', T0)).toBe(Date.UTC(2076, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Saturday, 06-Nov-77 08:49:37 GMT', T0)).toBe(Date.UTC(1977, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Thursday, 15-Jan-26 12:00:00 GMT', T0)).toBe(T0);
  });

  it('the century comes from the clock it is given, not from today', () => {
    // Seen in 2040, 80 is 2080 (40 years ahead); seen in 2026 it would be 1980.
    const in2040 = Date.UTC(2040, 0, 1);
    expect(parseHttpDate('Wednesday, 06-Nov-80 08:49:37 GMT', in2040)).toBe(Date.UTC(2080, 10, 6, 8, 49, 37));
  });

  it('round-trips every second of a century written as IMF-fixdate', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1) / 1000, max: Date.UTC(2069, 11, 31) / 1000 }), (s) => {
        expect(parseHttpDate(new Date(s * 1000).toUTCString(), T0)).toBe(s * 1000);
      }),
    );
  });

  it('rejects anything else: "0", other zones, lower case, a day that does not exist, fields out of range', () => {
    for (const text of [
      '0',
      '',
      '-1',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'Sun, 06 Nov 1994 08:49:37 +0000',
      'sun, 06 nov 1994 08:49:37 GMT',
      'Sun, 6 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 94 08:49:37 GMT',
      'Mon, 31 Feb 2025 00:00:00 GMT',
      'Sun, 00 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 23:60:00 GMT',
      'Sun, 06 Nov 1994 23:59:61 GMT',
      'Sun, 06 Xyz 1994 08:49:37 GMT',
      'Xyz, 06 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMT ',
      'Sun, 06-Nov-94 08:49:37 GMT',
      'Funday, 06-Nov-94 08:49:37 GMT',
      'Sun Nov 6 08:49:37 1994',
      'Sun Nov  6 08:49:37 94',
      '1994-11-06T08:49:37Z',
    ]) {
      expect(parseHttpDate(text, T0), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('accepts a leap second (second 60)', () => {
    expect(parseHttpDate('Wed, 31 Dec 2016 23:59:60 GMT', T0)).toBe(Date.UTC(2017, 0, 1));
  });
});

describe('what a shared cache may store (RFC 9111 §3)', () => {
  it('a 200 to a GET is storable by default: its status is heuristically cacheable', () => {
    expect(isStorable(get(), ok())).toBe(true);
  });

  it('HEAD is storable; POST, PUT, DELETE are not', () => {
    expect(isStorable({ ...get(), method: 'HEAD' }, ok())).toBe(true);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(isStorable({ ...get(), method }, ok({ 'cache-control': 'max-age=60' })), method).toBe(false);
  });

  it('no-store in the response or the request forbids storing (§5.2.2.5, §5.2.1.5)', () => {
    expect(isStorable(get(), ok({ 'cache-control': 'max-age=60, no-store' }))).toBe(false);
    expect(isStorable(get({ 'cache-control': 'no-store' }), ok({ 'cache-control': 'max-age=60' }))).toBe(false);
  });

  it('private forbids a shared cache to store, in either form (§5.2.2.7)', () => {
    expect(isStorable(get(), ok({ 'cache-control': 'private, max-age=60' }))).toBe(false);
    expect(isStorable(get(), ok({ 'cache-control': 'max-age=60, private="set-cookie"' }))).toBe(false);
  });

  it('no-cache does not forbid storing: it forbids reuse without validation (§5.2.2.4)', () => {
    expect(isStorable(get(), ok({ 'cache-control': 'no-cache' }))).toBe(true);
  });

  it('statuses that are not heuristically cacheable need explicit freshness or public', () => {
    expect(isStorable(get(), withStatus(302))).toBe(false);
    expect(isStorable(get(), withStatus(500))).toBe(false);
    expect(isStorable(get(), withStatus(302, { 'cache-control': 'max-age=60' }))).toBe(true);
    expect(isStorable(get(), withStatus(503, { 'cache-control': 's-maxage=5' }))).toBe(true);
    expect(isStorable(get(), withStatus(307, { expires: httpDate(60) }))).toBe(true);
    expect(isStorable(get(), withStatus(303, { 'cache-control': 'public' }))).toBe(true);
  });

  it('an Expires field allows storing even when its date is invalid (§3 only asks that it be present)', () => {
    expect(isStorable(get(), withStatus(302, { expires: '0' }))).toBe(true);
  });

  it('every heuristically cacheable status of RFC 9110 §15.1 except 206 is storable with no directives', () => {
    for (const status of [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]) expect(isStorable(get(), withStatus(status)), String(status)).toBe(true);
    for (const status of [201, 202, 302, 303, 307, 400, 401, 403, 500, 502, 503, 504]) expect(isStorable(get(), withStatus(status)), String(status)).toBe(false);
  });

  it('never stores an interim response, a partial response or a bare 304', () => {
    for (const status of [100, 103, 206, 304]) expect(isStorable(get(), withStatus(status, { 'cache-control': 'public, max-age=60' })), String(status)).toBe(false);
  });

  it('a request with Authorization only with must-revalidate, public or s-maxage (§3.5)', () => {
    const authorized: HttpRequest = get({ authorization: 'Bearer abc' });
    expect(isStorable(authorized, ok({ 'cache-control': 'max-age=60' }))).toBe(false);
    expect(isStorable(authorized, ok())).toBe(false);
    expect(isStorable(authorized, ok({ 'cache-control': 'max-age=60, must-revalidate' }))).toBe(true);
    expect(isStorable(authorized, ok({ 'cache-control': 'public' }))).toBe(true);
    expect(isStorable(authorized, ok({ 'cache-control': 's-maxage=60' }))).toBe(true);
  });

  it('reads Cache-Control directives in any case', () => {
    expect(isStorable(get(), ok({ 'cache-control': 'No-Store' }))).toBe(false);
    expect(isStorable(get({ 'cache-control': 'NO-STORE' }), ok())).toBe(false);
  });
});

describe('freshness lifetime (RFC 9111 §4.2.1)', () => {
  const lifetime = (headers: Record<string, string>, status = 200) => freshnessLifetime(withStatus(status, headers), T0);

  it('s-maxage wins over max-age in a shared cache, and max-age over Expires', () => {
    expect(lifetime({ 'cache-control': 'max-age=60, s-maxage=300', expires: httpDate(3600) })).toEqual({ seconds: 300, heuristic: false });
    expect(lifetime({ 'cache-control': 'max-age=60', expires: httpDate(3600) })).toEqual({ seconds: 60, heuristic: false });
  });

  it('Expires counts from the Date field, not from the time it arrived', () => {
    expect(freshnessLifetime(withStatus(200, { date: httpDate(-100), expires: httpDate(200) }), T0)).toEqual({ seconds: 300, heuristic: false });
  });

  it('without a valid Date, Expires counts from the response time', () => {
    expect(freshnessLifetime({ status: 200, headers: { expires: httpDate(120) }, body: '' }, T0)).toEqual({ seconds: 120, heuristic: false });
    expect(freshnessLifetime({ status: 200, headers: { date: 'yesterday', expires: httpDate(90) }, body: '' }, T0)).toEqual({ seconds: 90, heuristic: false });
  });

  it('Expires in any of the three date formats', () => {
    expect(lifetime({ expires: 'Thursday, 15-Jan-26 12:10:00 GMT' })).toEqual({ seconds: 600, heuristic: false });
    expect(lifetime({ expires: 'Thu Jan 15 13:00:00 2026' })).toEqual({ seconds: 3600, heuristic: false });
  });

  it('an Expires before Date, or an invalid one such as "0", means already stale (§5.3)', () => {
    expect(lifetime({ expires: httpDate(-60) })).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ expires: '0', 'last-modified': httpDate(-100000) })).toEqual({ seconds: 0, heuristic: false });
  });

  it('an invalid max-age means stale, without falling back to Expires (§4.2.1)', () => {
    expect(lifetime({ 'cache-control': 'max-age=ten', expires: httpDate(3600) })).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'cache-control': 's-maxage=-1, max-age=60' })).toEqual({ seconds: 0, heuristic: false });
  });

  it('a quoted max-age counts, and a repeated one counts once, the first', () => {
    expect(lifetime({ 'cache-control': 'max-age="45", max-age=900' })).toEqual({ seconds: 45, heuristic: false });
  });

  it('no-cache does not shorten the lifetime: reuse is decided elsewhere', () => {
    expect(lifetime({ 'cache-control': 'no-cache, max-age=60' })).toEqual({ seconds: 60, heuristic: false });
  });
});

describe('heuristic freshness (RFC 9111 §4.2.2)', () => {
  const lifetime = (headers: Record<string, string>, status = 200) => freshnessLifetime(withStatus(status, headers), T0);

  it('is 10 % of the time since Last-Modified, whole seconds rounded down', () => {
    expect(lifetime({ 'last-modified': httpDate(-86400) })).toEqual({ seconds: 8640, heuristic: true });
    expect(lifetime({ 'last-modified': httpDate(-99) })).toEqual({ seconds: 9, heuristic: true });
  });

  it('measures from Date, not from the response time', () => {
    expect(freshnessLifetime(withStatus(200, { date: httpDate(-1000), 'last-modified': httpDate(-2000) }), T0)).toEqual({ seconds: 100, heuristic: true });
  });

  it('only for heuristically cacheable statuses, or with public', () => {
    expect(lifetime({ 'last-modified': httpDate(-1000) }, 404)).toEqual({ seconds: 100, heuristic: true });
    expect(lifetime({ 'last-modified': httpDate(-1000) }, 302)).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'last-modified': httpDate(-1000), 'cache-control': 'public' }, 302)).toEqual({ seconds: 100, heuristic: true });
  });

  it('is zero without Last-Modified, with an invalid one, or with one not before Date', () => {
    expect(lifetime({})).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'last-modified': 'last tuesday' })).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'last-modified': httpDate(0) })).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'last-modified': httpDate(50) })).toEqual({ seconds: 0, heuristic: false });
  });

  it('never applies when any explicit lifetime is present, even an invalid one', () => {
    expect(lifetime({ 'last-modified': httpDate(-86400), 'cache-control': 'max-age=x' })).toEqual({ seconds: 0, heuristic: false });
    expect(lifetime({ 'last-modified': httpDate(-86400), 'cache-control': 'max-age=0' })).toEqual({ seconds: 0, heuristic: false });
  });
});
