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

/** RFC 9110 §9.2.2. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

// RFC 9110 §7.6.1: hop-by-hop fields describe one connection and are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** The status and body of one backend's answer, or why there was none. */
type Attempt = { ok: true; response: http.IncomingMessage } | { ok: false; reason: string };

/** Sends one request to one backend; resolves when the response headers arrive or the attempt fails. */
function attempt(origin: string, request: http.IncomingMessage, body: Buffer, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const url = new URL(request.url ?? '/', origin);
    // agent: false — one connection per request, so a killed backend never leaves a stale pooled socket behind.
    const outgoing = http.request(url, { method: request.method, headers: { ...endToEnd(request.headers), host: url.host }, agent: false });
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve({ ok: false, reason: `no answer from ${origin} within ${timeoutMs} ms` });
    }, timeoutMs);
    outgoing.on('response', (response) => {
      clearTimeout(timer);
      resolve({ ok: true, response });
    });
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `${origin}: ${error.message}` });
    });
    outgoing.end(body);
  });
}

/** A reverse proxy server (not yet listening): call `.listen(port, '127.0.0.1')`. Throws RangeError for no backends. */
export function createProxy(options: ProxyOptions): http.Server {
  const { backends } = options;
  if (backends.length === 0) throw new RangeError('createProxy: needs at least one backend');
  const timeoutMs = options.timeoutMs ?? 1000;
  let next = 0;
  return http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const tries = IDEMPOTENT.has(request.method ?? '') ? backends.length : 1;
      const reasons: string[] = [];
      for (let i = 0; i < tries; i++) {
        const origin = backends[next]!;
        next = (next + 1) % backends.length;
        const result = await attempt(origin, request, body, timeoutMs);
        if (result.ok) {
          response.writeHead(result.response.statusCode ?? 502, endToEnd(result.response.headers));
          result.response.pipe(response);
          return;
        }
        reasons.push(result.reason);
      }
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`bad gateway: ${reasons.join('; ')}\n`);
    });
  });
}
