/**
 * The sans-I/O client and server on real sockets (node:net). The transport
 * only moves bytes: socket data into `receive`, what the client or server
 * writes onto the socket, the socket's close to the client as a lost
 * connection. It never reads a clock: time is the caller's to drive
 * (client.tick), so a test can drive it too.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import { concat } from '@impl/bytes.ts';
import type { ClientOptions } from '@impl/client-options.ts';
import type { DecodeEvent } from '@impl/frame-layout.ts';
import type { Link } from '@impl/invocation.ts';
import type { ByteSource, Listening } from '@impl/socket-types.ts';
import { RpcClient } from './client.ts';
import { FrameDecoder } from './frame.ts';
import type { RpcServer } from './server.ts';

/**
 * A socket's chunk as a plain Uint8Array over the same memory: a Buffer's
 * slice() is a view, not a copy, so the codecs would hand out Buffers that
 * share the socket's memory.
 */
function bytesOf(chunk: Uint8Array): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Feeds every chunk `socket` delivers through a FrameDecoder and hands each event to `onEvent`, including those of the stream's end. */
export function readFrames(socket: ByteSource, onEvent: (event: DecodeEvent) => void, options: { maxBody?: number } = {}): void {
  const decoder = new FrameDecoder(options);
  socket.on('data', (chunk) => decoder.push(bytesOf(chunk)).forEach(onEvent));
  socket.on('end', () => decoder.end().forEach(onEvent));
}

/**
 * A Link onto `socket`. The frames written in one turn of the event loop
 * leave as one write on the next tick, so 10,000 calls made in a loop are
 * one system call and a few packets, not 10,000 of each.
 */
export function socketLink(socket: Socket): Link {
  let queued: Uint8Array[] = [];
  const flush = () => {
    const frames = queued;
    queued = [];
    if (!socket.destroyed) socket.write(concat(frames));
  };
  return {
    write(bytes) {
      if (queued.length === 0) process.nextTick(flush);
      queued.push(bytes);
    },
    close() {
      socket.destroy();
    },
  };
}

/** Connects to an RPC server at host:port; resolves with a client on that connection once it is open. */
export function connectClient(options: { host: string; port: number } & ClientOptions): Promise<RpcClient> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    const client = new RpcClient(socketLink(socket), options);
    socket.once('connect', () => {
      socket.off('error', reject);
      // The close event follows; it fails the calls still waiting.
      socket.on('error', () => {});
      resolve(client);
    });
    socket.once('error', reject);
    socket.on('data', (chunk: Uint8Array) => client.receive(bytesOf(chunk)));
    socket.on('close', () => client.connectionLost());
  });
}

/** Serves `server` on host:port; resolves once it listens. */
export function listen(server: RpcServer, options: { host: string; port: number }): Promise<Listening> {
  const sockets = new Set<Socket>();
  const listener = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connection = server.accept(socketLink(socket));
    socket.on('data', (chunk: Uint8Array) => connection.receive(bytesOf(chunk)));
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      connection.closed();
    });
  });
  return new Promise((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port, options.host, () => {
      const address = listener.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : options.port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            listener.close(() => done());
          }),
      });
    });
  });
}
