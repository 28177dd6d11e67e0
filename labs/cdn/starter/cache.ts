/**
 * Stage cache: a shared HTTP cache keyed by method and URL (RFC 9111 §4) with
 * Vary's secondary keys (§4.1), conditional revalidation and 304 merging
 * (§4.3), invalidation after unsafe methods (§4.4) and a size bound with
 * least-recently-used eviction.
 */
import type { Fields, HttpRequest, HttpResponse } from '@impl/http.ts';
import type { Exchange } from '@impl/cache-types.ts';

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

/** A shared cache holding at most `maxBytes` of bodies. */
export class HttpCache {
  private readonly maxBytes: number;

  constructor(options: { maxBytes: number }) {
    this.maxBytes = options.maxBytes;
  }

  /** Stored bytes: the sum of the stored bodies' lengths. */
  get size(): number {
    throw new Error('TODO(cache): the bytes held');
  }

  /** How many responses are stored, over every key and variant. */
  get count(): number {
    throw new Error('TODO(cache): the responses held');
  }

  /** Finds the stored response for `request` at time `now` (ms) and says whether it may be served. */
  lookup(request: HttpRequest, now: number): Lookup {
    throw new Error('TODO(cache): primary key, then Vary, then the reuse decision');
  }

  /**
   * Stores `response` to `request` if §3 allows it, `Vary: *` does not rule
   * out every match, and its body fits in `maxBytes`; it replaces a stored
   * variant with the same secondary key, then the least recently used
   * entries go until everything fits. Returns whether it was stored.
   */
  store(request: HttpRequest, response: HttpResponse, exchange: Exchange): boolean {
    throw new Error('TODO(cache): store, replace, evict');
  }

  /**
   * RFC 9111 §4.3.4: a 304 for `request` freshens the stored variant it
   * validated, unless the 304 carries an ETag other than the stored one.
   * The stored header fields are replaced by the 304's, except
   * Content-Length, Content-Encoding, Transfer-Encoding and Content-Range
   * (§3.2); the body stays. Returns the updated response, or undefined when
   * nothing was updated (then fetch it in full).
   */
  update(request: HttpRequest, notModified: HttpResponse, exchange: Exchange): HttpResponse | undefined {
    throw new Error('TODO(cache): merge a 304 into the stored response');
  }

  /**
   * RFC 9111 §4.4: after an unsafe request gets a non-error (2xx or 3xx)
   * response, drop every stored response for its URL, and for the URLs in
   * Location and Content-Location when they have the same origin.
   */
  invalidate(request: HttpRequest, response: HttpResponse): void {
    throw new Error('TODO(cache): invalidate after an unsafe method');
  }
}
