/**
 * Stage edge: a caching edge node as a sans-I/O state machine. Client requests
 * and upstream responses come in with the time; responses for clients and
 * requests for upstream (the shield or the origin) come out as events. It
 * collapses simultaneous misses into one upstream fetch, serves stale content
 * while revalidating or when upstream fails (RFC 5861), and says what it did
 * in a Cache-Status field on every response (RFC 9211).
 */
import { field, withFields, type HttpRequest, type HttpResponse } from '@impl/http.ts';
import type { EdgeEvent, EdgeOptions } from '@impl/edge-types.ts';
import { deltaSeconds, parseCacheControl } from './cache-control.ts';
import { HttpCache, type Entry, type Lookup } from './cache.ts';
import { dateValue } from './freshness.ts';
import { parseHttpDate } from './http-date.ts';

/** RFC 9211 §2.2: why a request went upstream. */
type Forward = 'uri-miss' | 'vary-miss' | 'stale' | 'request' | 'method';

/** A client waiting for an upstream fetch. */
interface Waiter {
  readonly client: number;
  readonly request: HttpRequest;
}

/** An upstream fetch in flight. */
interface Fetch {
  readonly key: string | undefined;
  readonly request: HttpRequest;
  readonly sentAt: number;
  readonly forward: Forward;
  /** The client whose request started it (none for a background revalidation). */
  readonly leader: Waiter | undefined;
  /** Clients whose identical requests were collapsed onto this fetch. */
  readonly waiters: Waiter[];
  /** The stored response being revalidated, if any. */
  readonly stale: Entry | undefined;
}

/** RFC 9110 §15.4.5: the fields a 304 sends that a 200 to the same request would have sent. */
const NOT_MODIFIED_FIELDS = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary'];

/** RFC 5861 §4: the upstream statuses after which stale-if-error may serve a stale response. */
const ERROR_STATUSES = new Set([500, 502, 503, 504]);

/** A caching edge: feed it requests, upstream responses and failures; act on the events it returns. */
export class Edge {
  /** The edge's cache (read it to inspect what is stored). */
  readonly cache: HttpCache;
  private readonly name: string;
  private readonly fetches = new Map<number, Fetch>();
  /** Fetch number by collapse key (method and URL), while one is in flight. */
  private readonly inFlight = new Map<string, number>();
  private nextFetch = 1;

  constructor(options: EdgeOptions) {
    this.name = options.name;
    this.cache = new HttpCache({ maxBytes: options.maxBytes });
  }

  /** A client's request arrives at `now` (ms). */
  request(client: number, request: HttpRequest, now: number): EdgeEvent[] {
    const waiter = { client, request };
    if (request.method !== 'GET' && request.method !== 'HEAD') return [this.startFetch(undefined, request, now, 'method', waiter, undefined)];
    const lookup = this.cache.lookup(request, now);
    if (lookup.kind === 'hit') return [this.fromCache(waiter, lookup.entry, lookup.age, [])];
    const onlyIfCached = parseCacheControl(field(request.headers, 'cache-control')).has('only-if-cached');
    if (onlyIfCached) {
      // RFC 9111 §5.2.1.7: no stored response it may use, so 504 without going upstream.
      return [{ type: 'respond', client, response: { status: 504, headers: { 'cache-status': `${this.name}; detail=only-if-cached` }, body: '' } }];
    }
    const key = `${request.method} ${request.url}`;
    if (lookup.kind === 'validate' && mayServeStale(lookup.entry, request, lookup.age, 'stale-while-revalidate')) {
      // RFC 5861 §3: answer now from the stale copy, refresh in the background (once).
      const events: EdgeEvent[] = [this.fromCache(waiter, lookup.entry, lookup.age, [])];
      if (!this.inFlight.has(key)) events.push(this.startFetch(key, conditionalRequest(request, lookup), now, 'stale', undefined, lookup.entry));
      return events;
    }
    const inFlight = this.inFlight.get(key);
    if (inFlight !== undefined) {
      this.fetches.get(inFlight)!.waiters.push(waiter);
      return [];
    }
    if (lookup.kind === 'miss') return [this.startFetch(key, request, now, lookup.reason === 'uri' ? 'uri-miss' : 'vary-miss', waiter, undefined)];
    const forward = lookup.age < lookup.entry.lifetime ? 'request' : 'stale';
    return [this.startFetch(key, conditionalRequest(request, lookup), now, forward, waiter, lookup.entry)];
  }

