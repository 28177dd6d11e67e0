/**
 * Stage edge: the edge as a state machine, driven step by step with a clock
 * the test moves. Expected events follow RFC 9111, RFC 5861 and RFC 9211;
 * Cache-Status members are compared parameter by parameter, in any order.
 */
import { describe, expect, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { Edge } from '@impl/edge.ts';
import type { HttpRequest, HttpResponse } from '@impl/http.ts';
import type { EdgeEvent } from '@impl/edge-types.ts';
import { cacheStatus, type CacheStatusMember } from './fixtures/cache-status.ts';
import { SUGGEST, T0, get, httpDate, ok, withStatus } from './fixtures/messages.ts';

const s = (seconds: number) => T0 + seconds * 1000;

function edge(): Edge {
  return new Edge({ name: 'edge', maxBytes: 1 << 20 });
}

type Respond = Extract<EdgeEvent, { type: 'respond' }>;
type Fetch = Extract<EdgeEvent, { type: 'fetch' }>;

const responds = (events: EdgeEvent[]) => events.filter((e): e is Respond => e.type === 'respond');
const fetches = (events: EdgeEvent[]) => events.filter((e): e is Fetch => e.type === 'fetch');

/** The one event of `events`, which must be of `type`. */
function only<T extends EdgeEvent['type']>(events: EdgeEvent[], type: T): Extract<EdgeEvent, { type: T }> {
  expect(events.map((e) => e.type), `expected exactly one ${type} event`).toEqual([type]);
  return events[0] as Extract<EdgeEvent, { type: T }>;
}

/** The edge's own (last) Cache-Status member of a response. */
function ours(response: HttpResponse): CacheStatusMember {
  const members = cacheStatus(response);
  expect(members.length, 'every response carries Cache-Status (RFC 9211)').toBeGreaterThan(0);
  return members[members.length - 1]!;
}

const SIXTY = ok({ 'cache-control': 'max-age=60', etag: '"v1"' });

/** A request that missed, the origin's answer at `seconds`, and what the client got. */
function primed(e: Edge, response: HttpResponse = SIXTY, seconds = 0, request: HttpRequest = get()): Respond {
  const fetch = only(e.request(1, request, s(seconds)), 'fetch');
  return only(e.response(fetch.fetch, response, s(seconds)), 'respond');
}

describe('misses and hits', () => {
  it('a miss goes upstream with the client\u2019s request; the answer is stored and relayed', () => {
    const t = new Transcript('a miss, then the origin\u2019s answer');
    const e = edge();
    t.step('client 1: GET /api/suggest?q=a at 0 s');
    const fetch = only(e.request(1, get({ 'accept-language': 'en' }), s(0)), 'fetch');
    t.expect('the request sent upstream', fetch.request, get({ 'accept-language': 'en' }), 'RFC 9111 §4');
    t.step('origin answers 200, max-age=60');
    const answer = only(e.response(fetch.fetch, SIXTY, s(0)), 'respond');
    t.expect('the client', answer.client, 1);
    t.expect('the status and body', [answer.response.status, answer.response.body], [200, SIXTY.body]);
    t.expect('Cache-Status', ours(answer.response), { cache: 'edge', fwd: 'uri-miss', 'fwd-status': '200', stored: true }, 'RFC 9211 §2.2, §2.4, §2.6');
    t.expect('the other fields, as the origin sent them', { ...answer.response.headers, 'cache-status': undefined }, { ...SIXTY.headers, 'cache-status': undefined });
  });

  it('a hit is served without going upstream, with Age and a hit member giving the time to live', () => {
    const e = edge();
    primed(e);
    const hit = only(e.request(2, get(), s(10.5)), 'respond');
    expect(hit.client).toBe(2);
    expect(hit.response.body).toBe(SIXTY.body);
    expect(hit.response.headers.age, 'Age in whole seconds (RFC 9111 §5.1)').toBe('10');
    expect(hit.response.headers.etag).toBe('"v1"');
    expect(ours(hit.response)).toEqual({ cache: 'edge', hit: true, ttl: '49' });
  });

  it('a response that may not be stored says so: no stored parameter, and the next request goes upstream again', () => {
    const e = edge();
    const first = primed(e, ok({ 'cache-control': 'private, max-age=60' }));
    expect(ours(first.response)).toEqual({ cache: 'edge', fwd: 'uri-miss', 'fwd-status': '200' });
    expect(fetches(e.request(2, get(), s(1)))).toHaveLength(1);
  });

  it('another variant is a vary-miss', () => {
    const e = edge();
    primed(e, ok({ 'cache-control': 'max-age=60', vary: 'accept-language' }), 0, get({ 'accept-language': 'en' }));
    const fetch = only(e.request(2, get({ 'accept-language': 'de' }), s(1)), 'fetch');
    const answer = only(e.response(fetch.fetch, ok({ 'cache-control': 'max-age=60', vary: 'accept-language' }, 'de'), s(1)), 'respond');
    expect(ours(answer.response)).toMatchObject({ fwd: 'vary-miss' });
  });

  it('with nothing from upstream, its member is the only one', () => {
    expect(cacheStatus(primed(edge()).response)).toHaveLength(1);
  });

  it('HEAD is served from the cache like GET', () => {
    const e = edge();
    primed(e, ok({ 'cache-control': 'max-age=60' }, ''), 0, { method: 'HEAD', url: SUGGEST, headers: {} });
    expect(ours(only(e.request(2, { method: 'HEAD', url: SUGGEST, headers: {} }, s(5)), 'respond').response)).toMatchObject({ hit: true });
  });

  it('appends its member after the one from upstream (RFC 9211 §2: the client\u2019s nearest cache last)', () => {
    const e = edge();
    const answer = primed(e, ok({ 'cache-control': 'max-age=60', 'cache-status': 'shield; hit; ttl=30', age: '30' }));
    expect(cacheStatus(answer.response)).toEqual([
      { cache: 'shield', hit: true, ttl: '30' },
      { cache: 'edge', fwd: 'uri-miss', 'fwd-status': '200', stored: true },
    ]);
    const hit = only(e.request(2, get(), s(5)), 'respond');
    expect(hit.response.headers.age, 'Age from upstream plus time resident here').toBe('35');
    expect(cacheStatus(hit.response)).toEqual([
      { cache: 'shield', hit: true, ttl: '30' },
      { cache: 'edge', hit: true, ttl: '25' },
    ]);
  });

  it('ignores an answer to a fetch it never started, or one already answered', () => {
    const e = edge();
    const fetch = only(e.request(1, get(), s(0)), 'fetch');
    expect(e.response(fetch.fetch + 100, SIXTY, s(0))).toEqual([]);
    expect(responds(e.response(fetch.fetch, SIXTY, s(0)))).toHaveLength(1);
    expect(e.response(fetch.fetch, SIXTY, s(0))).toEqual([]);
    expect(e.failure(fetch.fetch, s(0))).toEqual([]);
  });
});

describe('request collapsing', () => {
  it('a thousand simultaneous misses make one upstream fetch, and all thousand get the answer', () => {
    const e = edge();
    const first = only(e.request(0, get(), s(0)), 'fetch');
    for (let client = 1; client < 1000; client++) expect(e.request(client, get(), s(0.001 * client)), `client ${client}`).toEqual([]);
    const answers = e.response(first.fetch, SIXTY, s(1));
    expect(fetches(answers)).toEqual([]);
    expect(responds(answers).map((a) => a.client).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const answer of responds(answers).filter((a) => a.client !== 0)) {
      expect(answer.response.body).toBe(SIXTY.body);
      expect(ours(answer.response)).toEqual({ cache: 'edge', fwd: 'uri-miss', 'fwd-status': '200', collapsed: true, ttl: '59' });
    }
  });

  it('different URLs are not collapsed', () => {
    const e = edge();
    only(e.request(1, get(), s(0)), 'fetch');
    only(e.request(2, get({}, 'https://shop.example/api/suggest?q=ab'), s(0)), 'fetch');
  });

  it('a response that cannot be shared is fetched again for each waiting client', () => {
    const e = edge();
    const first = only(e.request(1, get({ cookie: 'id=1' }), s(0)), 'fetch');
    e.request(2, get({ cookie: 'id=2' }), s(0));
    e.request(3, get({ cookie: 'id=3' }), s(0));
    const events = e.response(first.fetch, ok({ 'cache-control': 'private, max-age=60' }, 'for 1'), s(0));
    expect(responds(events).map((r) => r.client)).toEqual([1]);
    expect(fetches(events).map((f) => f.request.headers.cookie).sort()).toEqual(['id=2', 'id=3']);
  });

  it('a waiting client whose Vary fields differ gets its own fetch', () => {
    const e = edge();
    const first = only(e.request(1, get({ 'accept-language': 'en' }), s(0)), 'fetch');
    e.request(2, get({ 'accept-language': 'en' }), s(0));
    e.request(3, get({ 'accept-language': 'de' }), s(0));
    const events = e.response(first.fetch, ok({ 'cache-control': 'max-age=60', vary: 'Accept-Language' }), s(0));
    expect(responds(events).map((r) => r.client).sort()).toEqual([1, 2]);
    expect(fetches(events).map((f) => f.request.headers['accept-language'])).toEqual(['de']);
  });

  it('once the fetch is answered, the next miss starts a new one', () => {
    const e = edge();
    primed(e, ok({ 'cache-control': 'no-store' }));
    expect(fetches(e.request(2, get(), s(1)))).toHaveLength(1);
  });

  it('unsafe methods are never collapsed', () => {
    const e = edge();
    only(e.request(1, { method: 'POST', url: SUGGEST, headers: {} }, s(0)), 'fetch');
    only(e.request(2, { method: 'POST', url: SUGGEST, headers: {} }, s(0)), 'fetch');
  });
});

describe('revalidation', () => {
  it('a stale response is revalidated with If-None-Match; a 304 serves the stored body with a new lifetime', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get(), s(70)), 'fetch');
    expect(fetch.request.headers['if-none-match']).toBe('"v1"');
    const answer = only(e.response(fetch.fetch, withStatus(304, { date: httpDate(70), etag: '"v1"', 'cache-control': 'max-age=120' }), s(70)), 'respond');
    expect(answer.response.status).toBe(200);
    expect(answer.response.body).toBe(SIXTY.body);
    expect(answer.response.headers.age).toBe('0');
    expect(ours(answer.response)).toEqual({ cache: 'edge', fwd: 'stale', 'fwd-status': '304', ttl: '120' });
    expect(ours(only(e.request(3, get(), s(100)), 'respond').response)).toEqual({ cache: 'edge', hit: true, ttl: '90' });
  });

  it('a 200 to a revalidation replaces the stored response', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get(), s(70)), 'fetch');
    const answer = only(e.response(fetch.fetch, ok({ date: httpDate(70), 'cache-control': 'max-age=60', etag: '"v2"' }, 'new'), s(70)), 'respond');
    expect(ours(answer.response)).toEqual({ cache: 'edge', fwd: 'stale', 'fwd-status': '200', stored: true });
    expect(only(e.request(3, get(), s(80)), 'respond').response.body).toBe('new');
  });

  it('a 304 that names another ETag means fetching the whole response, without conditions', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get(), s(70)), 'fetch');
    const again = only(e.response(fetch.fetch, withStatus(304, { etag: '"v9"' }), s(70)), 'fetch');
    expect(again.request.headers['if-none-match']).toBeUndefined();
    const answer = only(e.response(again.fetch, ok({ 'cache-control': 'max-age=60', etag: '"v9"' }, 'v9'), s(70)), 'respond');
    expect(answer.client).toBe(2);
    expect(answer.response.body).toBe('v9');
  });

  it('a request with no-cache revalidates a fresh response: fwd=request', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get({ 'cache-control': 'no-cache' }), s(5)), 'fetch');
    expect(fetch.request.headers['if-none-match']).toBe('"v1"');
    const answer = only(e.response(fetch.fetch, withStatus(304, { etag: '"v1"', 'cache-control': 'max-age=60' }), s(5)), 'respond');
    expect(ours(answer.response)).toMatchObject({ fwd: 'request', 'fwd-status': '304' });
  });

  it('clients arriving during a revalidation wait for it', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get(), s(70)), 'fetch');
    expect(e.request(3, get(), s(70.5))).toEqual([]);
    const events = e.response(fetch.fetch, withStatus(304, { date: httpDate(70), etag: '"v1"', 'cache-control': 'max-age=60' }), s(71));
    expect(responds(events).map((r) => r.client).sort()).toEqual([2, 3]);
    expect(ours(responds(events).find((r) => r.client === 3)!.response)).toMatchObject({ fwd: 'stale', collapsed: true });
  });
});

