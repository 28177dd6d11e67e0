/**
 * Stage cache: a shared HTTP cache keyed by method and URL (RFC 9111 §4) with
 * Vary's secondary keys (§4.1), conditional revalidation and 304 merging
 * (§4.3), invalidation after unsafe methods (§4.4) and a size bound with
 * least-recently-used eviction.
 */
import { field, type Fields, type HttpRequest, type HttpResponse } from '@impl/http.ts';
import type { Exchange } from '@impl/cache-types.ts';
import { currentAge, reuseDecision } from './age.ts';
import { freshnessLifetime, isStorable } from './freshness.ts';

/** One stored response, with the request that brought it (for Vary) and when. */
export interface Entry extends Exchange {
  readonly request: HttpRequest;
  readonly response: HttpResponse;
  /** Freshness lifetime in seconds (freshnessLifetime at store time). */
  readonly lifetime: number;
  /** Its age when it arrived (currentAge at the response time), so a lookup only adds the time resident. */
  readonly initialAge: number;
  /** The request fields its Vary names, lower-cased. */
  readonly vary: readonly string[];
  /** Those fields' values in `request`, normalized, in the same order (worked out once: every lookup compares them). */
  readonly varyValues: readonly (string | undefined)[];
}

/** The result of looking a request up. */
export type Lookup =
  /** Nothing stored under the method and URL (`uri`) or no variant matching the request's Vary fields (`vary`). */
  | { readonly kind: 'miss'; readonly reason: 'uri' | 'vary' }
  /** A stored response that may be served now, `age` seconds old. */
  | { readonly kind: 'hit'; readonly entry: Entry; readonly age: number; readonly stale: boolean }
  /**
   * A stored response that needs the origin's word first: send the request
   * with `conditional` added (If-None-Match from its ETag, If-Modified-Since
   * from its Last-Modified; empty when it has neither).
   */
  | { readonly kind: 'validate'; readonly entry: Entry; readonly age: number; readonly conditional: Fields };

const URI_MISS: Lookup = { kind: 'miss', reason: 'uri' };
const VARY_MISS: Lookup = { kind: 'miss', reason: 'vary' };

/** RFC 9110 §9.2.1: the safe methods; any other method invalidates (§4.4). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** RFC 9111 §3.2: fields a 304 must not change in the stored response (they describe the stored body). */
const KEPT_ON_UPDATE = ['content-length', 'content-encoding', 'transfer-encoding', 'content-range'];

/** A shared cache holding at most `maxBytes` of bodies. */
export class HttpCache {
  private readonly maxBytes: number;
  /** Stored responses by URL; the method, the rest of the primary key, is matched in the list (one hash of the URL per lookup). */
  private readonly variants = new Map<string, Entry[]>();
  /** Every entry, least recently used first. */
  private readonly recency = new Set<Entry>();
  private bytes = 0;

  constructor(options: { maxBytes: number }) {
    this.maxBytes = options.maxBytes;
  }

  /** Stored bytes: the sum of the stored bodies' lengths. */
  get size(): number {
    return this.bytes;
  }

  /** How many responses are stored, over every key and variant. */
  get count(): number {
    return this.recency.size;
  }

  /** Finds the stored response for `request` at time `now` (ms) and says whether it may be served. */
  lookup(request: HttpRequest, now: number): Lookup {
    const candidates = this.variants.get(request.url);
    if (!candidates) return URI_MISS;
    const entry = findVariant(candidates, request);
    if (!entry) return candidates.some((e) => e.request.method === request.method) ? VARY_MISS : URI_MISS;
    this.touch(entry);
    const age = entry.initialAge + (now - entry.responseTime) / 1000;
    const reuse = reuseDecision(request, entry.response, entry.lifetime, age);
    if (reuse !== 'validate') return { kind: 'hit', entry, age, stale: reuse === 'stale-ok' };
    const conditional: Record<string, string> = {};
    const etag = field(entry.response.headers, 'etag');
    const lastModified = field(entry.response.headers, 'last-modified');
    if (etag !== undefined) conditional['if-none-match'] = etag;
    if (lastModified !== undefined) conditional['if-modified-since'] = lastModified;
    return { kind: 'validate', entry, age, conditional };
  }

  /**
   * Stores `response` to `request` if §3 allows it, `Vary: *` does not rule
   * out every match, and its body fits in `maxBytes`; it replaces a stored
   * variant with the same secondary key, then the least recently used
   * entries go until everything fits. Returns whether it was stored.
   */
  store(request: HttpRequest, response: HttpResponse, exchange: Exchange): boolean {
    if (!isStorable(request, response)) return false;
    const entry = makeEntry(request, response, exchange);
    if (entry.vary.includes('*')) return false;
    if (response.body.length > this.maxBytes) return false;
    const same = this.variants.get(request.url)?.find((e) => e.request.method === request.method && sameSecondaryKey(e, entry));
    if (same) this.remove(same);
    this.add(entry);
    for (const oldest of this.recency) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
    return true;
  }

