/**
 * A WebSocket server on node:http (RFC 6455 §4.2): an ordinary HTTP server
 * whose `upgrade` event hands over the socket of any request with an
 * Upgrade header. The handshake and the connection are this lab's sans-I/O
 * code; this file only moves bytes between them and the socket.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HandshakeError } from '@impl/close-codes.ts';
import type { ServerOptions, WebSocketServer } from '@impl/server-types.ts';
import type { OpeningRequest } from '@impl/handshake-types.ts';
import { WebSocketConnection } from './connection.ts';
import { acceptResponse, parseOpeningHandshake, rejectResponse } from './handshake.ts';
import { attach } from './transport.ts';

/**
 * Listens on `options.host`:`options.port`. Each upgrade request is checked
 * with parseOpeningHandshake: a bad one gets rejectResponse and its socket is
 * closed; a good one gets acceptResponse and a server-role
 * WebSocketConnection driven by `attach`. Plain HTTP requests get 426.
 */
export async function listenWebSocket(options: ServerOptions): Promise<WebSocketServer> {
  throw new Error("TODO(real-peers): createServer from node:http, handle its 'upgrade' event, listen, resolve with the port");
}