describe('stale-while-revalidate (RFC 5861 §3)', () => {
  const SWR = ok({ 'cache-control': 'max-age=60, stale-while-revalidate=30', etag: '"v1"' });

  it('within the window: the stale copy at once, and one background revalidation', () => {
    const e = edge();
    primed(e, SWR);
    const events = e.request(2, get(), s(75));
    const answer = responds(events)[0]!;
    expect(answer.client).toBe(2);
    expect(answer.response.headers.age).toBe('75');
    expect(ours(answer.response)).toEqual({ cache: 'edge', hit: true, ttl: '-15' });
    const background = only(fetches(events), 'fetch');
    expect(background.request.headers['if-none-match']).toBe('"v1"');
    const more = e.request(3, get(), s(76));
    expect(fetches(more), 'one background revalidation at a time').toEqual([]);
    expect(responds(more)).toHaveLength(1);
    expect(e.response(background.fetch, withStatus(304, { date: httpDate(77), etag: '"v1"', 'cache-control': 'max-age=60, stale-while-revalidate=30' }), s(77))).toEqual([]);
    // Sent at 75 s, answered at 77 s: the 2 s in flight count as age (RFC 9111 §4.2.3), so 5 s old at 80 s.
    expect(ours(only(e.request(4, get(), s(80)), 'respond').response)).toEqual({ cache: 'edge', hit: true, ttl: '55' });
  });

  it('not for a response that is still fresh but too old for the request, nor one marked no-cache', () => {
    const e = edge();
    primed(e, SWR);
    expect(responds(e.request(2, get({ 'cache-control': 'max-age=5' }), s(10))), 'max-age=5 at 10 s').toEqual([]);
    const f = edge();
    primed(f, ok({ 'cache-control': 'no-cache, max-age=60, stale-while-revalidate=30', etag: '"v1"' }));
    expect(responds(f.request(2, get(), s(70)))).toEqual([]);
  });

  it('the window counts from when the response became stale, both ends included', () => {
    const e = edge();
    primed(e, SWR);
    expect(responds(e.request(2, get(), s(90)))).toHaveLength(1);
    const f = edge();
    primed(f, SWR);
    expect(responds(f.request(2, get(), s(90.5)))).toEqual([]);
  });

  it('not when the response forbids serving stale, nor when the client asks for no-cache', () => {
    for (const cc of ['max-age=60, stale-while-revalidate=30, must-revalidate', 's-maxage=60, stale-while-revalidate=30', 'max-age=60, stale-while-revalidate=30, proxy-revalidate']) {
      const e = edge();
      primed(e, ok({ 'cache-control': cc }));
      expect(responds(e.request(2, get(), s(70))), cc).toEqual([]);
    }
    const e = edge();
    primed(e, SWR);
    expect(responds(e.request(2, get({ 'cache-control': 'no-cache' }), s(70)))).toEqual([]);
  });
});

