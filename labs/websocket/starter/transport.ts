/**
 * Drives a sans-I/O WebSocketConnection over a real socket (node:net):
 * socket data into `receive`, the wall clock into `tick`, the connection's
 * output onto the socket and its events to the application. Server and
 * client both use it once their handshake is done.
 */
import type { Socket } from 'node:net';
import type { ConnectionEvent } from '@impl/connection-types.ts';
import { TICK_MS, type Handlers, type Peer } from '@impl/peer.ts';
import type { WebSocketConnection } from './connection.ts';

/** Runs `connection` over `socket`; `initial` holds bytes read past the handshake's head. */
export function attach(connection: WebSocketConnection, socket: Socket, handlers: Handlers, initial?: Uint8Array): Peer {
  throw new Error("TODO(real-peers): socket 'data' into receive, a timer into tick, output onto the socket, events to the handlers");
}
