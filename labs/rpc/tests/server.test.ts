/**
 * Stage server: dispatch. The tests write requests with their own frame and
 * Hessian code (fixtures/reference-calls.ts), feed them to a connection of
 * the learner's server, and read back what it writes to the Link. Methods are
 * the tests' own, often promises the test settles, to hold calls running.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInvocation, heartbeatReply, RpcServer } from '@impl/server.ts';
import type { MethodTable } from '@impl/server-types.ts';
import { Status } from '@impl/frame-layout.ts';
import type { HessianValue } from '@impl/hessian-types.ts';
import { cutAt, joinBytes, referenceEncode } from './fixtures/reference-frames.ts';
import { settle } from './fixtures/outcomes.ts';
import { hessianOf, readHessian, RecordingLink, requestBody, requestBytes } from './fixtures/reference-calls.ts';

const heartbeat = { request: true, twoWay: true, event: true, serialization: 2, status: 0, id: 7n, body: Uint8Array.of(0x4e) };

describe('heartbeatReply', () => {
  it('answers a heartbeat with an OK event response under the same id, body Hessian null', () => {
    expect(heartbeatReply(heartbeat), 'the reply to heartbeat id 7').toEqual({ request: false, twoWay: false, event: true, serialization: 2, status: 20, id: 7n, body: Uint8Array.of(0x4e) });
  });

  it('keeps the request’s serialization id', () => {
    expect(heartbeatReply({ ...heartbeat, serialization: 21 })?.serialization, 'serialization of the reply to a heartbeat sent with id 21').toBe(21);
  });

  it('answers nothing else: a call, a one-way event, a response', () => {
    expect(heartbeatReply({ ...heartbeat, event: false }), 'a two-way call').toBeNull();
    expect(heartbeatReply({ ...heartbeat, twoWay: false }), 'a one-way event (Dubbo sends no reply)').toBeNull();
    expect(heartbeatReply({ ...heartbeat, request: false }), 'an event response').toBeNull();
  });
});

/** What `fn` throws, as [its name, its message]; what it returned if it did not throw. */
function thrownBy(fn: () => unknown): [string, string] | { returned: unknown } {
  try {
    return { returned: fn() };
  } catch (error) {
    return error instanceof Error ? [error.name, error.message] : ['not an Error', String(error)];
  }
}

