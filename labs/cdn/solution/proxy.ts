/**
 * Stage proxy: the edge on real sockets. An HTTP server (node:http) turns each
 * client request into an Edge event, and each `fetch` event into a request to
 * the origin; the edge itself never touches a socket.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fields, HttpResponse } from '@impl/http.ts';
import type { EdgeEvent, EdgeProxy, ProxyOptions } from '@impl/edge-types.ts';
import { Edge } from './edge.ts';

/** RFC 9110 §7.6.1: connection-specific fields a proxy must not forward. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

/** Starts the edge proxy on 127.0.0.1, on a port the system chooses. */
export async function startEdgeProxy(options: ProxyOptions): Promise<EdgeProxy> {
  const edge = new Edge({ name: options.name, maxBytes: options.maxBytes });
  const clients = new Map<number, ServerResponse>();
  let nextClient = 1;

  const act = (events: EdgeEvent[]): void => {
    for (const event of events) {
      if (event.type === 'respond') {
        const res = clients.get(event.client);
        clients.delete(event.client);
        res?.writeHead(event.response.status, { ...event.response.headers }).end(event.response.body);
        continue;
      }
      const { fetch: id, request } = event;
      const target = new URL(new URL(request.url).pathname + new URL(request.url).search, options.origin);
      fetch(target, { method: request.method, headers: { ...request.headers }, ...(request.body ? { body: request.body } : {}) })
        .then(async (response) => {
          const body = await response.text();
          act(edge.response(id, { status: response.status, headers: fromFetch(response.headers), body }, options.now()));
        })
        .catch(() => act(edge.failure(id, options.now())));
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const client = nextClient++;
      clients.set(client, res);
      const url = new URL(req.url ?? '/', options.origin).href;
      const body = Buffer.concat(chunks).toString();
      act(edge.request(client, { method: req.method ?? 'GET', url, headers: fromNode(req.headers), ...(body ? { body } : {}) }, options.now()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** node:http's headers as Fields: repeated fields joined by ", ", hop-by-hop fields left out. */
function fromNode(headers: IncomingHttpHeaders): Fields {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** fetch's Headers as Fields, hop-by-hop fields left out (fetch already decoded the body). */
function fromFetch(headers: Headers): HttpResponse['headers'] {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
  });
  return out;
}
