/**
 * Stage differential: the learner's storability, freshness lifetime, age and
 * reuse decision against http-cache-semantics, a cache library no one here
 * wrote, over thousands of generated request and response header pairs.
 * Where the library deviates from RFC 9111 on purpose or by simplification,
 * the case is adjusted before it is asked (or its answer corrected), and each
 * deviation is listed below with the clause that decides it — and shown, by
 * an example, to be real.
 */
import fc from 'fast-check';
import CachePolicy from 'http-cache-semantics';
import { describe, expect, it } from 'vitest';
import { LabAssertionError } from '@lab-kit';
import { currentAge, reuseDecision } from '@impl/age.ts';
import { freshnessLifetime, isStorable } from '@impl/freshness.ts';
import type { Fields, HttpRequest, HttpResponse } from '@impl/http.ts';
import { SUGGEST, T0, httpDate } from './fixtures/messages.ts';

/** One generated exchange: a request and response stored at T0, and a later request at T0 + `after` seconds. */
interface Case {
  readonly request: HttpRequest;
  readonly response: HttpResponse;
  readonly later: HttpRequest;
  readonly after: number;
}

/** Served without contacting the origin, or not. */
type Serve = 'serve' | 'validate';

/** http-cache-semantics on an injected clock (its documented way: override now()). */
class PolicyAt extends CachePolicy {
  static clock = T0;
  now(): number {
    return PolicyAt.clock;
  }
}

/** The library's view of one case: storable, lifetime (s, when storable) and the reuse decision for `later`. */
function library(c: Case): { storable: boolean; lifetime: number; reuse: Serve } {
  PolicyAt.clock = T0;
  const policy = new PolicyAt(asLibraryRequest(c.request), asLibraryResponse(c.response), { shared: true });
  PolicyAt.clock = T0 + c.after * 1000;
  const result = policy.evaluateRequest(asLibraryRequest(c.later));
  return {
    storable: policy.storable(),
    lifetime: Math.floor(policy.maxAge() + 1e-9),
    reuse: result.response && !result.revalidation ? 'serve' : 'validate',
  };
}

function asLibraryRequest(r: HttpRequest): CachePolicy.Request {
  return { method: r.method, url: r.url, headers: { ...r.headers } };
}

function asLibraryResponse(r: HttpResponse): CachePolicy.Response {
  return { status: r.status, headers: { ...r.headers } };
}

/** The learner's view of the same case. */
function learner(c: Case): { storable: boolean; lifetime: number; reuse: Serve } {
  const lifetime = freshnessLifetime(c.response, T0).seconds;
  const age = currentAge(c.response, { requestTime: T0, responseTime: T0 }, T0 + c.after * 1000);
  const reuse = reuseDecision(c.later, c.response, lifetime, age);
  return { storable: isStorable(c.request, c.response), lifetime, reuse: reuse === 'validate' ? 'validate' : 'serve' };
}

// ---- The library's deviations, each with the clause that decides the case ----

/** Cache-Control as [name, argument] pairs, the way the generator writes it (no commas inside quotes). */
function members(value: string | undefined): [string, string | undefined][] {
  if (value === undefined) return [];
  return value.split(',').map((m) => m.trim()).filter(Boolean).map((m) => {
    const eq = m.indexOf('=');
    return eq === -1 ? [m, undefined] : [m.slice(0, eq), m.slice(eq + 1)];
  });
}

type Change = (list: [string, string | undefined][]) => [string, string | undefined][];

/** A message with its Cache-Control members changed. */
function withCacheControl<M extends HttpRequest | HttpResponse>(m: M, change: Change): M {
  const list = change(members(m.headers['cache-control']));
  const headers: Record<string, string> = { ...m.headers };
  if (list.length) headers['cache-control'] = list.map(([n, v]) => (v === undefined ? n : `${n}=${v}`)).join(', ');
  else delete headers['cache-control'];
  return { ...m, headers };
}

