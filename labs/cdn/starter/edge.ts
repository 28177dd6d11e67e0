/**
 * Stage edge: a caching edge node as a sans-I/O state machine. Client requests
 * and upstream responses come in with the time; responses for clients and
 * requests for upstream (the shield or the origin) come out as events. It
 * collapses simultaneous misses into one upstream fetch, serves stale content
 * while revalidating or when upstream fails (RFC 5861), and says what it did
 * in a Cache-Status field on every response (RFC 9211).
 */
import type { HttpRequest, HttpResponse } from '@impl/http.ts';
import type { EdgeEvent, EdgeOptions } from '@impl/edge-types.ts';
import { HttpCache } from './cache.ts';

/**
 * A caching edge: feed it requests, upstream responses and failures; act on
 * the events it returns. Every response it gives a client carries its
 * Cache-Status member (RFC 9211) appended to any from upstream: `hit` and
 * `ttl` when served from the cache (Age set in whole seconds); otherwise
 * `fwd` (uri-miss, vary-miss, stale, request or method), `fwd-status`,
 * `stored` when the answer was stored, `collapsed` for clients that waited
 * on another's fetch, and `ttl` whenever a stored response is served.
 * A client that already holds the stored response, by its own If-None-Match
 * or If-Modified-Since, gets a 304 from the cache (RFC 9111 §4.3.2).
 */
export class Edge {
  /** The edge's cache (read it to inspect what is stored). */
  readonly cache: HttpCache;

  constructor(options: EdgeOptions) {
    this.cache = new HttpCache({ maxBytes: options.maxBytes });
  }

  /** A client's request arrives at `now` (ms). */
  request(client: number, request: HttpRequest, now: number): EdgeEvent[] {
    throw new Error('TODO(edge): hit, collapse onto a fetch in flight, serve stale, or fetch');
  }

  /** Upstream answered fetch number `fetch` at `now` (ms). */
  response(fetch: number, response: HttpResponse, now: number): EdgeEvent[] {
    throw new Error('TODO(edge): store or merge, answer the leader, then every waiting client');
  }

  /** Fetch number `fetch` failed at `now` (ms): upstream unreachable or timed out. */
  failure(fetch: number, now: number): EdgeEvent[] {
    throw new Error('TODO(edge): stale-if-error, or 502 for everyone waiting');
  }
}