describe('stale-if-error (RFC 5861 §4)', () => {
  const SIE = ok({ 'cache-control': 'max-age=60, stale-if-error=600', etag: '"v1"' });

  it('an upstream 5xx within the window serves the stale copy', () => {
    for (const status of [500, 502, 503, 504]) {
      const e = edge();
      primed(e, SIE);
      const fetch = only(e.request(2, get(), s(100)), 'fetch');
      const answer = only(e.response(fetch.fetch, withStatus(status, {}, 'down'), s(100)), 'respond');
      expect(answer.response.status, String(status)).toBe(200);
      expect(answer.response.body).toBe(SIE.body);
      expect(ours(answer.response)).toEqual({ cache: 'edge', fwd: 'stale', 'fwd-status': String(status), ttl: '-40' });
    }
  });

  it('an unreachable upstream within the window serves the stale copy to every waiting client', () => {
    const e = edge();
    primed(e, SIE);
    const fetch = only(e.request(2, get(), s(100)), 'fetch');
    e.request(3, get(), s(100));
    const answers = e.failure(fetch.fetch, s(101));
    expect(answers.map((a) => a.type === 'respond' && [a.client, a.response.status])).toEqual([[2, 200], [3, 200]]);
  });

  it('other errors, or outside the window, pass the error on', () => {
    const e = edge();
    primed(e, SIE);
    const fetch = only(e.request(2, get(), s(100)), 'fetch');
    expect(only(e.response(fetch.fetch, withStatus(501, {}, 'no'), s(100)), 'respond').response.status).toBe(501);
    const f = edge();
    primed(f, SIE);
    const late = only(f.request(2, get(), s(661)), 'fetch');
    const answer = only(f.response(late.fetch, withStatus(503, {}, 'down'), s(661)), 'respond');
    expect(answer.response.status).toBe(503);
    expect(ours(answer.response)).toMatchObject({ fwd: 'stale', 'fwd-status': '503' });
  });

  it('without the directive, an unreachable upstream is a 502 to every waiting client', () => {
    const e = edge();
    const fetch = only(e.request(1, get(), s(0)), 'fetch');
    e.request(2, get(), s(0));
    const answers = responds(e.failure(fetch.fetch, s(1)));
    expect(answers.map((a) => [a.client, a.response.status])).toEqual([[1, 502], [2, 502]]);
    expect(ours(answers[0]!.response)).toMatchObject({ cache: 'edge', fwd: 'uri-miss' });
  });
});

