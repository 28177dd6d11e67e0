/**
 * A WebSocket server on node:http (RFC 6455 §4.2): an ordinary HTTP server
 * whose `upgrade` event hands over the socket of any request with an
 * Upgrade header. The handshake and the connection are this lab's sans-I/O
 * code; this file only moves bytes between them and the socket.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HandshakeError } from '@impl/close-codes.ts';
import type { OpeningRequest } from '@impl/handshake-types.ts';
import type { ServerOptions, WebSocketServer } from '@impl/server-types.ts';
import { WebSocketConnection } from './connection.ts';
import { acceptResponse, parseOpeningHandshake, rejectResponse } from './handshake.ts';
import { attach } from './transport.ts';

/** The request head as it came, rebuilt from what node:http parsed, for parseOpeningHandshake. */
function requestHead(request: IncomingMessage): string {
  const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
  for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/**
 * Listens on `options.host`:`options.port`. Each upgrade request is checked
 * with parseOpeningHandshake: a bad one gets rejectResponse and its socket is
 * closed; a good one gets acceptResponse and a server-role
 * WebSocketConnection driven by `attach`. Plain HTTP requests get 426.
 */
export function listenWebSocket(options: ServerOptions): Promise<WebSocketServer> {
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => {
    response.writeHead(426, { 'Sec-WebSocket-Version': '13', Upgrade: 'websocket', 'Content-Type': 'text/plain' }).end('This is a WebSocket server.\n');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let opening: OpeningRequest;
    try {
      opening = parseOpeningHandshake(requestHead(request));
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      socket.end(rejectResponse(error));
      return;
    }
    const protocol = opening.protocols.find((p) => options.protocols?.includes(p));
    socket.write(acceptResponse(opening, protocol));
    const connection = new WebSocketConnection({
      role: 'server',
      ...(options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize }),
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.pongTimeoutMs === undefined ? {} : { pongTimeoutMs: options.pongTimeoutMs }),
      ...(options.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: options.closeTimeoutMs }),
    });
    const peer = attach(connection, socket, options, new Uint8Array(head));
    options.onOpen?.(peer, opening, protocol);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : options.port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
