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
  let closeEvent: Extract<ConnectionEvent, { type: 'close' }> | undefined;
  let resolveClosed!: (event: Extract<ConnectionEvent, { type: 'close' }>) => void;
  const closed = new Promise<Extract<ConnectionEvent, { type: 'close' }>>((resolve) => (resolveClosed = resolve));
  let last = performance.now();

  const peer: Peer = {
    sendText: (text) => act(() => connection.sendText(text)),
    sendBinary: (data) => act(() => connection.sendBinary(data)),
    ping: (payload) => act(() => connection.ping(payload)),
    close: (code, reason) => act(() => connection.close(code, reason)),
    closed,
  };

  /** Runs an action on the connection, then writes and reports what it produced. */
  function act<T>(action: () => T): T {
    const result = action();
    flush();
    return result;
  }

  function flush(): void {
    for (const bytes of connection.takeOutput()) if (!socket.destroyed) socket.write(bytes);
    for (const event of connection.takeEvents()) {
      try {
        if (event.type === 'message') handlers.onMessage?.(peer, event.data);
        else if (event.type === 'ping') handlers.onPing?.(peer, event.payload);
        else if (event.type === 'pong') handlers.onPong?.(peer, event.payload);
        else {
          closeEvent = event;
          handlers.onClose?.(peer, event);
        }
      } catch {
        // A bug in the application closes its connection with 1011, never the process.
        connection.close(1011);
      }
    }
    // The handlers may have sent something.
    for (const bytes of connection.takeOutput()) if (!socket.destroyed) socket.write(bytes);
    if (connection.shouldCloseTransport && !socket.destroyed) socket.end();
  }

  const timer = setInterval(() => {
    const now = performance.now();
    act(() => connection.tick(now - last));
    last = now;
  }, TICK_MS);
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => act(() => connection.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))));
  socket.on('error', () => {});
  // node:http leaves an upgraded socket half-open after the peer's FIN: end ours too, or a
  // client gone without a Close would hold its connection until a heartbeat gave up on it.
  socket.on('end', () => socket.end());
  socket.on('close', () => {
    clearInterval(timer);
    act(() => connection.transportClosed());
    resolveClosed(closeEvent!);
  });
  if (initial?.length) act(() => connection.receive(initial));
  return peer;
}
