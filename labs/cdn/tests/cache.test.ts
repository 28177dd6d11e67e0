/**
 * Stage cache: RFC 9111 §4 (keys and Vary), §4.3 (validation, 304 merging),
 * §4.4 (invalidation) and the size bound. Scenarios run on a clock the test
 * moves; expected results are written out from the RFC.
 */
import { describe, expect, it } from 'vitest';
import { HttpCache } from '@impl/cache.ts';
import type { HttpRequest, HttpResponse } from '@impl/http.ts';
import { SUGGEST, T0, get, httpDate, ok, withStatus } from './fixtures/messages.ts';

const s = (seconds: number) => T0 + seconds * 1000;
const at = (seconds: number) => ({ requestTime: s(seconds), responseTime: s(seconds) });

function cache(maxBytes = 1 << 20): HttpCache {
  return new HttpCache({ maxBytes });
}

describe('storing and serving (RFC 9111 §4)', () => {
  it('a miss on an empty cache is a URI miss', () => {
    expect(cache().lookup(get(), T0)).toEqual({ kind: 'miss', reason: 'uri' });
  });

  it('serves a stored fresh response as a hit, with its age', () => {
    const c = cache();
    const response = ok({ 'cache-control': 'max-age=60' });
    expect(c.store(get(), response, at(0))).toBe(true);
    const found = c.lookup(get(), s(12));
    expect(found.kind).toBe('hit');
    if (found.kind !== 'hit') return;
    expect(found.entry.response).toEqual(response);
    expect(found.age).toBe(12);
    expect(found.stale).toBe(false);
    expect(found.entry.lifetime).toBe(60);
  });

  it('does not store what §3 forbids', () => {
    const c = cache();
    expect(c.store(get(), ok({ 'cache-control': 'no-store' }), at(0))).toBe(false);
    expect(c.store(get(), ok({ 'cache-control': 'private, max-age=60' }), at(0))).toBe(false);
    expect(c.lookup(get(), s(1))).toEqual({ kind: 'miss', reason: 'uri' });
    expect(c.count).toBe(0);
  });

  it('the key is the method and the URL: the query string is part of it', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60' }), at(0));
    expect(c.lookup(get({}, 'https://shop.example/api/suggest?q=ab'), s(1))).toEqual({ kind: 'miss', reason: 'uri' });
    expect(c.lookup({ ...get(), method: 'HEAD' }, s(1))).toEqual({ kind: 'miss', reason: 'uri' });
    expect(c.lookup(get(), s(1)).kind).toBe('hit');
  });

  it('GET and HEAD of one URL are stored side by side, and each misses by Vary only against its own method', () => {
    const c = cache();
    c.store({ method: 'HEAD', url: SUGGEST, headers: {} }, ok({ 'cache-control': 'max-age=60' }, ''), at(0));
    c.store(get({ 'accept-language': 'en' }), ok({ 'cache-control': 'max-age=60', vary: 'accept-language' }), at(0));
    expect(c.count).toBe(2);
    expect(c.lookup({ method: 'HEAD', url: SUGGEST, headers: {} }, s(1)).kind).toBe('hit');
    expect(c.lookup(get({ 'accept-language': 'de' }), s(1))).toEqual({ kind: 'miss', reason: 'vary' });
  });

  it('a stale response within the request\u2019s max-stale is a stale hit', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60' }), at(0));
    const found = c.lookup(get({ 'cache-control': 'max-stale=30' }), s(75));
    expect(found).toMatchObject({ kind: 'hit', age: 75, stale: true });
  });

  it('storing again replaces the stored response', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60' }, 'old'), at(0));
    c.store(get(), ok({ 'cache-control': 'max-age=60' }, 'new'), at(5));
    const found = c.lookup(get(), s(6));
    expect(found.kind === 'hit' && found.entry.response.body).toBe('new');
    expect(c.count).toBe(1);
    expect(c.size).toBe(3);
  });
});

