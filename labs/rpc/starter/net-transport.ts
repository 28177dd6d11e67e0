/**
 * The sans-I/O client and server on real sockets (node:net). The transport
 * only moves bytes: socket data into `receive`, what the client or server
 * writes onto the socket, the socket's close to the client as a lost
 * connection. It never reads a clock: time is the caller's to drive
 * (client.tick), so a test can drive it too.
 */
import type { Socket } from 'node:net';
import type { ClientOptions } from '@impl/client-options.ts';
import type { DecodeEvent } from '@impl/frame-layout.ts';
import type { Link } from '@impl/invocation.ts';
import type { ByteSource, Listening } from '@impl/socket-types.ts';
import type { RpcClient } from './client.ts';
import type { RpcServer } from './server.ts';

/** Feeds every chunk `socket` delivers through a FrameDecoder and hands each event to `onEvent`, including those of the stream's end. */
export function readFrames(socket: ByteSource, onEvent: (event: DecodeEvent) => void, options: { maxBody?: number } = {}): void {
  throw new Error('TODO(real-sockets): one decoder per socket; its data and end events through it');
}

/**
 * A Link onto `socket`. The frames written in one turn of the event loop
 * leave as one write on the next tick, so 10,000 calls made in a loop are
 * one system call and a few packets, not 10,000 of each.
 */
export function socketLink(socket: Socket): Link {
  throw new Error('TODO(real-sockets): write frames to the socket; close destroys it');
}

/** Connects to an RPC server at host:port; resolves with a client on that connection once it is open. */
export function connectClient(options: { host: string; port: number } & ClientOptions): Promise<RpcClient> {
  return Promise.reject(new Error('TODO(real-sockets): a socket, a client on its link, data into receive, close into connectionLost'));
}

/** Serves `server` on host:port; resolves once it listens. */
export function listen(server: RpcServer, options: { host: string; port: number }): Promise<Listening> {
  return Promise.reject(new Error('TODO(real-sockets): a node:net server; each socket accepted by the RpcServer'));
}