/** A promise the test settles by hand. */
function deferred(): { promise: Promise<HessianValue>; resolve(value: HessianValue): void; reject(error: Error): void } {
  let resolve!: (value: HessianValue) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<HessianValue>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** What a response says, read by the tests' own code: [id, status, body values], flags checked. */
function responses(link: RecordingLink): [bigint, number, unknown][] {
  return link.take().map((frame) => {
    expect({ request: frame.request, twoWay: frame.twoWay, event: frame.event, serialization: frame.serialization }, `header of the response to ${frame.id}`).toEqual({ request: false, twoWay: false, event: false, serialization: 2 });
    return [frame.id, frame.status, readHessian(frame.body)[0]];
  });
}

const inventory: MethodTable = {
  inventory: {
    getStock: (sku) => `stock of ${String(sku)}`,
    add: (a, b) => (a as number) + (b as number),
  },
};

function serve(methods: MethodTable = inventory, maxConcurrent?: number) {
  const server = new RpcServer({ methods, maxConcurrent, maxBody: 1024 });
  const link = new RecordingLink();
  const connection = server.accept(link);
  return { server, link, connection };
}

describe('decodeInvocation', () => {
  it('reads service, method and arguments from a request body', () => {
    expect(decodeInvocation(requestBody('inventory', 'reserve', ['sku-42', 300, [true, null]])), 'the body of inventory.reserve("sku-42", 300, [true, null])').toEqual({ service: 'inventory', method: 'reserve', args: ['sku-42', 300, [true, null]] });
  });

  it('throws a TypeError naming the field for a body laid out otherwise', () => {
    const body = requestBody('inventory', 'reserve', []);
    expect(thrownBy(() => decodeInvocation(Uint8Array.from([0x91, ...body.subarray(10)]))), 'an int where the service name goes').toEqual(['TypeError', expect.stringMatching(/service/i)]);
    expect(thrownBy(() => decodeInvocation(Uint8Array.from([...hessianOf('inventory'), 0x4e, 0x78]))), 'null where the method name goes').toEqual(['TypeError', expect.stringMatching(/method/i)]);
    expect(thrownBy(() => decodeInvocation(Uint8Array.from([...hessianOf('inventory'), ...hessianOf('reserve'), ...hessianOf('sku-42')]))), 'a string where the argument list goes').toEqual(['TypeError', expect.stringMatching(/argument/i)]);
    expect(thrownBy(() => decodeInvocation(Uint8Array.from([...body, 0x90]))), 'a byte after the argument list').toEqual(['TypeError', expect.stringMatching(/argument/i)]);
  });

  it('lets the Hessian decoder’s TruncatedError through for a body cut short', () => {
    const body = requestBody('inventory', 'reserve', []);
    expect(thrownBy(() => decodeInvocation(body.subarray(0, body.length - 1))), 'the body without its argument list’s last byte').toEqual(['TruncatedError', expect.any(String)]);
  });
});

describe('RpcServer: dispatch', () => {
  it('answers a call with status OK and the method’s result under the request’s id', async () => {
    const { link, connection } = serve();
    connection.receive(requestBytes(41n, 'inventory', 'add', [2, 40]));
    await settle();
    expect(responses(link), '[id, status, result]').toEqual([[41n, Status.OK, 42]]);
  });

  it('answers each call when its method finishes, so responses leave in any order', async () => {
    const held = [deferred(), deferred(), deferred()];
    const { link, connection } = serve({ s: { wait: (i) => held[i as number]!.promise } });
    connection.receive(joinBytes([0, 1, 2].map((i) => requestBytes(BigInt(100 + i), 's', 'wait', [i]))));
    await settle();
    expect(responses(link), 'before any method finished').toEqual([]);
    held[2]!.resolve('c');
    held[0]!.resolve('a');
    await settle();
    held[1]!.resolve('b');
    await settle();
    expect(responses(link), 'in the order the methods finished').toEqual([[102n, Status.OK, 'c'], [100n, Status.OK, 'a'], [101n, Status.OK, 'b']]);
  });

  it('runs a one-way call and answers nothing, whatever happens to it', async () => {
    const seen: unknown[] = [];
    const { link, connection } = serve({ audit: { log: (line) => (seen.push(line), null), fail: () => { throw new Error('disk full'); } } });
    connection.receive(joinBytes([requestBytes(1n, 'audit', 'log', ['placed'], { twoWay: false }), requestBytes(2n, 'audit', 'fail', [], { twoWay: false }), requestBytes(3n, 'audit', 'nope', [], { twoWay: false })]));
    await settle();
    expect([seen, responses(link)], '[what the method saw, responses]').toEqual([['placed'], []]);
  });

  it('serves every call of a stream cut anywhere, each answered under its own id (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), async (calls, cuts) => {
        const { link, connection } = serve();
        const unique = [...new Map(calls.map(([id, sku]) => [id, sku])).entries()];
        for (const chunk of cutAt(joinBytes(unique.map(([id, sku]) => requestBytes(id, 'inventory', 'getStock', [sku]))), cuts)) connection.receive(chunk);
        await settle();
        expect(responses(link), 'responses').toEqual(unique.map(([id, sku]) => [id, Status.OK, `stock of ${sku}`]));
      }),
    );
  });
});