const firstOnly: Change = (l) => l.filter(([n], i) => l.findIndex(([m]) => m === n) === i);

const has = (r: HttpResponse, name: string) => members(r.headers['cache-control']).some(([n]) => n.toLowerCase() === name);

/** A deviation: what the library does, the clause that decides, and how the case is adjusted for it. */
interface Deviation {
  readonly id: string;
  readonly clause: string;
  readonly library: string;
  /** Rewrites the case so the library answers as RFC 9111 does. */
  readonly adjust?: (c: Case) => Case;
  /** Rewrites the case for the reuse question only, given whether the response is fresh then. */
  readonly adjustReuse?: (c: Case, fresh: boolean) => Case | undefined;
  /** Or: the RFC's reuse answer when the library's cannot be made right by rewriting. */
  readonly reuse?: (c: Case, storedFresh: boolean) => Serve | undefined;
  /** A case where the deviation changes the library's answer. */
  readonly example: Case;
}

const req = (headers: Fields = {}, method = 'GET'): HttpRequest => ({ method, url: SUGGEST, headers });
const res = (headers: Fields, status = 200): HttpResponse => ({ status, headers: { date: httpDate(0), ...headers }, body: '' });

/** The statuses the library understands, plus the two no shared cache here stores on their own (206, 304). */
const LIBRARY_STATUSES = new Set([200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405, 410, 414, 501, 206, 304]);

