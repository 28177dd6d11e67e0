/**
 * Stage proxy: the edge on real sockets. An HTTP server (node:http) turns each
 * client request into an Edge event, and each `fetch` event into a request to
 * the origin; the edge itself never touches a socket.
 */
import type { EdgeEvent, EdgeProxy, ProxyOptions } from '@impl/edge-types.ts';

/**
 * Starts the edge proxy on 127.0.0.1, on a port the system chooses. Client
 * requests go to an Edge (their URL is the origin's base plus the request's
 * path and query); each fetch event is a request to the origin (use fetch);
 * connection-specific fields (RFC 9110 §7.6.1) are not forwarded either way.
 */
export async function startEdgeProxy(options: ProxyOptions): Promise<EdgeProxy> {
  throw new Error('TODO(proxy): a node:http server around an Edge');
}