describe('RpcServer: errors are responses', () => {
  it('answers an unknown service or method with SERVICE_NOT_FOUND naming it, and goes on serving', async () => {
    const { link, connection } = serve();
    connection.receive(joinBytes([requestBytes(1n, 'billing', 'charge', []), requestBytes(2n, 'inventory', 'getStok', []), requestBytes(3n, 'inventory', 'add', [1, 1])]));
    await settle();
    const got = responses(link);
    expect(got.map(([id, status]) => [id, status]), '[id, status]').toEqual([[1n, Status.SERVICE_NOT_FOUND], [2n, Status.SERVICE_NOT_FOUND], [3n, Status.OK]]);
    expect(String(got[1]![2]), 'the message').toContain('getStok');
  });

  it('finds only the table’s own methods, never what every object inherits', async () => {
    const { link, connection } = serve();
    connection.receive(joinBytes([requestBytes(1n, 'inventory', 'toString', []), requestBytes(2n, 'constructor', 'name', []), requestBytes(3n, 'inventory', '__proto__', []), requestBytes(4n, 'inventory', 'hasOwnProperty', ['add'])]));
    await settle();
    expect(responses(link).map(([id, status]) => [id, status]), '[id, status]').toEqual([1n, 2n, 3n, 4n].map((id) => [id, Status.SERVICE_NOT_FOUND]));
  });

  it('answers a method that throws or rejects with SERVICE_ERROR and its message', async () => {
    const { link, connection } = serve({ s: { boom: () => { throw new Error('out of stock'); }, later: () => Promise.reject(new Error('database down')) } });
    connection.receive(joinBytes([requestBytes(1n, 's', 'boom', []), requestBytes(2n, 's', 'later', [])]));
    await settle();
    const got = responses(link);
    expect(got.map(([id, status]) => [id, status]), '[id, status]').toEqual([[1n, Status.SERVICE_ERROR], [2n, Status.SERVICE_ERROR]]);
    expect(got.map(([, , message]) => String(message)).join(' | '), 'the messages').toMatch(/out of stock.*database down/);
  });

  it('answers a result Hessian cannot write with BAD_RESPONSE, as Dubbo does', async () => {
    const { link, connection } = serve({ s: { odd: () => ({ not: 'hessian' }) as unknown as HessianValue } });
    connection.receive(requestBytes(5n, 's', 'odd', []));
    await settle();
    expect(responses(link).map(([id, status]) => [id, status]), '[id, status]').toEqual([[5n, Status.BAD_RESPONSE]]);
  });

  it('answers a body that is not service, method, arguments, or not Hessian 2, with BAD_REQUEST', async () => {
    const { link, connection } = serve();
    const frame = (id: bigint, body: Uint8Array, serialization = 2) => referenceEncode({ request: true, twoWay: true, event: false, serialization, status: 0, id, body });
    connection.receive(
      joinBytes([
        frame(1n, Uint8Array.of(0x4e)),
        frame(2n, Uint8Array.from([...requestBody('inventory', 'add', [1, 2]).subarray(0, 18), 0x91])),
        frame(3n, Uint8Array.from([...requestBody('inventory', 'add', []), 0x4e])),
        requestBytes(4n, 'inventory', 'add', [1, 2], { serialization: 6 }),
        frame(5n, requestBody('inventory', 'add', [3, 4])),
      ]),
    );
    await settle();
    expect(responses(link).map(([id, status]) => [id, status]), '[id, status]: null; args not a list; a value after the args; serialization 6 (JSON); a good one').toEqual([[1n, 40], [2n, 40], [3n, 40], [4n, 40], [5n, 20]]);
  });

  it('says in each error message what went wrong', async () => {
    const held = deferred();
    const { link, connection } = serve({ s: { wait: () => held.promise, odd: () => undefined as unknown as HessianValue } }, 1);
    const frame = (id: bigint, body: Uint8Array) => referenceEncode({ request: true, twoWay: true, event: false, serialization: 2, status: 0, id, body });
    connection.receive(
      joinBytes([
        requestBytes(1n, 's', 'wait', []),
        requestBytes(2n, 's', 'wait', []),
        requestBytes(3n, 's', 'wait', [], { serialization: 6 }),
        frame(4n, Uint8Array.of(0x91, 0x92, 0x93)),
        frame(5n, Uint8Array.from([...requestBody('s', 'wait', []), 0x4e])),
      ]),
    );
    held.resolve(null);
    await settle();
    connection.receive(requestBytes(6n, 's', 'odd', []));
    await settle();
    const messages = Object.fromEntries(responses(link).map(([id, , message]) => [String(id), String(message)]));
    expect(messages, 'the message of each error response').toEqual({
      '1': 'null',
      '2': expect.stringMatching(/\b1 calls/),
      '3': expect.stringMatching(/serialization id 6\b/),
      '4': expect.stringMatching(/request 4: .*service/i),
      '5': expect.stringMatching(/request 5: 1 bytes after the arguments/),
      '6': expect.stringMatching(/s\.odd returned what Hessian cannot write/),
    });
  });

  it('answers a request over maxBody with BAD_REQUEST and serves the ones after it', async () => {
    const { link, connection } = serve();
    const big = requestBytes(1n, 'inventory', 'getStock', ['x'.repeat(1000), 'y'.repeat(100)]);
    for (const chunk of cutAt(joinBytes([big, requestBytes(2n, 'inventory', 'add', [1, 2])]), [20, 500])) connection.receive(chunk);
    await settle();
    expect(responses(link).map(([id, status]) => [id, status]), '[id, status]').toEqual([[1n, Status.BAD_REQUEST], [2n, Status.OK]]);
  });

  it('answers nothing to a one-way request or a heartbeat over maxBody, and names the limit to a call', async () => {
    const { link, connection } = serve();
    const big = (id: bigint, flags: { twoWay: boolean; event: boolean }) => referenceEncode({ request: true, ...flags, serialization: 2, status: 0, id, body: new Uint8Array(1025).fill(0x4e) });
    connection.receive(joinBytes([big(1n, { twoWay: false, event: false }), big(2n, { twoWay: true, event: true }), big(3n, { twoWay: true, event: false })]));
    await settle();
    expect(link.take().map((f) => [f.id, f.event, f.status, readHessian(f.body)[0]]), '[id, event, status, message]').toEqual([[3n, false, Status.BAD_REQUEST, expect.stringMatching(/1025 bytes.*1024/)]]);
  });

  it('writes no response after a bad magic, not even for a call already running', async () => {
    const held = deferred();
    const { link, connection } = serve({ s: { wait: () => held.promise } });
    connection.receive(requestBytes(1n, 's', 'wait', []));
    connection.receive(Uint8Array.of(0xbe, 0xef, ...new Array(14).fill(0)));
    held.resolve('done');
    await settle();
    expect([link.closes, link.written.length], '[closes, writes]').toEqual([1, 0]);
  });

  it('runs nothing it receives after the connection closed', async () => {
    let calls = 0;
    const { link, connection } = serve({ s: { m: () => ++calls } });
    connection.closed();
    connection.receive(requestBytes(1n, 's', 'm', []));
    await settle();
    expect([calls, link.written.length], '[method calls, writes]').toEqual([0, 0]);
  });

  it('closes the link after a bad magic and serves nothing more from it', async () => {
    const { link, connection } = serve();
    connection.receive(joinBytes([Uint8Array.of(0xbe, 0xef, ...new Array(14).fill(0)), requestBytes(1n, 'inventory', 'add', [1, 2])]));
    connection.receive(requestBytes(2n, 'inventory', 'add', [1, 2]));
    await settle();
    expect([link.closes, responses(link)], '[closes, responses]').toEqual([1, []]);
  });
});