/** The deviations, in the order they are applied. */
export const DEVIATIONS: readonly Deviation[] = [
  {
    id: 'understood-status',
    clause: 'RFC 9111 §3: any final status the cache understands may be stored when the response says for how long',
    library: 'stores only the status codes in its own list (not 500 or 503, even with max-age)',
    // 302 is on the library's list and, like 500, not heuristically cacheable (RFC 9110 §15.1).
    adjust: (c) => (LIBRARY_STATUSES.has(c.response.status) ? c : { ...c, response: { ...c.response, status: 302 } }),
    example: { request: req(), response: res({ 'cache-control': 'max-age=60' }, 503), later: req(), after: 1 },
  },
  {
    id: 'directive-case',
    clause: 'RFC 9111 §5.2: cache directive names are compared case-insensitively',
    library: 'matches directive names case-sensitively',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, (l) => l.map(([n, v]) => [n.toLowerCase(), v])) }),
    example: { request: req(), response: res({ 'cache-control': 'No-Store' }), later: req(), after: 0 },
  },
  {
    id: 'duplicate-first',
    clause: 'RFC 9111 §4.2.1: with several values for one directive, use the first (or treat the response as stale)',
    library: 'keeps the last occurrence',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, firstOnly), later: withCacheControl(c.later, firstOnly) }),
    example: { request: req(), response: res({ 'cache-control': 'max-age=0, max-age=600' }), later: req(), after: 10 },
  },
  {
    id: 'invalid-delta-seconds',
    clause: 'RFC 9111 §1.2.2 and §4.2.1: delta-seconds is a non-negative whole number; invalid freshness information means stale',
    library: 'reads arguments with parseInt ("1.5" is 1, "-5" is -5)',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, (l) => l.map(([n, v]) => [n, v === undefined || /^"?\d+"?$/.test(v) ? v : '0'])) }),
    example: { request: req(), response: res({ 'cache-control': 'max-age=1.5' }), later: req(), after: 0 },
  },
  {
    id: 'set-cookie',
    clause: 'RFC 9111 §3 and §7.3: a shared cache may store a response with Set-Cookie (the origin marks it private if it must not)',
    library: 'gives a shared response with Set-Cookie a lifetime of 0 unless it is public or immutable (its README: "unwise")',
    adjust: (c) => {
      const headers: Record<string, string> = { ...c.response.headers };
      delete headers['set-cookie'];
      return { ...c, response: { ...c.response, headers } };
    },
    example: { request: req(), response: res({ 'cache-control': 'max-age=60', 'set-cookie': 'id=1' }), later: req(), after: 1 },
  },
  {
    id: 'immutable',
    clause: 'RFC 8246 §2: immutable does not extend the freshness lifetime',
    library: 'gives an immutable response without max-age a lifetime of at least 24 hours',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, (l) => l.filter(([n]) => n.toLowerCase() !== 'immutable')) }),
    example: { request: req(), response: res({ 'cache-control': 'immutable' }), later: req(), after: 1 },
  },
  {
    id: 'proxy-revalidate',
    clause: 'RFC 9111 §5.2.2.8: proxy-revalidate is must-revalidate for shared caches; it does not shorten the lifetime',
    library: 'gives a response with proxy-revalidate a lifetime of 0 in a shared cache',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, (l) => l.filter(([n]) => n.toLowerCase() !== 'proxy-revalidate')) }),
    reuse: (c, fresh) => (!fresh && has(c.response, 'proxy-revalidate') ? 'validate' : undefined),
    example: { request: req(), response: res({ 'cache-control': 'max-age=60, proxy-revalidate' }), later: req(), after: 1 },
  },
  {
    id: 'no-cache-lifetime',
    clause: 'RFC 9111 §5.2.2.4: no-cache requires validation before every reuse; it does not change the freshness lifetime',
    library: 'gives a response with no-cache a lifetime of 0, so a request with max-stale may reuse it without validation',
    adjust: (c) => ({ ...c, response: withCacheControl(c.response, (l) => l.filter(([n]) => n.toLowerCase() !== 'no-cache')) }),
    reuse: (c) => (has(c.response, 'no-cache') ? 'validate' : undefined),
    example: { request: req(), response: res({ 'cache-control': 'no-cache' }), later: req({ 'cache-control': 'max-stale' }), after: 1 },
  },
  {
    id: 's-maxage-stale',
    clause: 'RFC 9111 §5.2.2.10: s-maxage implies proxy-revalidate, so a stale response is never served without validation',
    library: 'lets max-stale serve a stale response that had s-maxage',
    reuse: (c, fresh) => (!fresh && has(c.response, 's-maxage') ? 'validate' : undefined),
    example: { request: req(), response: res({ 'cache-control': 's-maxage=10' }), later: req({ 'cache-control': 'max-stale' }), after: 20 },
  },
  {
    id: 'must-revalidate-fresh',
    clause: 'RFC 9111 §5.2.2.2: must-revalidate applies once the response is stale; a fresh one is served',
    library: 'validates every reuse of a response with must-revalidate, fresh or not',
    // Asked again without it (and without the Authorization that only must-revalidate let it store).
    adjustReuse: (c, fresh) =>
      fresh && has(c.response, 'must-revalidate')
        ? { ...c, request: req({}, c.request.method), response: withCacheControl(c.response, (l) => l.filter(([n]) => n !== 'must-revalidate')) }
        : undefined,
    example: { request: req(), response: res({ 'cache-control': 'max-age=60, must-revalidate' }), later: req(), after: 1 },
  },
  {
    id: 'max-stale-boundary',
    clause: 'RFC 9111 §5.2.1.2: max-stale accepts a response stale by no more than the value (equal is accepted)',
    library: 'accepts only staleness strictly below the value',
    adjust: (c) => {
      const cc = c.later.headers['cache-control'];
      const m = cc === undefined ? null : /max-stale=(\d+)/.exec(cc);
      return m ? { ...c, later: req({ ...c.later.headers, 'cache-control': cc!.replace(m[0], `max-stale=${Number(m[1]) + 0.5}`) }, c.later.method) } : c;
    },
    example: { request: req(), response: res({ 'cache-control': 'max-age=10' }), later: req({ 'cache-control': 'max-stale=5' }), after: 15 },
  },
];

