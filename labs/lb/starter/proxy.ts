/**
 * Stage proxy: a layer-7 reverse proxy over node:http, balancing requests
 * (not connections) round robin over its backends, as Nginx's `proxy_pass`
 * to an upstream or HAProxy in `mode http` do. When a backend cannot be
 * reached, resets the connection or does not answer in time, an idempotent
 * request (RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE) is tried
 * on the next backend, as Nginx's `proxy_next_upstream error timeout` does;
 * any other method gets 502 and is never sent twice, because the first
 * backend may already have acted on it.
 */
import http from 'node:http';

/** Where to send requests, and how long to wait for an answer. */
export interface ProxyOptions {
  /** Backend origins, e.g. "http://127.0.0.1:8081". */
  backends: readonly string[];
  /** How long to wait for a backend's response headers before giving up on it, in ms. Default 1000. */
  timeoutMs?: number;
}

/** A reverse proxy server (not yet listening): call `.listen(port, '127.0.0.1')`. Throws RangeError for no backends. */
export function createProxy(options: ProxyOptions): http.Server {
  void options;
  return http.createServer((_request, response) => {
    response.writeHead(501, { 'content-type': 'text/plain' });
    response.end('TODO(proxy): forward the request to a backend\n');
  });
}
