/**
 * Stage real-peers: your server on node:http's `upgrade` event, exercised by
 * a client nobody here wrote — the ws library's — and your client talking to
 * a ws server. Where the tests speak raw bytes (garbage, a silent peer, a
 * refused handshake), ws's own Receiver reads what your server sends.
 * Everything listens on 127.0.0.1 and is closed after each test.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { connectWebSocket } from '@impl/client.ts';
import type { Peer } from '@impl/peer.ts';
import { listenWebSocket } from '@impl/server.ts';
import type { ServerOptions, WebSocketServer as LearnerServer } from '@impl/server-types.ts';
import { referenceEncode, utf8 } from './fixtures/reference-frames.ts';
import { RFC_ACCEPT, RFC_KEY } from './fixtures/requests.ts';
import { within } from './fixtures/within.ts';

/** ws's frame reader; exported by the package but not by its type definitions. */
interface FrameReceiver {
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): void;
  on(event: 'ping' | 'error', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((close) => close()));
});

/** Echoes text as text and binary as binary. */
const echo = (peer: Peer, data: string | Uint8Array) => (typeof data === 'string' ? peer.sendText(data) : peer.sendBinary(data));

/** Resolves once `condition` holds, checking every few milliseconds; fails after `ms` naming `what`. */
function eventually(ms: number, condition: () => boolean, what: string): Promise<void> {
  let check: ReturnType<typeof setInterval> | undefined;
  return within(ms, new Promise<void>((resolve) => (check = setInterval(() => condition() && resolve(), 5))), what).finally(() => clearInterval(check));
}

/** How `promise` settles, as { value } or { error }; fails if it is still pending after `ms`. */
function settled<T>(ms: number, promise: Promise<T>, what: string): Promise<{ value: T } | { error: unknown }> {
  return within(ms, promise.then((value) => ({ value }), (error: unknown) => ({ error })), what);
}

async function serve(options: Partial<ServerOptions> = {}): Promise<LearnerServer> {
  const server = await listenWebSocket({ host: '127.0.0.1', port: 0, onMessage: echo, ...options });
  cleanups.push(() => server.close());
  expect(server.port, 'listenWebSocket resolves with the port the system chose').toBeGreaterThan(0);
  return server;
}

/** A ws client connected to `port`; fails with what ws said if it cannot open. */
async function wsClient(port: number, protocols?: string[]): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/orders/42/status`, protocols);
  cleanups.push(() => ws.terminate());
  // ws reports a broken peer as an 'error' event; the tests judge by the close event instead.
  ws.on('error', () => {});
  await within(
    2000,
    new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (error) => reject(new Error(`the ws client could not open the connection: ${error.message}`)));
    }),
    'the ws client’s open event',
  );
  return ws;
}

/** The next message ws receives, as [text or bytes, isBinary]. */
function nextMessage(ws: WebSocket): Promise<[string | number[], boolean]> {
  return within(
    2000,
    new Promise((resolve) => ws.once('message', (data: Buffer, isBinary: boolean) => resolve([isBinary ? Array.from(data) : data.toString('utf8'), isBinary]))),
    'an echo from your server',
  );
}

/** How ws saw the connection end: [code, reason]. */
function wsClosed(ws: WebSocket): Promise<[number, string]> {
  return within(3000, new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()]))), 'the ws client’s close event');
}

/**
 * A raw TCP client that has done the RFC's handshake by hand, sending `pipelined` in the same
 * write; returns the socket and what came after the 101.
 */
async function rawClient(port: number, pipelined: Uint8Array = new Uint8Array(0)): Promise<{ socket: Socket; frames: { closes: [number, string][]; pings: number; texts: string[] }; ended: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(() => socket.destroy());
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const frames = { closes: [] as [number, string][], pings: 0, texts: [] as string[] };
  // ws's Receiver as the client would run it: it expects unmasked frames and checks them strictly.
  const receiver = new Receiver({ isServer: false });
  receiver.on('conclude', (code: number, reason: Buffer) => frames.closes.push([code, reason.toString()]));
  receiver.on('ping', () => frames.pings++);
  receiver.on('message', (data: Buffer, isBinary: boolean) => isBinary || frames.texts.push(data.toString()));
  receiver.on('error', () => {});
  let head = '';
  await within(
    2000,
    new Promise<void>((resolve, reject) => {
      socket.on('data', function onData(chunk: Buffer) {
        if (head.includes('\r\n\r\n')) {
          receiver.write(chunk);
          return;
        }
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        head = head.slice(0, end + 4);
        if (!/^HTTP\/1\.1 101/.test(head) || !head.includes(`Sec-WebSocket-Accept: ${RFC_ACCEPT}`)) reject(new Error(`expected a 101 with Sec-WebSocket-Accept: ${RFC_ACCEPT}, got:\n${head}`));
        if (rest.length) receiver.write(rest);
        resolve();
      });
      socket.once('error', reject);
      const request = `GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${RFC_KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
      socket.write(Buffer.concat([Buffer.from(request, 'latin1'), pipelined]));
    }),
    'the 101 response to the RFC’s handshake',
  );
  return { socket, frames, ended };
}