describe('RpcServer: the concurrency limit', () => {
  it('runs exactly maxConcurrent calls at once and answers the next with SERVER_THREADPOOL_EXHAUSTED at once', async () => {
    const held = [deferred(), deferred()];
    let started = 0;
    const { server, link, connection } = serve({ s: { wait: () => held[started++]!.promise } }, 2);
    connection.receive(joinBytes([1n, 2n, 3n].map((id) => requestBytes(id, 's', 'wait', []))));
    await settle();
    expect([started, server.active, responses(link)], '[methods started, active, responses] with a limit of 2').toEqual([2, 2, [[3n, Status.SERVER_THREADPOOL_EXHAUSTED, expect.any(String)]]]);
    held[0]!.resolve('one');
    await settle();
    expect(server.active, 'active after one finished').toBe(1);
    held.push(deferred());
    connection.receive(requestBytes(4n, 's', 'wait', []));
    held[1]!.reject(new Error('failed'));
    await settle();
    expect([started, server.active], '[started, active]: a failed call frees its place too').toEqual([3, 1]);
  });

  it('shares one limit among every connection, and a heartbeat needs no place', async () => {
    const held = deferred();
    const server = new RpcServer({ methods: { s: { wait: () => held.promise } }, maxConcurrent: 1 });
    const [linkA, linkB] = [new RecordingLink(), new RecordingLink()];
    const [a, b] = [server.accept(linkA), server.accept(linkB)];
    a.receive(requestBytes(1n, 's', 'wait', []));
    b.receive(requestBytes(1n, 's', 'wait', []));
    b.receive(referenceEncode(heartbeat));
    await settle();
    const fromB = linkB.take().map((f) => [f.id, f.event, f.status]);
    expect(fromB, 'what B got: [id, event, status]').toEqual([[1n, false, Status.SERVER_THREADPOOL_EXHAUSTED], [7n, true, Status.OK]]);
  });

  it('drops the response of a call whose connection closed, and frees its place', async () => {
    const held = deferred();
    const { server, link, connection } = serve({ s: { wait: () => held.promise } }, 1);
    connection.receive(requestBytes(1n, 's', 'wait', []));
    connection.closed();
    held.resolve('done');
    await settle();
    expect([link.written.length, server.active], '[bytes written, active]').toEqual([0, 0]);
  });
});

describe('RpcServer: heartbeats', () => {
  it('echoes a two-way heartbeat and ignores a one-way one and any response, without calling a method', async () => {
    let calls = 0;
    const { link, connection } = serve({ s: { m: () => ++calls } });
    connection.receive(joinBytes([referenceEncode(heartbeat), referenceEncode({ ...heartbeat, id: 8n, twoWay: false }), referenceEncode({ ...heartbeat, id: 9n, request: false, event: false })]));
    await settle();
    expect([link.take().map((f) => [f.id, f.request, f.event, f.status, [...f.body]]), calls], '[frames written, method calls]').toEqual([[[7n, false, true, 20, [0x4e]]], 0]);
  });
});
