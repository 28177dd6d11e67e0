/**
 * Stage real-sockets: the learner's client and server on node:net. Peers no
 * one here wrote check both ends: raw servers written with the tests' own
 * frame code (which answer out of order, stall, or die mid-stream), and
 * hessian.js, live, which writes what the learner's server must read and
 * reads what it answers, and the reverse for the client. Everything listens
 * on 127.0.0.1; time for timeouts is the test's, through client.tick.
 */
import { createConnection, createServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { DecoderV2, EncoderV2 } from 'hessian.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, listen, readFrames } from '@impl/net-transport.ts';
import { RpcServer } from '@impl/server.ts';
import type { MethodTable } from '@impl/server-types.ts';
import { Status, type DecodeEvent } from '@impl/frame-layout.ts';
import { Double, type HessianValue } from '@impl/hessian-types.ts';
import { CHANNEL_INACTIVE } from '@impl/invocation.ts';
import { cutAt, joinBytes, referenceEncode, request, summarize } from './fixtures/reference-frames.ts';
import { readHessian, responseBytes } from './fixtures/reference-calls.ts';
import { settle, statusOf, watch, type Outcome } from './fixtures/outcomes.ts';
import { afterTest, closeAll, eventually, FrameCollector, rawClient, rawServer } from './fixtures/sockets.ts';

afterEach(closeAll);

const HOST = '127.0.0.1';

/** The events your readFrames gives for what a test server, `send`, writes to its one client before it ends. */
async function eventsFrom(send: (socket: import('node:net').Socket) => void): Promise<(DecodeEvent | ReturnType<typeof summarize>)[]> {
  const server = createServer(send);
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  try {
    const events = await new Promise<DecodeEvent[]>((resolve, reject) => {
      const seen: DecodeEvent[] = [];
      const socket = createConnection((server.address() as AddressInfo).port, HOST);
      socket.on('error', reject);
      readFrames(socket, (event) => seen.push(event));
      socket.on('close', () => resolve(seen));
    });
    return events.map((e) => (e.type === 'frame' ? summarize(e.frame) : e));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('readFrames', () => {
  it('gives back the frames a real socket delivers in odd pieces, then nothing at the end', async () => {
    const frames = [request(1n, new TextEncoder().encode('first')), request(2n, new Uint8Array(5000).fill(7)), request(3n)];
    const chunks = cutAt(joinBytes(frames.map(referenceEncode)), [3, 17, 40, 2000]);
    const events = await eventsFrom((socket) => {
      // One write per turn of the event loop, so the pieces reach the client apart.
      const next = (i: number): void => {
        if (i === chunks.length) socket.end();
        else socket.write(chunks[i]!, () => setImmediate(() => next(i + 1)));
      };
      next(0);
    });
    expect(events, 'events from the socket').toEqual(frames.map(summarize));
  });

  it('reports the frame a socket ended inside as truncated, after the whole ones', async () => {
    const whole = request(1n, new TextEncoder().encode('whole'));
    const cut = referenceEncode(request(2n, new Uint8Array(10).fill(1))).subarray(0, 18);
    const events = await eventsFrom((socket) => socket.end(joinBytes([referenceEncode(whole), cut])));
    expect(events, 'events from a socket that ended 2 bytes into a 10-byte body').toEqual([summarize(whole), { type: 'truncated', have: 18, need: 26 }]);
  });
});

/**
 * Runs `body` and returns the errors that reached the process uncaught
 * meanwhile: a socket's 'error' event with no listener is thrown, and takes
 * a real server down with it.
 */
async function uncaughtDuring(body: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const record = (error: Error) => void errors.push(String(error));
  process.on('uncaughtException', record);
  try {
    await body();
    // The error event of a reset comes in a later turn than the close that tests wait for.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('uncaughtException', record);
  }
  return errors;
}

/** Your server on a free port, closed after the test. */
async function serve(methods: MethodTable, maxConcurrent?: number): Promise<number> {
  const listening = await listen(new RpcServer({ methods, maxConcurrent }), { host: HOST, port: 0 });
  afterTest(() => listening.close());
  expect(listening.port, 'listen resolves with the port the system chose').toBeGreaterThan(0);
  return listening.port;
}

/** Your client connected to `port`, closed after the test. */
async function client(port: number, timeoutMs = 60_000) {
  const connected = await connectClient({ host: HOST, port, timeoutMs, heartbeatMs: 0 });
  afterTest(() => connected.connectionLost());
  return connected;
}

describe('your client and server on node:net', () => {
  it('carries 10,000 concurrent calls on 4 connections, each answered with its own result', async () => {
    const port = await serve({ inventory: { getStock: (sku) => `stock of ${String(sku)}` } }, 10_000);
    const clients = await Promise.all([0, 1, 2, 3].map(() => client(port)));
    const calls = Array.from({ length: 10_000 }, (_, i) => clients[i % 4]!.call('inventory', 'getStock', [`sku-${i}`]));
    expect(clients.map((c) => c.pending), 'calls in flight on each connection before any response: all of them at once').toEqual([2500, 2500, 2500, 2500]);
    const results = await Promise.all(calls);
    const wrong = results.map((r, i) => [i, r] as const).filter(([i, r]) => r !== `stock of sku-${i}`);
    expect(wrong.slice(0, 5), 'calls answered with another call’s result (first five)').toEqual([]);
    expect(clients.map((c) => [c.pending, c.late]), '[pending, late] on each connection after every response').toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  it('closes every connection when the server closes, and the client then fails its calls', async () => {
    const listening = await listen(new RpcServer({ methods: { s: { never: () => new Promise<HessianValue>(() => {}) } } }), { host: HOST, port: 0 });
    const c = await client(listening.port);
    const outcome = watch(c.call('s', 'never', []));
    await eventually(2000, () => c.pending === 1, 'the call to be sent');
    await listening.close();
    await eventually(2000, () => outcome.state !== 'pending', 'the call to fail after the server closed');
    expect(statusOf(outcome), 'the call waiting when the server closed').toBe(CHANNEL_INACTIVE);
  });

  it('refuses to connect where no server listens, with the socket’s error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, HOST, () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(connectClient({ host: HOST, port }), 'connectClient to a closed port').rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects with the system’s error when the port is taken', async () => {
    const taken = await rawServer(() => {});
    let outcome: Outcome = watch(Promise.resolve());
    const errors = await uncaughtDuring(async () => {
      outcome = watch(listen(new RpcServer({ methods: {} }), { host: HOST, port: taken }));
      await eventually(2000, () => outcome.state !== 'pending', 'listen on a taken port to settle').catch(() => {});
    });
    expect([outcome.state, String(outcome.error), errors], '[how listen on a port another server holds settled, its error, errors thrown outside]').toEqual(['rejected', expect.stringMatching(/EADDRINUSE/), []]);
  });

  it('closes a connection that sends a bad magic, and keeps serving the others', async () => {
    const port = await serve({ inventory: { getStock: (sku) => `stock of ${String(sku)}` } });
    const bad = await rawClient(port);
    let gone = false;
    bad.once('close', () => (gone = true));
    const frame = referenceEncode(request(1n));
    frame[0] = 0xca;
    bad.write(frame);
    await eventually(3000, () => gone, 'your server to close the connection that sent 0xcabb for a magic');
    const c = await client(port);
    expect(await c.call('inventory', 'getStock', ['sku-1']), 'a call on another connection afterwards').toBe('stock of sku-1');
  });

  it('keeps serving when a client resets its connection, with no error thrown outside', async () => {
    const port = await serve({ inventory: { getStock: (sku) => `stock of ${String(sku)}` } });
    const errors = await uncaughtDuring(async () => {
      const rude = await rawClient(port);
      rude.write(joinBytes([referenceEncode(request(1n, new Uint8Array(0))).subarray(0, 10)]));
      await new Promise((resolve) => setTimeout(resolve, 20));
      rude.resetAndDestroy();
      await new Promise((resolve) => rude.once('close', resolve));
    });
    const c = await client(port);
    expect([errors, await c.call('inventory', 'getStock', ['sku-1'])], '[errors thrown outside any call, a call on a new connection]').toEqual([[], 'stock of sku-1']);
  });
});

describe('your client against test servers', () => {
  it('fails the waiting calls when the server resets the connection, with no error thrown outside', async () => {
    const port = await rawServer((_frame, socket) => socket.resetAndDestroy());
    const c = await client(port);
    let outcome: Outcome = watch(Promise.resolve());
    const errors = await uncaughtDuring(async () => {
      outcome = watch(c.call('inventory', 'getStock', ['sku-1']));
      await eventually(3000, () => outcome.state !== 'pending', 'the call to fail after the reset');
    });
    expect([errors, statusOf(outcome)], '[errors thrown outside any call, the call’s status]').toEqual([[], CHANNEL_INACTIVE]);
  });

  it('matches responses a server sends in any order, cut anywhere (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...Array(40).keys()], { minLength: 40, maxLength: 40 }), fc.array(fc.nat({ max: 1500 }), { maxLength: 6 }), async (order, cuts) => {
        const port = await rawServer(function (this: void, frame, socket) {
          const got = (received.push(frame), received);
          if (got.length < 40) return;
          const bytes = joinBytes(order.map((i) => {
            const [service, method, args] = readHessian(got[i]!.body);
            return responseBytes(got[i]!.id, Status.OK, `${String(service)}.${String(method)}(${JSON.stringify(args)})`);
          }));
          const chunks = cutAt(bytes, cuts);
          const next = (k: number): void => void (k < chunks.length && socket.write(chunks[k]!, () => setImmediate(() => next(k + 1))));
          next(0);
        });
        const received: { id: bigint; body: Uint8Array }[] = [];
        const c = await client(port);
        const outcomes = Array.from({ length: 40 }, (_, i) => watch(c.call('inventory', 'getStock', [`sku-${i}`])));
        await eventually(3000, () => outcomes.every((o) => o.state !== 'pending'), 'every call to be answered', () => outcomes.filter((o) => o.state === 'pending').length);
        expect(outcomes.map((o) => o.value), `answers sent in the order ${order.join(', ')}, cut at ${cuts.join(', ')}`).toEqual(Array.from({ length: 40 }, (_, i) => `inventory.getStock(["sku-${i}"])`));
        await closeAll();
      }),
      { numRuns: 5 },
    );
  });

  it('times calls out on the clock the test drives when the server stalls, and counts the answers that come later', async () => {
    const held: { id: bigint; socket: import('node:net').Socket }[] = [];
    const port = await rawServer((frame, socket) => void held.push({ id: frame.id, socket }));
    const c = await client(port, 5000);
    const outcomes = Array.from({ length: 100 }, (_, i) => watch(c.call('inventory', 'getStock', [i])));
    await eventually(3000, () => held.length === 100, 'the stalled server to receive 100 requests', () => held.length);
    c.tick(4999);
    await settle();
    expect(outcomes.filter((o) => o.state !== 'pending').length, 'calls settled after 4999 ms of a 5000 ms timeout').toBe(0);
    c.tick(1);
    await settle();
    expect([...new Set(outcomes.map(statusOf))], 'every call at 5000 ms').toEqual([Status.SERVER_TIMEOUT]);
    expect(c.pending, 'calls waiting after the timeouts').toBe(0);
    for (const { id, socket } of held) socket.write(responseBytes(id, Status.OK, 'late'));
    await eventually(3000, () => c.late === 100, 'the 100 late answers to be counted', () => ({ late: c.late }));
    expect([...new Set(outcomes.map(statusOf))], 'the calls after their answers came late').toEqual([Status.SERVER_TIMEOUT]);
  });

  it('fails every call still waiting, and every later one, when the server dies mid-frame', async () => {
    const port = await rawServer(function (frame, socket) {
      got.push(frame.id);
      if (got.length < 100) return;
      const answers = joinBytes(got.slice(0, 30).map((id, i) => responseBytes(id, Status.OK, i)));
      const half = responseBytes(got[30]!, Status.OK, 'never whole').subarray(0, 20);
      socket.write(joinBytes([answers, half]), () => socket.destroy());
    });
    const got: bigint[] = [];
    const c = await client(port);
    const outcomes = Array.from({ length: 100 }, (_, i) => watch(c.call('inventory', 'getStock', [i])));
    await eventually(3000, () => outcomes.every((o) => o.state !== 'pending'), 'every call to settle after the server died', () => outcomes.filter((o) => o.state === 'pending').length);
    expect(outcomes.slice(0, 30).map((o) => o.value), 'the 30 answered calls').toEqual([...Array(30).keys()]);
    expect([...new Set(outcomes.slice(30).map(statusOf))], 'the 70 calls still waiting').toEqual([CHANNEL_INACTIVE]);
    const later = watch(c.call('inventory', 'getStock', [100]));
    await settle();
    expect([c.closed, statusOf(later)], '[closed, a call after the death]').toEqual([true, CHANNEL_INACTIVE]);
  });
});

/** The kind of a value as the lab's Hessian types give it. */
function kind(value: HessianValue): string {
  if (value === null) return 'null';
  if (value instanceof Double) return 'double';
  if (value instanceof Uint8Array) return 'binary';
  if (value instanceof Map) return 'map';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'number' ? 'int' : typeof value === 'bigint' ? 'long' : typeof value;
}

describe('hessian.js, live, as the peer', () => {
  /** Values as hessian.js writes them from JavaScript, and the kind each must decode as. */
  const fromHessianJs: [unknown, string][] = [
    ['sku-1', 'string'],
    [5, 'int'],
    [2 ** 40, 'long'],
    [1.5, 'double'],
    [true, 'boolean'],
    [null, 'null'],
    [Buffer.from([1, 2, 255]), 'binary'],
    [[1, 'a'], 'list'],
    [{ sku: 'a', n: 3 }, 'map'],
    ['中文 😀', 'string'],
  ];

  it('your server reads a call hessian.js writes, and hessian.js reads your answer', async () => {
    const port = await serve({ probe: { kinds: (...args) => args.map(kind), echo: (...args) => args } });
    const socket = await rawClient(port);
    const collector = new FrameCollector();
    const answers: { id: bigint; status: number; body: unknown }[] = [];
    socket.on('data', (chunk: Uint8Array) => collector.push(chunk).forEach((f) => answers.push({ id: f.id, status: f.status, body: new DecoderV2(Buffer.from(f.body)).read() })));
    const args = fromHessianJs.map(([value]) => value);
    const call = (id: bigint, method: string) => {
      const body = new EncoderV2().write('probe').write(method).write(args).get();
      return referenceEncode({ request: true, twoWay: true, event: false, serialization: 2, status: 0, id, body: new Uint8Array(body) });
    };
    socket.write(joinBytes([call(1n, 'kinds'), call(2n, 'echo'), call(3n, 'missing')]));
    await eventually(3000, () => answers.length === 3, 'three answers', () => answers);
    const byId = new Map(answers.map((a) => [a.id, a]));
    expect(byId.get(1n), 'the kinds your server decoded from hessian.js’s bytes').toEqual({ id: 1n, status: Status.OK, body: fromHessianJs.map(([, k]) => k) });
    expect(byId.get(2n), 'your echo, as hessian.js reads it').toEqual({ id: 2n, status: Status.OK, body: args });
    expect([byId.get(3n)?.status, String(byId.get(3n)?.body)], 'an unknown method: status, and the message as hessian.js reads it').toEqual([Status.SERVICE_NOT_FOUND, expect.stringContaining('missing')]);
  });

  it('your client’s call is read by hessian.js, and your client reads what hessian.js answers', async () => {
    const seen: unknown[][] = [];
    const port = await rawServer((frame, socket) => {
      const reader = new DecoderV2(Buffer.from(frame.body));
      const [service, method, args] = [reader.read(), reader.read(), reader.read()];
      seen.push([service, method, args]);
      const reply = (status: number, write: (encoder: EncoderV2) => unknown) => {
        const encoder = new EncoderV2();
        write(encoder);
        socket.write(referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status, id: frame.id, body: new Uint8Array(encoder.get()) }));
      };
      if (method === 'catalog') reply(Status.OK, (e) => e.write([{ sku: 'sku-1', stock: 12, price: 1.5, tags: ['a', 'b'], name: '中文 😀' }, Buffer.from([1, 2])]));
      else if (method === 'big') reply(Status.OK, (e) => e.writeLong(2 ** 53 - 1));
      else reply(Status.SERVICE_ERROR, (e) => e.writeString('no such sku'));
    });
    const c = await client(port);
    const args: HessianValue[] = ['sku-1', 42, 7n, new Double(2.5), true, null, Uint8Array.of(9), ['x'], new Map<HessianValue, HessianValue>([['k', 'v']]), '中文 😀'];
    const outcomes = [watch(c.call('catalog', 'catalog', args)), watch(c.call('catalog', 'big', [])), watch(c.call('catalog', 'fail', []))];
    await eventually(3000, () => outcomes.every((o) => o.state !== 'pending'), 'three answers from the hessian.js server');
    expect(seen[0], 'your call as hessian.js reads it').toEqual(['catalog', 'catalog', ['sku-1', 42, 7, 2.5, true, null, Buffer.from([9]), ['x'], { k: 'v' }, '中文 😀']]);
    expect(outcomes[0]!.value, 'what hessian.js wrote for an object and a Buffer, as your client reads it').toEqual([new Map<HessianValue, HessianValue>([['sku', 'sku-1'], ['stock', 12], ['price', new Double(1.5)], ['tags', ['a', 'b']], ['name', '中文 😀']]), Uint8Array.of(1, 2)]);
    expect(outcomes[1]!.value, 'a long hessian.js wrote').toBe(2n ** 53n - 1n);
    expect([statusOf(outcomes[2]!), String((outcomes[2]!.error as Error).message)], 'an error answer').toEqual([Status.SERVICE_ERROR, expect.stringContaining('no such sku')]);
  });
});
