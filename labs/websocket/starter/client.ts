/**
 * A small WebSocket client (RFC 6455 §4.1) on node:net: send the opening
 * handshake with a fresh random key, check the server's 101 and its
 * Sec-WebSocket-Accept, then run a client-role WebSocketConnection, which
 * masks every frame it sends.
 */
import { connect, type Socket } from 'node:net';
import { encodeBase64 } from '@impl/base64.ts';
import { HandshakeError } from '@impl/close-codes.ts';
import type { Handlers, Peer } from '@impl/peer.ts';
import { WebSocketConnection } from './connection.ts';
import { checkServerResponse, clientRequest } from './handshake.ts';
import { attach } from './transport.ts';

export interface ClientOptions extends Handlers {
  /** How long to wait for the 101, ms. Default 5000. */
  handshakeTimeoutMs?: number;
  closeTimeoutMs?: number;
}

/** Largest response head accepted before the handshake is given up. */
const MAX_HEAD = 16 * 1024;

/**
 * Connects to a `ws://host:port/path` URL; resolves with the open
 * connection, or rejects (closing the socket) if the URL is not ws://, the
 * server cannot be reached, or its response fails checkServerResponse.
 */
export async function connectWebSocket(url: string, options: ClientOptions = {}): Promise<Peer> {
  throw new Error('TODO(real-peers): connect, send clientRequest with a fresh key, read the head, checkServerResponse, attach');
}