describe('Vary and the secondary key (RFC 9111 §4.1)', () => {
  const varied = (body: string) => ok({ 'cache-control': 'max-age=60', vary: 'Accept-Language' }, body);

  it('serves a variant only to requests with the same values of the fields Vary names', () => {
    const c = cache();
    c.store(get({ 'accept-language': 'en' }), varied('["apple"]'), at(0));
    expect(c.lookup(get({ 'accept-language': 'de' }), s(1))).toEqual({ kind: 'miss', reason: 'vary' });
    expect(c.lookup(get({}), s(1))).toEqual({ kind: 'miss', reason: 'vary' });
    const found = c.lookup(get({ 'accept-language': 'en', 'user-agent': 'other' }), s(1));
    expect(found.kind === 'hit' && found.entry.response.body).toBe('["apple"]');
  });

  it('keeps one variant per secondary key, side by side', () => {
    const c = cache();
    c.store(get({ 'accept-language': 'en' }), varied('["apple"]'), at(0));
    c.store(get({ 'accept-language': 'de' }), varied('["Apfel"]'), at(0));
    c.store(get({ 'accept-language': 'de' }), varied('["Ananas"]'), at(1));
    expect(c.count).toBe(2);
    const en = c.lookup(get({ 'accept-language': 'en' }), s(2));
    const de = c.lookup(get({ 'accept-language': 'de' }), s(2));
    expect(en.kind === 'hit' && en.entry.response.body).toBe('["apple"]');
    expect(de.kind === 'hit' && de.entry.response.body).toBe('["Ananas"]');
  });

  it('Vary field names are case-insensitive, and whitespace in list values does not matter', () => {
    const c = cache();
    c.store(get({ 'accept-encoding': 'gzip, br' }), ok({ 'cache-control': 'max-age=60', vary: 'ACCEPT-ENCODING, Accept-Language' }), at(0));
    expect(c.lookup(get({ 'accept-encoding': 'gzip,br' }), s(1)).kind).toBe('hit');
    expect(c.lookup(get({ 'accept-encoding': 'br, gzip' }), s(1)).kind).toBe('miss');
  });

  it('Vary: * never matches, so such a response is not kept', () => {
    const c = cache();
    expect(c.store(get(), ok({ 'cache-control': 'max-age=60', vary: 'Accept-Language, *' }), at(0))).toBe(false);
    expect(c.lookup(get(), s(1)).kind).toBe('miss');
  });
});