  /** Upstream answered fetch number `fetch` at `now` (ms). */
  response(fetch: number, response: HttpResponse, now: number): EdgeEvent[] {
    const f = this.finish(fetch);
    if (!f) return [];
    const exchange = { requestTime: f.sentAt, responseTime: now };
    const originalRequest = f.leader?.request ?? withoutConditionals(f.request);
    if (f.forward === 'method') {
      this.cache.invalidate(f.request, response);
      return [this.relay(f.leader!.client, response, f.forward, [`fwd-status=${response.status}`])];
    }
    if (f.stale && ERROR_STATUSES.has(response.status)) {
      const served = this.staleIfError(f, now, `fwd-status=${response.status}`);
      if (served) return served;
    }
    const events: EdgeEvent[] = [];
    if (response.status === 304 && f.stale) {
      // The 304 names another representation: fetch it in full for whoever waits.
      if (!this.cache.update(originalRequest, response, exchange)) return this.waiting(f).map((w) => this.startFetch(undefined, w.request, now, f.forward, w, undefined));
      const lookup = this.cache.lookup(originalRequest, now);
      if (f.leader && lookup.kind !== 'miss') events.push(this.fromCache(f.leader, lookup.entry, lookup.age, [`fwd=${f.forward}`, 'fwd-status=304']));
    } else {
      const stored = this.cache.store(originalRequest, response, exchange);
      if (f.leader) events.push(this.relay(f.leader.client, response, f.forward, [`fwd-status=${response.status}`, ...(stored ? ['stored'] : [])]));
    }
    for (const w of f.waiters) {
      const lookup = this.cache.lookup(w.request, now);
      // A response that cannot be shared (private, not storable, another variant) is fetched again for this client.
      if (lookup.kind === 'hit') events.push(this.fromCache(w, lookup.entry, lookup.age, [`fwd=${f.forward}`, `fwd-status=${response.status}`, 'collapsed']));
      else events.push(this.startFetch(undefined, w.request, now, f.forward, w, undefined));
    }
    return events;
  }

  /** Fetch number `fetch` failed at `now` (ms): upstream unreachable or timed out. */
  failure(fetch: number, now: number): EdgeEvent[] {
    const f = this.finish(fetch);
    if (!f) return [];
    const served = f.stale ? this.staleIfError(f, now, 'detail=upstream-failed') : undefined;
    if (served) return served;
    return this.waiting(f).map((w) => ({
      type: 'respond',
      client: w.client,
      response: { status: 502, headers: { 'cache-status': `${this.name}; fwd=${f.forward}; detail=upstream-failed` }, body: '' },
    }));
  }

  private startFetch(key: string | undefined, request: HttpRequest, now: number, forward: Forward, leader: Waiter | undefined, stale: Entry | undefined): EdgeEvent {
    const fetch = this.nextFetch++;
    this.fetches.set(fetch, { key, request, sentAt: now, forward, leader, waiters: [], stale });
    if (key !== undefined) this.inFlight.set(key, fetch);
    return { type: 'fetch', fetch, request };
  }

  private finish(fetch: number): Fetch | undefined {
    const f = this.fetches.get(fetch);
    if (!f) return undefined;
    this.fetches.delete(fetch);
    if (f.key !== undefined && this.inFlight.get(f.key) === fetch) this.inFlight.delete(f.key);
    return f;
  }

  private waiting(f: Fetch): Waiter[] {
    return f.leader ? [f.leader, ...f.waiters] : f.waiters;
  }

  /** RFC 5861 §4: every waiting client gets the stale copy, if its stale-if-error window allows. */
  private staleIfError(f: Fetch, now: number, status: string): EdgeEvent[] | undefined {
    const entry = f.stale!;
    const events: EdgeEvent[] = [];
    for (const w of this.waiting(f)) {
      const lookup = this.cache.lookup(w.request, now);
      if (lookup.kind === 'miss' || lookup.entry !== entry || !mayServeStale(entry, w.request, lookup.age, 'stale-if-error')) return undefined;
      events.push(this.fromCache(w, entry, lookup.age, ['fwd=stale', status]));
    }
    return events;
  }

  /**
   * A stored response for a client: Age set, Cache-Status appended (`hit`
   * unless `params` says it went upstream). When the client's own conditional
   * says it already holds this response, a 304 instead (RFC 9111 §4.3.2).
   */
  private fromCache(waiter: Waiter, entry: Entry, age: number, params: string[]): EdgeEvent {
    const ttl = `ttl=${Math.floor(entry.lifetime - age)}`;
    const status = params.length ? [...params, ttl] : ['hit', ttl];
    const ours = { age: String(Math.floor(age)), 'cache-status': this.appendStatus(entry.response, status) };
    const response: HttpResponse = notModified(waiter.request, entry)
      ? { status: 304, headers: withFields(notModifiedFields(entry.response), ours), body: '' }
      : { ...entry.response, headers: withFields(entry.response.headers, ours) };
    return { type: 'respond', client: waiter.client, response };
  }

