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
export function connectWebSocket(url: string, options: ClientOptions = {}): Promise<Peer> {
  const target = new URL(url);
  if (target.protocol !== 'ws:') return Promise.reject(new TypeError(`only ws:// URLs are supported, got ${target.protocol}`));
  const port = Number(target.port || 80);
  // §4.1 item 7: the key is 16 random bytes, base64-encoded, new for every connection.
  const key = encodeBase64(crypto.getRandomValues(new Uint8Array(16)));
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, target.hostname);
    let received = new Uint8Array(0);
    const timer = setTimeout(() => fail(new HandshakeError(400, 'no handshake response in time')), options.handshakeTimeoutMs ?? 5000);
    function fail(error: Error): void {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }
    socket.on('error', fail);
    socket.on('close', () => fail(new HandshakeError(400, 'the server closed the connection during the handshake')));
    socket.on('connect', () => socket.write(clientRequest(target.host, target.pathname + target.search, key)));
    socket.on('data', function onData(chunk: Buffer) {
      const joined = new Uint8Array(received.length + chunk.length);
      joined.set(received);
      joined.set(chunk, received.length);
      received = joined;
      const end = indexOfHeadEnd(received);
      if (end < 0) {
        if (received.length > MAX_HEAD) fail(new HandshakeError(400, 'the response head is too long'));
        return;
      }
      socket.off('data', onData);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      clearTimeout(timer);
      try {
        checkServerResponse(new TextDecoder().decode(received.subarray(0, end)), key);
      } catch (error) {
        fail(error as Error);
        return;
      }
      const connection = new WebSocketConnection({ role: 'client', ...(options.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: options.closeTimeoutMs }) });
      resolve(attach(connection, socket, options, received.subarray(end)));
    });
  });
}

/** Where the head ends: the index just past the first CRLF CRLF, or −1. */
function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) return i + 1;
  }
  return -1;
}