/** The RFC 9111 answer for a case, from the library after the deviations, and which deviations changed it. */
function expected(c: Case): { storable: boolean; lifetime: number; reuse: Serve; used: string[] } {
  const raw = library(c);
  let adjusted = c;
  for (const d of DEVIATIONS) if (d.adjust) adjusted = d.adjust(adjusted);
  const answer = library(adjusted);
  const fresh = answer.lifetime > (c.response.headers.age ? Number(c.response.headers.age) : 0) + c.after;
  let reuseCase = adjusted;
  for (const d of DEVIATIONS) reuseCase = d.adjustReuse?.(reuseCase, fresh) ?? reuseCase;
  let reuse = library(reuseCase).reuse;
  for (const d of DEVIATIONS) reuse = d.reuse?.(c, fresh) ?? reuse;
  const used = DEVIATIONS.filter((d) => d.adjust?.(c) !== undefined && JSON.stringify(d.adjust(c)) !== JSON.stringify(c)).map((d) => d.id);
  if (reuse !== answer.reuse || raw.reuse !== answer.reuse) used.push('(reuse corrected)');
  return { ...answer, reuse, used };
}

// ---- The generator ----

// Small values often, so that boundaries (age equal to a lifetime or a limit) come up.
const seconds = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 12 }));
const name = (n: string) => fc.constantFrom(n, n.toUpperCase(), n[0]!.toUpperCase() + n.slice(1));
const responseDirective = fc.oneof(
  fc.constantFrom('public', 'private', 'no-store', 'no-cache', 'must-revalidate', 'proxy-revalidate', 'immutable'),
  fc.tuple(name('max-age'), seconds).map(([n, s]) => `${n}=${s}`),
  fc.tuple(name('s-maxage'), seconds).map(([n, s]) => `${n}=${s}`),
  seconds.map((s) => `max-age="${s}"`),
  fc.constantFrom('max-age=abc', 'max-age=-5', 'max-age=1.5', 's-maxage=x'),
);
const requestDirective = fc.oneof(
  fc.constantFrom('no-cache', 'no-store', 'max-stale'),
  seconds.map((s) => `max-age=${s}`),
  seconds.map((s) => `min-fresh=${s}`),
  seconds.map((s) => `max-stale=${s}`),
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const cases: fc.Arbitrary<Case> = fc
  .record({
    method: fc.constantFrom('GET', 'GET', 'HEAD'),
    status: fc.constantFrom(200, 200, 200, 203, 204, 206, 300, 301, 302, 304, 307, 308, 404, 410, 500, 503),
    responseCc: optional(fc.array(responseDirective, { minLength: 1, maxLength: 4 })),
    expires: optional(fc.oneof(fc.integer({ min: -600, max: 3600 }).map(httpDate), fc.constant('0'))),
    // Multiples of 10 s, so the 10 % heuristic is whole seconds for both (the lab rounds down; the library keeps fractions).
    lastModified: optional(fc.integer({ min: 0, max: 86400 }).map((d) => httpDate(-10 * d))),
    age: optional(fc.integer({ min: 0, max: 120 })),
    setCookie: fc.boolean(),
    authorization: fc.boolean(),
    storeCc: optional(fc.constantFrom('no-store', 'no-cache', 'max-age=0')),
    laterCc: optional(fc.array(requestDirective, { minLength: 1, maxLength: 2 })),
    after: fc.oneof(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 24 })),
  })
  .map((g) => {
    const headers: Record<string, string> = { date: httpDate(0) };
    if (g.responseCc) headers['cache-control'] = g.responseCc.join(', ');
    if (g.expires !== undefined) headers.expires = g.expires;
    if (g.lastModified !== undefined) headers['last-modified'] = g.lastModified;
    if (g.age !== undefined) headers.age = String(g.age);
    if (g.setCookie) headers['set-cookie'] = 'session=1';
    const requestHeaders: Record<string, string> = {};
    if (g.authorization) requestHeaders.authorization = 'Bearer t';
    if (g.storeCc) requestHeaders['cache-control'] = g.storeCc;
    return {
      request: req(requestHeaders, g.method),
      response: { status: g.status, headers, body: '' },
      later: req(g.laterCc ? { 'cache-control': g.laterCc.join(', ') } : {}, g.method),
      after: g.after,
    };
  });

