/**
 * The sans-I/O connection's interface (RFC 6455 §7): its states, the events
 * the application is told, and its options.
 */
import type { Role } from './frame-types.ts';

/** Where the closing handshake stands (RFC 6455 §7). */
export type ConnectionState = 'open' | 'closing' | 'closed';

/** What the application is told. */
export type ConnectionEvent =
  | { type: 'message'; data: string | Uint8Array }
  | { type: 'ping'; payload: Uint8Array }
  | { type: 'pong'; payload: Uint8Array }
  /**
   * The connection is over. `code` is the peer's status code (1005 if its
   * Close had none), the code this end failed with, or 1006 if it ended
   * with no Close handshake; `wasClean` is true only after both Close frames.
   */
  | { type: 'close'; code: number; reason: string; wasClean: boolean };

/** How a connection behaves: its role, limits and timers. */
export interface ConnectionOptions {
  role: Role;
  /** Largest message accepted, in bytes (1009 beyond). Default: no limit. */
  maxMessageSize?: number;
  /** Send a Ping after this many ms in which nothing was sent; undefined for no heartbeat. */
  heartbeatMs?: number;
  /** Give up on a peer that has not answered a heartbeat Ping with a Pong within this many ms. Default: heartbeatMs. */
  pongTimeoutMs?: number;
  /** How long to wait for the peer's Close after sending ours, and a client for the server to close TCP after the handshake. Default 5000 ms. */
  closeTimeoutMs?: number;
  /** Source of random bytes for the client's masking keys (RFC 6455 §5.3). Default: crypto.getRandomValues. */
  random?: (length: number) => Uint8Array;
}

/** The close timeout when none is given. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 5000;