describe('validation (RFC 9111 §4.3)', () => {
  it('a stale response needs validation, with If-None-Match from its ETag and If-Modified-Since from Last-Modified', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60', etag: '"v1"', 'last-modified': httpDate(-3600) }), at(0));
    expect(c.lookup(get(), s(60))).toMatchObject({ kind: 'validate', age: 60, conditional: { 'if-none-match': '"v1"', 'if-modified-since': httpDate(-3600) } });
  });

  it('weak ETags are sent as they are; no validators means no conditional fields', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'no-cache', etag: 'W/"v1"' }), at(0));
    expect(c.lookup(get(), s(1))).toMatchObject({ kind: 'validate', conditional: { 'if-none-match': 'W/"v1"' } });
    const d = cache();
    d.store(get(), ok({ 'cache-control': 'max-age=1' }), at(0));
    const found = d.lookup(get(), s(5));
    expect(found.kind === 'validate' && found.conditional).toEqual({});
  });

  it('a response without validators gives no conditional fields at all, not fields without a value', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=1' }), at(0));
    const found = c.lookup(get(), s(5));
    expect(found.kind === 'validate' && Object.keys(found.conditional)).toEqual([]);
  });

  it('a 304 freshens the stored response: new fields, same body, a new clock (§4.3.4)', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60', etag: '"v1"', 'x-served-by': 'origin-1', 'content-length': '29' }), at(0));
    const notModified: HttpResponse = { status: 304, headers: { date: httpDate(100), 'cache-control': 'max-age=120', etag: '"v1"', 'x-served-by': 'origin-2', 'content-length': '0' }, body: '' };
    const updated = c.update(get(), notModified, { requestTime: s(99), responseTime: s(100) });
    expect(updated).toEqual({
      status: 200,
      headers: { date: httpDate(100), 'cache-control': 'max-age=120', etag: '"v1"', 'x-served-by': 'origin-2', 'content-length': '29' },
      body: '["apple","avocado","apricot"]',
    });
    const found = c.lookup(get(), s(130));
    expect(found).toMatchObject({ kind: 'hit', stale: false });
    if (found.kind === 'hit') {
      expect(found.entry.lifetime).toBe(120);
      expect(found.age).toBe(31);
    }
    expect(c.count).toBe(1);
    expect(c.size).toBe(29);
  });

  it('a 304 changes none of the fields that describe the stored body (§3.2)', () => {
    const c = cache();
    const body = { 'content-encoding': 'br', 'transfer-encoding': 'chunked', 'content-range': 'bytes 0-28/29' };
    c.store(get(), ok({ 'cache-control': 'max-age=60', etag: '"v1"', ...body }), at(0));
    const updated = c.update(get(), withStatus(304, { etag: '"v1"', 'content-encoding': 'gzip', 'transfer-encoding': 'identity', 'content-range': 'bytes 0-0/1' }), at(70));
    expect(updated?.headers).toMatchObject(body);
  });

  it('a 304 with another ETag updates nothing', () => {
    const c = cache();
    c.store(get(), ok({ 'cache-control': 'max-age=60', etag: '"v1"' }), at(0));
    expect(c.update(get(), withStatus(304, { etag: '"v2"', 'cache-control': 'max-age=600' }), at(70))).toBeUndefined();
    expect(c.lookup(get(), s(70)).kind).toBe('validate');
  });

  it('a 304 without an ETag updates the variant that was validated', () => {
    const c = cache();
    c.store(get({ 'accept-language': 'en' }), ok({ 'cache-control': 'max-age=60', vary: 'accept-language', 'last-modified': httpDate(-10) }, 'en'), at(0));
    c.store(get({ 'accept-language': 'de' }), ok({ 'cache-control': 'max-age=60', vary: 'accept-language', 'last-modified': httpDate(-10) }, 'de'), at(0));
    expect(c.update(get({ 'accept-language': 'de' }), withStatus(304, { date: httpDate(70), 'cache-control': 'max-age=600' }), at(70))?.body).toBe('de');
    expect(c.lookup(get({ 'accept-language': 'de' }), s(80)).kind).toBe('hit');
    expect(c.lookup(get({ 'accept-language': 'en' }), s(80)).kind).toBe('validate');
  });

  it('a 304 for nothing stored updates nothing', () => {
    expect(cache().update(get(), withStatus(304, { etag: '"v1"' }), at(0))).toBeUndefined();
  });
});

describe('invalidation after unsafe methods (RFC 9111 §4.4)', () => {
  const CART = 'https://shop.example/api/cart';
  const stored = (c: HttpCache, url: string) => c.store(get({}, url), ok({ 'cache-control': 'max-age=600' }), at(0));

  it('a successful POST drops every stored response for its URL', () => {
    const c = cache();
    stored(c, CART);
    stored(c, SUGGEST);
    c.store({ method: 'HEAD', url: CART, headers: {} }, ok({ 'cache-control': 'max-age=600' }, ''), at(0));
    c.invalidate({ method: 'POST', url: CART, headers: {} }, withStatus(201));
    expect(c.lookup(get({}, CART), s(1)).kind).toBe('miss');
    expect(c.lookup({ method: 'HEAD', url: CART, headers: {} }, s(1)).kind).toBe('miss');
    expect(c.lookup(get(), s(1)).kind).toBe('hit');
  });

  it('and the URLs in Location and Content-Location, when they have the same origin', () => {
    const c = cache();
    stored(c, 'https://shop.example/api/cart/42');
    stored(c, 'https://shop.example/api/cart/summary');
    stored(c, 'https://other.example/api/cart/42');
    c.invalidate({ method: 'PUT', url: CART, headers: {} }, withStatus(200, { location: '/api/cart/42', 'content-location': 'https://other.example/api/cart/42' }));
    expect(c.lookup(get({}, 'https://shop.example/api/cart/42'), s(1)).kind).toBe('miss');
    expect(c.lookup(get({}, 'https://other.example/api/cart/42'), s(1)).kind).toBe('hit');
    expect(c.lookup(get({}, 'https://shop.example/api/cart/summary'), s(1)).kind).toBe('hit');
    c.invalidate({ method: 'PATCH', url: CART, headers: {} }, withStatus(204, { 'content-location': 'cart/summary' }));
    expect(c.lookup(get({}, 'https://shop.example/api/cart/summary'), s(1)).kind).toBe('miss');
  });

  it('not after an error response, and not after a safe method', () => {
    const c = cache();
    stored(c, CART);
    c.invalidate({ method: 'DELETE', url: CART, headers: {} }, withStatus(404));
    c.invalidate({ method: 'POST', url: CART, headers: {} }, withStatus(500));
    c.invalidate({ method: 'GET', url: CART, headers: {} }, withStatus(200));
    c.invalidate({ method: 'OPTIONS', url: CART, headers: {} }, withStatus(200));
    expect(c.lookup(get({}, CART), s(1)).kind).toBe('hit');
    c.invalidate({ method: 'DELETE', url: CART, headers: {} }, withStatus(399));
    expect(c.lookup(get({}, CART), s(1)).kind).toBe('miss');
  });

  it('HEAD and TRACE are safe, and a 400 is an error: none of them invalidates', () => {
    const c = cache();
    stored(c, CART);
    for (const [method, status] of [['HEAD', 200], ['TRACE', 200], ['POST', 400]] as const) {
      c.invalidate({ method, url: CART, headers: {} }, withStatus(status));
      expect(c.lookup(get({}, CART), s(1)).kind, `${method} answered ${status}`).toBe('hit');
    }
  });

  it('a 1xx is not a final answer: it invalidates nothing', () => {
    const c = cache();
    stored(c, CART);
    c.invalidate({ method: 'POST', url: CART, headers: {} }, withStatus(103));
    expect(c.lookup(get({}, CART), s(1)).kind).toBe('hit');
  });
});