  /** An upstream response passed on as it came, with this edge's Cache-Status appended. */
  private relay(client: number, response: HttpResponse, forward: Forward, params: string[]): EdgeEvent {
    const headers = withFields(response.headers, { 'cache-status': this.appendStatus(response, [`fwd=${forward}`, ...params]) });
    return { type: 'respond', client, response: { ...response, headers } };
  }

  /** RFC 9211 §2: each cache appends its member, so the client's nearest cache comes last. */
  private appendStatus(response: HttpResponse, params: string[]): string {
    const ours = [this.name, ...params].join('; ');
    const upstream = field(response.headers, 'cache-status');
    return upstream === undefined ? ours : `${upstream}, ${ours}`;
  }
}

/**
 * RFC 5861 §3–4: a stale response may be served when it has been stale for no
 * longer than the response's `extension` window, the client did not ask for
 * a fresh one (`no-cache`), and no directive forbids serving it stale
 * (RFC 9111 §4.2.4).
 */
function mayServeStale(entry: Entry, request: HttpRequest, age: number, extension: 'stale-while-revalidate' | 'stale-if-error'): boolean {
  const res = parseCacheControl(field(entry.response.headers, 'cache-control'));
  const req = parseCacheControl(field(request.headers, 'cache-control'));
  if (['no-cache', 'must-revalidate', 'proxy-revalidate', 's-maxage'].some((d) => res.has(d)) || req.has('no-cache')) return false;
  const window = deltaSeconds(res, extension);
  return typeof window === 'number' && age >= entry.lifetime && age - entry.lifetime <= window;
}

/**
 * RFC 9111 §4.3.2 in RFC 9110 §13.2.2's order: whether the client's own
 * conditional says it already holds the stored response. If-None-Match wins
 * when present: `*`, or any tag of its list equal to the stored ETag by weak
 * comparison (§13.1.1, §8.8.3.2). Otherwise If-Modified-Since, when it is a
 * valid date no earlier than the stored Last-Modified (or Date, §4.3.2)
 * (§13.1.3). Only a 2xx is ever answered with a 304 (§13.2.1).
 */
function notModified(request: HttpRequest, entry: Entry): boolean {
  const { response } = entry;
  if (response.status < 200 || response.status > 299) return false;
  const noneMatch = field(request.headers, 'if-none-match');
  if (noneMatch !== undefined) {
    if (noneMatch.trim() === '*') return true;
    const etag = field(response.headers, 'etag');
    return etag !== undefined && entityTags(noneMatch).includes(opaqueTag(etag));
  }
  const sinceText = field(request.headers, 'if-modified-since');
  const since = sinceText === undefined ? undefined : parseHttpDate(sinceText, entry.responseTime);
  if (since === undefined) return false;
  const lastModifiedText = field(response.headers, 'last-modified');
  const lastModified = (lastModifiedText === undefined ? undefined : parseHttpDate(lastModifiedText, entry.responseTime)) ?? dateValue(response, entry.responseTime);
  return lastModified <= since;
}

/** RFC 9110 §8.8.3: the opaque tags of an entity-tag list (commas may sit inside the quotes). */
function entityTags(list: string): string[] {
  return (list.match(/(?:W\/)?"[^"]*"/g) ?? []).map(opaqueTag);
}

/** An entity tag without its weakness indicator: what weak comparison compares (§8.8.3.2). */
function opaqueTag(tag: string): string {
  const trimmed = tag.trim();
  return trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed;
}

/** RFC 9110 §15.4.5: the fields of the stored response a 304 carries; no content, no other metadata. */
function notModifiedFields(response: HttpResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of NOT_MODIFIED_FIELDS) {
    const value = field(response.headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The client's request with the stored response's validators added (RFC 9110 §13.1). */
function conditionalRequest(request: HttpRequest, lookup: Extract<Lookup, { kind: 'validate' }>): HttpRequest {
  return { ...request, headers: withFields(request.headers, lookup.conditional) };
}

function withoutConditionals(request: HttpRequest): HttpRequest {
  return { ...request, headers: withFields(request.headers, { 'if-none-match': undefined, 'if-modified-since': undefined }) };
}