describe('methods and request directives', () => {
  it('a POST goes upstream (fwd=method) and its success invalidates the stored response', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, { method: 'POST', url: SUGGEST, headers: {} }, s(1)), 'fetch');
    const answer = only(e.response(fetch.fetch, withStatus(204), s(1)), 'respond');
    expect(ours(answer.response)).toEqual({ cache: 'edge', fwd: 'method', 'fwd-status': '204' });
    expect(fetches(e.request(3, get(), s(2)))).toHaveLength(1);
  });

  it('only-if-cached: a stored response if there is one, else 504 without going upstream (RFC 9111 §5.2.1.7)', () => {
    const e = edge();
    const miss = only(e.request(1, get({ 'cache-control': 'only-if-cached' }), s(0)), 'respond');
    expect(miss.response.status).toBe(504);
    expect(ours(miss.response).cache).toBe('edge');
    primed(e);
    expect(only(e.request(2, get({ 'cache-control': 'only-if-cached' }), s(5)), 'respond').response.status).toBe(200);
    expect(only(e.request(3, get({ 'cache-control': 'only-if-cached' }), s(65)), 'respond').response.status).toBe(504);
  });
});

describe('the client\u2019s own conditional request (RFC 9111 §4.3.2)', () => {
  const STORED = ok({
    'cache-control': 'max-age=60',
    etag: '"v1"',
    'last-modified': httpDate(-3600),
    expires: httpDate(60),
    vary: 'Accept-Encoding',
    'content-location': '/api/suggest/a.json',
    'content-type': 'application/json',
    'content-length': '29',
    'x-served-by': 'origin-1',
  });

  /** What a client holding `headers`' validators gets at 10 s from an edge that stored `stored` at 0 s. */
  function ask(headers: Record<string, string>, stored: HttpResponse = STORED): Respond {
    const e = edge();
    primed(e, stored);
    return only(e.request(2, get(headers), s(10)), 'respond');
  }

  const isNotModified = (answer: Respond) => [answer.response.status, answer.response.body];

  it('a matching If-None-Match gets a 304 without a body, carrying only the fields RFC 9110 §15.4.5 lists', () => {
    const answer = ask({ 'if-none-match': '"v1"' });
    expect(isNotModified(answer)).toEqual([304, '']);
    const { age, 'cache-status': status, ...rest } = answer.response.headers;
    expect(rest, 'Cache-Control, Content-Location, Date, ETag, Expires and Vary of the stored response, and nothing of its content').toEqual({
      'cache-control': 'max-age=60',
      'content-location': '/api/suggest/a.json',
      date: httpDate(0),
      etag: '"v1"',
      expires: httpDate(60),
      vary: 'Accept-Encoding',
    });
    expect(age, 'Age as on any response from the cache (RFC 9111 §5.1)').toBe('10');
    expect(ours(answer.response)).toEqual({ cache: 'edge', hit: true, ttl: '50' });
  });

  it('If-None-Match compares weakly: W/ on either side still matches (RFC 9110 §13.1.1, §8.8.3.2)', () => {
    expect(isNotModified(ask({ 'if-none-match': 'W/"v1"' }))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-none-match': '"v1"' }, ok({ 'cache-control': 'max-age=60', etag: 'W/"v1"' })))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-none-match': '"V1"' }))[0], 'opaque tags compare octet by octet').toBe(200);
  });

  it('If-None-Match is a list: any member may match; a comma inside a tag does not split it', () => {
    expect(isNotModified(ask({ 'if-none-match': '"v0", W/"v1" ,"v2"' }))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-none-match': '"v0", "v2"' }))).toEqual([200, STORED.body]);
    expect(isNotModified(ask({ 'if-none-match': '"x", "a,b"' }, ok({ 'cache-control': 'max-age=60', etag: '"a,b"' })))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-none-match': '"a"' }, ok({ 'cache-control': 'max-age=60', etag: '"a,b"' })))[0]).toBe(200);
  });

  it('If-None-Match: * matches any stored response, with or without an ETag', () => {
    expect(isNotModified(ask({ 'if-none-match': '*' }))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-none-match': '*' }, ok({ 'cache-control': 'max-age=60' })))).toEqual([304, '']);
  });

  it('a stored response without an ETag never matches a list of tags', () => {
    expect(isNotModified(ask({ 'if-none-match': '"v1"' }, ok({ 'cache-control': 'max-age=60' })))[0]).toBe(200);
  });

  it('If-Modified-Since: 304 when Last-Modified is no later than the date given, 200 when it is later (RFC 9110 §13.1.3)', () => {
    expect(isNotModified(ask({ 'if-modified-since': httpDate(-3600) })), 'the same second').toEqual([304, '']);
    expect(isNotModified(ask({ 'if-modified-since': httpDate(-60) }))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-modified-since': httpDate(-3601) }))).toEqual([200, STORED.body]);
  });

  it('If-Modified-Since that is not an HTTP date is ignored', () => {
    expect(isNotModified(ask({ 'if-modified-since': 'yesterday' }))[0]).toBe(200);
    expect(isNotModified(ask({ 'if-modified-since': '0' }))[0]).toBe(200);
  });

  it('without Last-Modified, If-Modified-Since is compared with the stored Date (RFC 9111 §4.3.2)', () => {
    const noLastModified = ok({ 'cache-control': 'max-age=60', date: httpDate(-5) });
    expect(isNotModified(ask({ 'if-modified-since': httpDate(-5) }, noLastModified))).toEqual([304, '']);
    expect(isNotModified(ask({ 'if-modified-since': httpDate(-6) }, noLastModified))[0]).toBe(200);
  });

  it('If-None-Match takes precedence: If-Modified-Since is ignored when it is present (RFC 9110 §13.2.2)', () => {
    expect(isNotModified(ask({ 'if-none-match': '"v0"', 'if-modified-since': httpDate(0) })), 'a date that alone would give 304').toEqual([200, STORED.body]);
    expect(isNotModified(ask({ 'if-none-match': '"v1"', 'if-modified-since': httpDate(-7200) })), 'a date that alone would give 200').toEqual([304, '']);
  });

  it('only a stored 2xx is answered with a 304 (RFC 9110 §13.2.1)', () => {
    const gone = withStatus(404, { 'cache-control': 'max-age=60', etag: '"v1"' }, 'no such query');
    expect(isNotModified(ask({ 'if-none-match': '"v1"' }, gone))).toEqual([404, 'no such query']);
  });

  it('after a revalidation, the client\u2019s conditional is evaluated against the freshened response', () => {
    const e = edge();
    primed(e);
    const fetch = only(e.request(2, get({ 'if-none-match': '"v1"' }), s(70)), 'fetch');
    expect(e.request(3, get(), s(70))).toEqual([]);
    const events = responds(e.response(fetch.fetch, withStatus(304, { date: httpDate(70), etag: '"v1"', 'cache-control': 'max-age=60' }), s(70)));
    expect(events.map((r) => [r.client, r.response.status, r.response.body])).toEqual([
      [2, 304, ''],
      [3, 200, SIXTY.body],
    ]);
    expect(ours(events[0]!.response)).toMatchObject({ fwd: 'stale', 'fwd-status': '304' });
  });

  it('a client served stale while the edge revalidates gets a 304 too', () => {
    const e = edge();
    primed(e, ok({ 'cache-control': 'max-age=60, stale-while-revalidate=30', etag: '"v1"' }));
    const events = e.request(2, get({ 'if-none-match': '"v1"' }), s(75));
    expect(responds(events).map((r) => r.response.status)).toEqual([304]);
    expect(fetches(events)).toHaveLength(1);
  });
});