describe('size bound and eviction', () => {
  const page = (n: number): HttpRequest => get({}, `https://shop.example/api/suggest?q=${n}`);
  const body = (n: number) => 'x'.repeat(n);

  it('counts the bodies\u2019 bytes, and evicts the least recently used until the new one fits', () => {
    const c = cache(100);
    c.store(page(1), ok({ 'cache-control': 'max-age=600' }, body(40)), at(0));
    c.store(page(2), ok({ 'cache-control': 'max-age=600' }, body(40)), at(0));
    expect(c.size).toBe(80);
    c.lookup(page(1), s(1)); // page 1 is now the most recently used
    c.store(page(3), ok({ 'cache-control': 'max-age=600' }, body(30)), at(2));
    expect(c.lookup(page(2), s(3)).kind).toBe('miss');
    expect(c.lookup(page(1), s(3)).kind).toBe('hit');
    expect(c.lookup(page(3), s(3)).kind).toBe('hit');
    expect(c.size).toBe(70);
    expect(c.count).toBe(2);
  });

  it('a body exactly as large as the bound fits; a larger one is not stored and evicts nothing', () => {
    const c = cache(100);
    c.store(page(1), ok({ 'cache-control': 'max-age=600' }, body(60)), at(0));
    expect(c.store(page(2), ok({ 'cache-control': 'max-age=600' }, body(101)), at(0))).toBe(false);
    expect(c.lookup(page(1), s(1)).kind).toBe('hit');
    expect(c.store(page(3), ok({ 'cache-control': 'max-age=600' }, body(100)), at(0))).toBe(true);
    expect(c.size).toBe(100);
    expect(c.lookup(page(1), s(1)).kind).toBe('miss');
  });

  it('stays within the bound over many stores', () => {
    const c = cache(1000);
    for (let i = 0; i < 200; i++) {
      c.store(page(i), ok({ 'cache-control': 'max-age=600' }, body(17 + (i % 50))), at(i));
      expect(c.size).toBeLessThanOrEqual(1000);
    }
    expect(c.count).toBeGreaterThan(10);
    expect(c.lookup(page(199), s(300)).kind).toBe('hit');
  });

  it('a replaced or invalidated response no longer counts', () => {
    const c = cache(100);
    c.store(page(1), ok({ 'cache-control': 'max-age=600' }, body(60)), at(0));
    c.store(page(1), ok({ 'cache-control': 'max-age=600' }, body(50)), at(1));
    expect(c.size).toBe(50);
    c.invalidate({ method: 'POST', url: page(1).url, headers: {} }, withStatus(200));
    expect(c.size).toBe(0);
    expect(c.count).toBe(0);
  });
});