/** Fails with the case, both answers, the deviations applied and the clause that decides. */
function compare(c: Case, what: 'storable' | 'lifetime' | 'reuse', clause: string): void {
  const rfc = expected(c);
  const yours = learner(c);
  if (yours[what] === rfc[what]) return;
  throw new LabAssertionError(
    `${what}: you say ${JSON.stringify(yours[what])}, RFC 9111 says ${JSON.stringify(rfc[what])} (${clause}).\n` +
      `  request:  ${c.request.method} ${JSON.stringify(c.request.headers)}\n` +
      `  response: ${c.response.status} ${JSON.stringify(c.response.headers)}\n` +
      (what === 'reuse' ? `  then at +${c.after} s: ${JSON.stringify(c.later.headers)}\n` : '') +
      `  http-cache-semantics' deviations accounted for: ${rfc.used.length ? rfc.used.join(', ') : 'none'}`,
    JSON.stringify(yours[what]),
    JSON.stringify(rfc[what]),
  );
}

describe('against http-cache-semantics 4.3 (a shared cache)', () => {
  it('storable or not, over 3000 generated exchanges (RFC 9111 §3)', () => {
    fc.assert(fc.property(cases, (c) => compare(c, 'storable', 'RFC 9111 §3, §3.5')), { numRuns: 3000 });
  });

  it('the freshness lifetime of every storable response (RFC 9111 §4.2.1, §4.2.2)', () => {
    fc.assert(
      fc.property(cases, (c) => {
        if (expected(c).storable) compare(c, 'lifetime', 'RFC 9111 §4.2.1, §4.2.2');
      }),
      { numRuns: 3000 },
    );
  });

  it('reuse without validation, for a later request with its own directives (RFC 9111 §4.2, §4.2.4, §5.2.1)', () => {
    fc.assert(
      fc.property(cases, (c) => {
        if (expected(c).storable) compare(c, 'reuse', 'RFC 9111 §4.2.3, §4.2.4, §5.2.1, §5.2.2');
      }),
      { numRuns: 3000 },
    );
  });
});

/** Exchanges placed exactly at, just before and just after a limit: max-age vs age, min-fresh and max-stale vs what is left. */
const boundaries: fc.Arbitrary<Case> = fc
  .record({
    lifetime: fc.integer({ min: 0, max: 100 }),
    limit: fc.constantFrom('max-age', 'min-fresh', 'max-stale', 'none'),
    value: fc.integer({ min: 0, max: 50 }),
    delta: fc.constantFrom(-1, 0, 1),
  })
  .map(({ lifetime, limit, value, delta }) => {
    // The age at which the limit's comparison flips, then one second either side.
    const flip = limit === 'max-age' ? value : limit === 'min-fresh' ? lifetime - value : limit === 'max-stale' ? lifetime + value : lifetime;
    return {
      request: req(),
      response: res({ 'cache-control': `max-age=${lifetime}` }),
      later: req(limit === 'none' ? {} : { 'cache-control': `${limit}=${value}` }),
      after: Math.max(0, flip + delta),
    };
  });

describe('at the boundaries', () => {
  it('reuse exactly at, just before and just after each request limit and the lifetime (RFC 9111 §4.2, §5.2.1)', () => {
    fc.assert(fc.property(boundaries, (c) => compare(c, 'reuse', 'RFC 9111 §4.2, §5.2.1.1–§5.2.1.3')), { numRuns: 500 });
  });
});

describe('the deviations listed are real', () => {
  it.each(DEVIATIONS.map((d) => [d.id, d] as const))('%s: the library answers otherwise without it', (_, d) => {
    const raw = library(d.example);
    const rfc = expected(d.example);
    expect([raw.storable, raw.lifetime, raw.reuse], `${d.library}; ${d.clause}`).not.toEqual([rfc.storable, rfc.lifetime, rfc.reuse]);
  });
});
