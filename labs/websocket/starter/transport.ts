/**
 * Drives a sans-I/O WebSocketConnection over a real socket (node:net):
 * socket data into `receive`, the wall clock into `tick`, the connection's
 * output onto the socket and its events to the application. Server and
 * client both use it once their handshake is done.
 */
import type { Socket } from 'node:net';
import type { ConnectionEvent, WebSocketConnection } from './connection.ts';

/** What the application can do with an open connection. */
export interface Peer {
  /** Sends a text message; false if the connection is no longer open. */
  sendText(text: string): boolean;
  /** Sends a binary message; false if the connection is no longer open. */
  sendBinary(data: Uint8Array): boolean;
  /** Sends a Ping; false if the connection is no longer open. */
  ping(payload?: Uint8Array): boolean;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Resolves with the connection's close event once it is over and the socket is closed. */
  closed: Promise<Extract<ConnectionEvent, { type: 'close' }>>;
}

/** What the application is told; every handler is optional. */
export interface Handlers {
  onMessage?(peer: Peer, data: string | Uint8Array): void;
  onPing?(peer: Peer, payload: Uint8Array): void;
  onPong?(peer: Peer, payload: Uint8Array): void;
  onClose?(peer: Peer, event: Extract<ConnectionEvent, { type: 'close' }>): void;
}

/** How often the connection's clock is advanced, ms. */
export const TICK_MS = 20;

/** Runs `connection` over `socket`; `initial` holds bytes read past the handshake's head. */
export function attach(connection: WebSocketConnection, socket: Socket, handlers: Handlers, initial?: Uint8Array): Peer {
  throw new Error("TODO(real-peers): socket 'data' into receive, a timer into tick, output onto the socket, events to the handlers");
}