describe('your server, with the ws library as the client', () => {
  it('completes the handshake and echoes text (UTF-8) and binary', async () => {
    const ws = await wsClient((await serve()).port);
    ws.send('order 42 — paid ✓');
    expect(await nextMessage(ws), 'text echo').toEqual(['order 42 — paid ✓', false]);
    ws.send(Uint8Array.of(0, 1, 254, 255));
    expect(await nextMessage(ws), 'binary echo').toEqual([[0, 1, 254, 255], true]);
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    ws.send(big);
    const [data] = await nextMessage(ws);
    expect((data as number[]).length === big.length && (data as number[]).every((b, i) => b === big[i]), 'a 100,000-byte binary message (64-bit length) comes back intact').toBe(true);
  });

  it('assembles a message ws sends in fragments', async () => {
    const ws = await wsClient((await serve()).port);
    ws.send('order ', { fin: false });
    ws.send('42 ', { fin: false });
    ws.send('shipped', { fin: true });
    expect(await nextMessage(ws), 'three fragments, one message (RFC 6455 §5.4)').toEqual(['order 42 shipped', false]);
  });

  it('answers ws’s Ping with a Pong with the same payload', async () => {
    const ws = await wsClient((await serve()).port);
    ws.ping('hb-7');
    const pong = await within(2000, new Promise<string>((resolve) => ws.once('pong', (data: Buffer) => resolve(data.toString()))), 'a Pong');
    expect(pong, 'RFC 6455 §5.5.3').toBe('hb-7');
  });

  it('sends heartbeat Pings, which ws answers', async () => {
    let pongs = 0;
    const ws = await wsClient((await serve({ heartbeatMs: 100, onPong: () => pongs++ })).port);
    await within(2000, new Promise((resolve) => ws.once('ping', resolve)), 'a heartbeat Ping from your server (heartbeatMs 100)');
    await eventually(2000, () => pongs > 0, 'ws’s Pong reaching onPong');
    expect(pongs, 'Pongs seen by your server').toBeGreaterThan(0);
  });

  it('echoes the client’s Close code and reason arrives: 1000 and an application code 4000', async () => {
    const seen: unknown[] = [];
    const server = await serve({ onClose: (_peer, event) => seen.push(event) });
    for (const [code, reason] of [[1000, 'done'], [4000, 'custom']] as const) {
      const ws = await wsClient(server.port);
      const closed = wsClosed(ws);
      ws.close(code, reason);
      expect((await closed)[0], `ws closes with ${code}: your server must answer with a Close echoing it (RFC 6455 §5.5.1)`).toBe(code);
    }
    await eventually(2000, () => seen.length === 2, 'both onClose calls');
    expect(seen, 'what your server reported').toEqual([
      { type: 'close', code: 1000, reason: 'done', wasClean: true },
      { type: 'close', code: 4000, reason: 'custom', wasClean: true },
    ]);
  });

  it('answers a Close without a code, which ws reports as 1005', async () => {
    const ws = await wsClient((await serve()).port);
    const closed = wsClosed(ws);
    ws.close();
    expect((await closed)[0], 'RFC 6455 §7.4.1: 1005 means the Close had no code').toBe(1005);
  });

  it('closes with a code of its own when the application asks', async () => {
    const ws = await wsClient((await serve({ onMessage: (peer) => peer.close(4001, 'order complete') })).port);
    const closed = wsClosed(ws);
    ws.send('done?');
    expect(await closed, 'the code and reason ws received').toEqual([4001, 'order complete']);
  });

  it('fails with 1007 on a text message that is not UTF-8, and 1009 on one over maxMessageSize', async () => {
    const server = await serve({ maxMessageSize: 1024 });
    const ws = await wsClient(server.port);
    let closed = wsClosed(ws);
    ws.send(Buffer.from([0x68, 0x69, 0xc0, 0x80]), { binary: false });
    expect((await closed)[0], 'C0 80 is an overlong NUL (RFC 6455 §8.1)').toBe(1007);
    const ws2 = await wsClient(server.port);
    closed = wsClosed(ws2);
    ws2.send(new Uint8Array(2000));
    expect((await closed)[0], '2000 bytes with a limit of 1024 (RFC 6455 §7.4.1)').toBe(1009);
  });

  it('passes ws’s Pings to onPing, with their payload', async () => {
    const pings: string[] = [];
    const ws = await wsClient((await serve({ onPing: (_peer, payload) => pings.push(new TextDecoder().decode(payload)) })).port);
    ws.ping('hb-8');
    await within(2000, new Promise((resolve) => ws.once('pong', resolve)), 'a Pong');
    expect(pings, 'what onPing received').toEqual(['hb-8']);
  });

  it('closes with 1011 when an application handler throws, and goes on serving', async () => {
    const server = await serve({ onMessage: (peer, data) => (data === 'boom' ? JSON.parse('{') : echo(peer, data)) });
    const ws = await wsClient(server.port);
    const closed = wsClosed(ws);
    ws.send('boom');
    expect((await closed)[0], 'RFC 6455 §7.4.1: 1011, the server met an unexpected condition').toBe(1011);
    const ws2 = await wsClient(server.port);
    ws2.send('still there?');
    expect(await nextMessage(ws2), 'the next connection').toEqual(['still there?', false]);
  });

  it('resolves the server side’s peer.closed once the connection is over', async () => {
    let opened!: (peer: Peer) => void;
    const open = new Promise<Peer>((resolve) => (opened = resolve));
    const ws = await wsClient((await serve({ onOpen: (peer) => opened(peer) })).port);
    const peer = await within(2000, open, 'onOpen');
    ws.close(1000, 'bye');
    expect(await within(3000, peer.closed, 'peer.closed on your server'), 'the close event').toEqual({ type: 'close', code: 1000, reason: 'bye', wasClean: true });
  });

  it('reports 1006 when a client drops the TCP connection without a Close', async () => {
    let opened!: (peer: Peer) => void;
    const open = new Promise<Peer>((resolve) => (opened = resolve));
    const ws = await wsClient((await serve({ onOpen: (peer) => opened(peer) })).port);
    const peer = await within(2000, open, 'onOpen');
    ws.terminate();
    expect(await within(3000, peer.closed, 'peer.closed on your server'), 'RFC 6455 §7.1.5: no Close frame, so 1006 and not clean').toEqual({ type: 'close', code: 1006, reason: '', wasClean: false });
  });

  it('pings from the application reach ws', async () => {
    const ws = await wsClient((await serve({ onMessage: (peer) => peer.ping(utf8('from-app')) })).port);
    const ping = within(2000, new Promise<string>((resolve) => ws.once('ping', (data: Buffer) => resolve(data.toString()))), 'a Ping from peer.ping');
    ws.send('ping me');
    expect(await ping, 'its payload').toBe('from-app');
  });

  it('keeps a connection open when the application gave no handlers', async () => {
    const server = await listenWebSocket({ host: '127.0.0.1', port: 0, heartbeatMs: 100 });
    cleanups.push(() => server.close());
    const ws = await wsClient(server.port);
    const closed = wsClosed(ws);
    ws.send('nobody listens');
    let pings = 0;
    ws.on('ping', () => pings++);
    // The second heartbeat Ping comes after the first one's Pong has reached the server.
    await eventually(2000, () => pings >= 2, 'two heartbeat Pings (heartbeatMs 100)');
    ws.close(1000);
    expect((await closed)[0], 'no onMessage or onPong to call is no reason to close with 1011').toBe(1000);
  });

  it('sends no heartbeat before heartbeatMs has passed', async () => {
    const { frames } = await rawClient((await serve({ heartbeatMs: 1000 })).port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(frames.pings, 'Pings within 300 ms of opening, with heartbeatMs 1000').toBe(0);
  });

  it('waits pongTimeoutMs for a Pong, not one heartbeat', async () => {
    let ended = false;
    const { frames, ended: end } = await rawClient((await serve({ heartbeatMs: 100, pongTimeoutMs: 5000 })).port);
    void end.then(() => (ended = true));
    await eventually(2000, () => frames.pings > 0, 'a heartbeat Ping (heartbeatMs 100)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ended, 'dropped within 500 ms of a Ping, with pongTimeoutMs 5000').toBe(false);
  });

  it('drops a client that never answers its Close, after closeTimeoutMs', async () => {
    const { frames, ended } = await rawClient((await serve({ closeTimeoutMs: 200, onOpen: (peer) => setTimeout(() => peer.close(4000, 'bye'), 50) })).port);
    await within(2000, ended, 'your server closing TCP (closeTimeoutMs 200; RFC 6455 §7.1.1)');
    expect(frames.closes, 'the Close it sent').toEqual([[4000, 'bye']]);
  });

  it('rejects when its port is taken', async () => {
    const { port } = await serve();
    expect(await settled(2000, listenWebSocket({ host: '127.0.0.1', port }), 'listenWebSocket on a port in use'), 'EADDRINUSE').toEqual({ error: expect.any(Error) });
  });

  it('drops its connections when closed', async () => {
    const server = await listenWebSocket({ host: '127.0.0.1', port: 0 });
    const ws = await wsClient(server.port);
    const closed = wsClosed(ws);
    await within(2000, server.close(), 'server.close()');
    expect((await closed)[0], 'what ws saw: the TCP connection gone, no Close').toBe(1006);
  });

  it('opens without a subprotocol when it speaks none of those offered', async () => {
    const { port } = await serve();
    // ws refuses a 101 without one of the subprotocols it offered, which the RFC allows, so the request is written by hand.
    const head = await within(
      2000,
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${RFC_KEY}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v2.orders\r\n\r\n`));
        cleanups.push(() => socket.destroy());
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('latin1')).includes('\r\n\r\n') && resolve(text));
        socket.on('error', () => {});
      }),
      'the response head',
    );
    expect(head.split('\r\n')[0], 'the status line').toMatch(/^HTTP\/1\.1 101/);
    expect(head, 'no Sec-WebSocket-Protocol in the 101 (RFC 6455 §4.2.2 item 5.4)').not.toMatch(/Sec-WebSocket-Protocol/i);
  });

  it('picks the subprotocol it speaks from those ws offers', async () => {
    const ws = await wsClient((await serve({ protocols: ['v1.orders'] })).port, ['v2.orders', 'v1.orders']);
    expect(ws.protocol, 'Sec-WebSocket-Protocol in your 101 (RFC 6455 §4.2.2)').toBe('v1.orders');
  });
});

describe('your server, with raw bytes', () => {
  it('answers garbage (an unmasked frame) with Close 1002, then closes TCP', async () => {
    const { socket, frames, ended } = await rawClient((await serve()).port);
    socket.write(Uint8Array.of(0x81, 0x02, 0x68, 0x69));
    await within(2000, ended, 'your server closing the TCP connection');
    expect(frames.closes.map(([code]) => code), 'Close frames ws’s Receiver read (RFC 6455 §5.1, §7.1.7)').toEqual([1002]);
  });

  it('reads a frame sent right behind the handshake, which node:http hands over as `head`', async () => {
    const early = referenceEncode({ fin: true, rsv: 0, opcode: 1, payload: utf8('early') }, Uint8Array.of(1, 2, 3, 4));
    const { frames } = await rawClient((await serve()).port, early);
    await eventually(2000, () => frames.texts.length > 0, 'the echo of a frame written in the same packet as the request (RFC 6455 §4.1 tells clients to wait for the 101; TCP may still deliver both at once)');
    expect(frames.texts, 'the echo').toEqual(['early']);
  });

  it('gives up on a client that never answers its Pings', async () => {
    const { frames, ended } = await rawClient((await serve({ heartbeatMs: 100, pongTimeoutMs: 200 })).port);
    await within(3000, ended, 'your server dropping a silent client (heartbeatMs 100, pongTimeoutMs 200)');
    expect(frames.pings, 'Pings sent before giving up').toBeGreaterThan(0);
  });

  it('refuses version 8 with 426 and Sec-WebSocket-Version: 13, and plain HTTP', async () => {
    const { port } = await serve();
    const ask = (request: string) =>
      within(
        2000,
        new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(request));
          cleanups.push(() => socket.destroy());
          let text = '';
          socket.on('data', (chunk) => (text += chunk.toString()));
          socket.on('close', () => resolve(text));
          socket.on('error', () => resolve(text));
          setTimeout(() => socket.end(), 500);
        }),
        'a response',
      );
    const refused = await ask(`GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${RFC_KEY}\r\nSec-WebSocket-Version: 8\r\n\r\n`);
    expect(refused.split('\r\n')[0], 'status line').toMatch(/^HTTP\/1\.1 426/);
    expect(refused, 'RFC 6455 §4.4').toMatch(/\r\nSec-WebSocket-Version: 13\r\n/i);
    const plain = await ask('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(plain.split('\r\n')[0], 'a request without Upgrade').toMatch(/^HTTP\/1\.1 426/);
    expect(plain, 'RFC 9110 §15.5.22: a 426 names the protocol to upgrade to').toMatch(/\r\nUpgrade: websocket\r\n/i);
  });
});

describe('your client, with a ws server', () => {
  async function wsServer(): Promise<{ server: WebSocketServer; port: number }> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((resolve) => { for (const c of server.clients) c.terminate(); server.close(resolve); }));
    await within(2000, new Promise((resolve) => server.once('listening', resolve)), 'the ws server listening');
    server.on('connection', (socket) => {
      // A client breaking the protocol is an 'error' event here; the close event says the rest.
      socket.on('error', () => {});
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    });
    return { server, port: (server.address() as { port: number }).port };
  }

  /** A TCP server that hands each connection to `onSocket`; resolves with its port. */
  async function tcpServer(onSocket: (socket: Socket) => void): Promise<number> {
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      onSocket(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }));
    return (server.address() as AddressInfo).port;
  }

  /**
   * Answers the first request head on `socket` with a correct 101, followed by `after` in the
   * same write; with `split`, only that many bytes go at once and the rest 50 ms later.
   */
  function answer101(socket: Socket, after: Uint8Array, split?: number): void {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const key = /\r\nSec-WebSocket-Key: *([^\r]+)\r\n/i.exec(head)?.[1];
      if (!head.includes('\r\n\r\n') || !key) return;
      const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      const response = Buffer.concat([Buffer.from(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`, 'latin1'), after]);
      socket.write(response.subarray(0, split));
      if (split !== undefined) setTimeout(() => socket.write(response.subarray(split)), 50);
      head = '';
    });
  }

  it('connects, and its masked messages come back from ws’s echo', async () => {
    const { port } = await wsServer();
    const received: (string | number[])[] = [];
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/echo`, { onMessage: (_p, data) => received.push(typeof data === 'string' ? data : Array.from(data)) }), 'connectWebSocket');
    peer.sendText('track 42');
    peer.sendBinary(Uint8Array.of(9, 8, 7));
    await eventually(2000, () => received.length === 2, 'two echoes (ws closes with 1002 if a client frame is not masked)');
    expect(received, 'the echoes').toEqual(['track 42', [9, 8, 7]]);
  });

  it('answers ws’s Ping, and closes cleanly both ways', async () => {
    const { server, port } = await wsServer();
    const serverSide = new Promise<import('ws').WebSocket>((resolve) => server.once('connection', resolve));
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket');
    const socket = await serverSide;
    socket.ping('are-you-there');
    expect(await within(2000, new Promise<string>((resolve) => socket.once('pong', (d: Buffer) => resolve(d.toString()))), 'a Pong from your client'), 'the Pong’s payload').toBe('are-you-there');
    const wsSaw = within(2000, new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code))), 'the ws server’s close event');
    peer.close(1000, 'bye');
    expect(await wsSaw, 'the code the ws server received').toBe(1000);
    expect(await within(3000, peer.closed, 'your client’s closed promise'), 'your client’s close event').toMatchObject({ code: 1000, wasClean: true });
  });

  it('reports the code when the ws server closes', async () => {
    const { server, port } = await wsServer();
    server.once('connection', (socket) => socket.close(4002, 'moved'));
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket');
    expect(await within(3000, peer.closed, 'your client’s closed promise'), 'what your client reports').toEqual({ type: 'close', code: 4002, reason: 'moved', wasClean: true });
  });

  it('sends the URL’s path and query in its request line', async () => {
    const { server, port } = await wsServer();
    const url = new Promise<string | undefined>((resolve) => server.once('connection', (_socket, request) => resolve(request.url)));
    await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/orders/42?since=7`), 'connectWebSocket');
    expect(await within(2000, url, 'the ws server’s connection event'), 'the request target (RFC 6455 §4.1, /resource name/)').toBe('/orders/42?since=7');
  });

  it('reads a frame that arrives in the same packet as the 101', async () => {
    const received: (string | Uint8Array)[] = [];
    const port = await tcpServer((socket) => answer101(socket, Uint8Array.of(0x81, 0x05, ...utf8('first'))));
    await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`, { onMessage: (_peer, data) => received.push(data) }), 'connectWebSocket');
    await eventually(2000, () => received.length > 0, 'the text frame written right behind the 101');
    expect(received, 'what onMessage received').toEqual(['first']);
  });

  it('reads a 101 that arrives in pieces', async () => {
    const port = await tcpServer((socket) => answer101(socket, new Uint8Array(0), 20));
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket'), 'a 101 in two reads').toEqual({ value: expect.anything() });
  });

  it('stops the handshake timer once the connection is open', async () => {
    const { port } = await wsServer();
    const received: (string | Uint8Array)[] = [];
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`, { handshakeTimeoutMs: 1000, onMessage: (_p, data) => received.push(data) }), 'connectWebSocket');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    peer.sendText('still open');
    await eventually(2000, () => received.length > 0, 'the echo, 1.1 s after opening with handshakeTimeoutMs 1000');
    expect(received, 'the echo').toEqual(['still open']);
  });

  it('gives up on a server that never answers its Close, after closeTimeoutMs', async () => {
    const port = await tcpServer((socket) => answer101(socket, new Uint8Array(0)));
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`, { closeTimeoutMs: 200 }), 'connectWebSocket');
    peer.close(1000);
    expect(await within(2000, peer.closed, 'your client’s closed promise (closeTimeoutMs 200)'), 'no Close came back').toMatchObject({ wasClean: false });
  });

  it('rejects when nothing listens on the port', async () => {
    // A port just freed: connecting to it is refused.
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const freed = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${freed}/`), 'connectWebSocket to fail'), 'connection refused').toEqual({ error: expect.any(Error) });
  });

  it('reports 1006 when the server resets the connection', async () => {
    let reset!: () => void;
    const port = await tcpServer((socket) => {
      answer101(socket, new Uint8Array(0));
      reset = () => socket.resetAndDestroy();
    });
    const peer = await within(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket');
    reset();
    expect(await within(2000, peer.closed, 'your client’s closed promise'), 'a TCP reset: no Close, so 1006 (RFC 6455 §7.1.5)').toEqual({ type: 'close', code: 1006, reason: '', wasClean: false });
  });

  it('fails when the server closes the connection instead of answering', async () => {
    const port = await tcpServer((socket) => socket.once('data', () => socket.end()));
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket to fail'), 'no 101, the connection closed').toEqual({ error: expect.any(Error) });
  });

  it('gives up on a server that never answers, after handshakeTimeoutMs', async () => {
    const port = await tcpServer(() => {});
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${port}/`, { handshakeTimeoutMs: 200 }), 'connectWebSocket to give up (handshakeTimeoutMs 200)'), 'no 101 in time').toEqual({ error: expect.any(Error) });
  });

  it('gives up on a response head that never ends', async () => {
    let dropped!: () => void;
    const droppedByClient = new Promise<void>((resolve) => (dropped = resolve));
    const port = await tcpServer((socket) => {
      socket.once('close', () => dropped());
      socket.once('data', () => socket.write('HTTP/1.1 101 Switching Protocols\r\n' + 'X-Filler: 0123456789abcdef\r\n'.repeat(1200)));
    });
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket to give up'), 'over 16 KiB of head and no empty line').toEqual({ error: expect.any(Error) });
    await within(2000, droppedByClient, 'your client closing the connection it gave up on');
  });

  it('refuses a URL that is not ws://', async () => {
    await expect(connectWebSocket('http://127.0.0.1:1/'), 'wss:// needs TLS, http:// is not WebSocket').rejects.toThrow(TypeError);
  });

  it('refuses a 101 whose Sec-WebSocket-Accept is for another key', async () => {
    const liar = createHttpServer();
    liar.on('upgrade', (_request, socket) => socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${RFC_ACCEPT}\r\n\r\n`));
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => liar.close(resolve)));
    const port = (liar.address() as { port: number }).port;
    expect(await settled(2000, connectWebSocket(`ws://127.0.0.1:${port}/`), 'connectWebSocket to settle'), 'RFC 6455 §4.1: the Accept must match the key this client sent').toEqual({ error: expect.any(Error) });
  });
});
