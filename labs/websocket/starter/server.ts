/**
 * A WebSocket server on node:http (RFC 6455 §4.2): an ordinary HTTP server
 * whose `upgrade` event hands over the socket of any request with an
 * Upgrade header. The handshake and the connection are this lab's sans-I/O
 * code; this file only moves bytes between them and the socket.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HandshakeError } from '@impl/close-codes.ts';
import { WebSocketConnection } from './connection.ts';
import { acceptResponse, parseOpeningHandshake, rejectResponse, type OpeningRequest } from './handshake.ts';
import { attach, type Handlers, type Peer } from './transport.ts';

export interface ServerOptions extends Handlers {
  /** Address to bind; the lab's tests use '127.0.0.1'. */
  host: string;
  /** 0 lets the system choose. */
  port: number;
  /** Subprotocols this server speaks; it picks the first the client offers (RFC 6455 §4.2.2 item 5.5). */
  protocols?: string[];
  /** Passed to each WebSocketConnection. */
  maxMessageSize?: number;
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  closeTimeoutMs?: number;
  /** Called once a connection is open, with what the handshake said and the subprotocol chosen. */
  onOpen?(peer: Peer, request: OpeningRequest, protocol: string | undefined): void;
}

/** A running server. */
export interface WebSocketServer {
  /** The port actually bound. */
  port: number;
  /** Stops listening and drops every connection; resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Listens on `options.host`:`options.port`. Each upgrade request is checked
 * with parseOpeningHandshake: a bad one gets rejectResponse and its socket is
 * closed; a good one gets acceptResponse and a server-role
 * WebSocketConnection driven by `attach`. Plain HTTP requests get 426.
 */
export async function listenWebSocket(options: ServerOptions): Promise<WebSocketServer> {
  throw new Error("TODO(real-peers): createServer from node:http, handle its 'upgrade' event, listen, resolve with the port");
}
