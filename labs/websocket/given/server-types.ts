/** The WebSocket server's options and the handle on a running server (RFC 6455 §4.2). */
import type { OpeningRequest } from './handshake-types.ts';
import type { Handlers, Peer } from './peer.ts';

/** Where the server listens, what it speaks, and its handlers. */
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