  /**
   * RFC 9111 §4.3.4: a 304 for `request` freshens the stored variant it
   * validated, unless the 304 carries an ETag other than the stored one.
   * The stored header fields are replaced by the 304's, except those of
   * KEPT_ON_UPDATE; the body stays. Returns the updated response, or
   * undefined when nothing was updated (then fetch it in full).
   */
  update(request: HttpRequest, notModified: HttpResponse, exchange: Exchange): HttpResponse | undefined {
    const candidates = this.variants.get(request.url);
    const entry = candidates && findVariant(candidates, request);
    if (!entry) return undefined;
    const newTag = field(notModified.headers, 'etag');
    if (newTag !== undefined && newTag !== field(entry.response.headers, 'etag')) return undefined;
    const headers: Record<string, string> = { ...entry.response.headers };
    for (const [name, value] of Object.entries(notModified.headers)) {
      if (!KEPT_ON_UPDATE.includes(name)) headers[name] = value;
    }
    const response: HttpResponse = { status: entry.response.status, headers, body: entry.response.body };
    const updated = makeEntry(entry.request, response, exchange);
    this.remove(entry);
    this.add(updated);
    return response;
  }

  /**
   * RFC 9111 §4.4: after an unsafe request gets a non-error (2xx or 3xx)
   * response, drop every stored response for its URL, and for the URLs in
   * Location and Content-Location when they have the same origin.
   */
  invalidate(request: HttpRequest, response: HttpResponse): void {
    if (SAFE_METHODS.has(request.method) || response.status < 200 || response.status >= 400) return;
    const targets = [request.url];
    for (const name of ['location', 'content-location']) {
      const value = field(response.headers, name);
      if (value === undefined) continue;
      const url = URL.parse(value, request.url);
      if (url && url.origin === new URL(request.url).origin) targets.push(url.href);
    }
    for (const url of targets) for (const entry of this.variants.get(url) ?? []) this.remove(entry);
  }

  private touch(entry: Entry): void {
    this.recency.delete(entry);
    this.recency.add(entry);
  }

  private add(entry: Entry): void {
    this.variants.set(entry.request.url, [...(this.variants.get(entry.request.url) ?? []), entry]);
    this.recency.add(entry);
    this.bytes += entry.response.body.length;
  }

  private remove(entry: Entry): void {
    const key = entry.request.url;
    const rest = (this.variants.get(key) ?? []).filter((e) => e !== entry);
    if (rest.length) this.variants.set(key, rest);
    else this.variants.delete(key);
    this.recency.delete(entry);
    this.bytes -= entry.response.body.length;
  }
}

/** An entry with what every lookup needs worked out once. */
function makeEntry(request: HttpRequest, response: HttpResponse, exchange: Exchange): Entry {
  const vary = varyFields(response);
  return {
    request,
    response,
    ...exchange,
    lifetime: freshnessLifetime(response, exchange.responseTime).seconds,
    initialAge: currentAge(response, exchange, exchange.responseTime),
    vary,
    varyValues: vary.map((name) => normalize(request.headers[name])),
  };
}

/** The field names a response's Vary lists, lower-cased. */
function varyFields(response: HttpResponse): string[] {
  const vary = field(response.headers, 'vary');
  return vary === undefined ? [] : vary.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
}

/** The first of `list` stored for `request`'s method whose Vary fields match (a plain loop: this runs on every lookup). */
function findVariant(list: readonly Entry[], request: HttpRequest): Entry | undefined {
  for (const entry of list) if (entry.request.method === request.method && varyMatches(entry, request)) return entry;
  return undefined;
}

/** §4.1: every field Vary names has the same value (or is absent in both) in the stored and the presented request. */
function varyMatches(entry: Entry, request: HttpRequest): boolean {
  for (let i = 0; i < entry.vary.length; i++) {
    if (entry.varyValues[i] !== normalize(request.headers[entry.vary[i]!])) return false;
  }
  return true;
}

function sameSecondaryKey(a: Entry, b: Entry): boolean {
  return varyMatches(a, b.request) && varyMatches(b, a.request);
}

/** §4.1 allows normalizing: whitespace around list members does not make a difference. */
function normalize(value: string | undefined): string | undefined {
  if (value === undefined || !value.includes(',')) return value?.trim();
  return value.split(',').map((part) => part.trim()).join(',');
}
