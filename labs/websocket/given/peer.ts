/**
 * What the application holds once a connection runs over a real socket:
 * the open connection (Peer) and the handlers for what arrives on it.
 */
import type { ConnectionEvent } from './connection-types.ts';

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
