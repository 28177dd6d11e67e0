/**
 * Stage client: many calls on one connection. The client is sans-I/O: it
 * writes request frames to a Link, takes the connection's bytes through
 * `receive`, and its clock moves only by `tick`. The tests read its requests
 * and write the server's responses with their own frame and Hessian code
 * (fixtures/reference-calls.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InFlight, invocationBody, RpcClient } from '@impl/client.ts';
import { Status } from '@impl/frame-layout.ts';
import { CHANNEL_INACTIVE, RpcError } from '@impl/invocation.ts';
import { joinBytes, cutAt, referenceEncode } from './fixtures/reference-frames.ts';
import { settle, statusOf, watch } from './fixtures/outcomes.ts';
import { readRequest, RecordingLink, requestBody, responseBytes, type SimpleValue } from './fixtures/reference-calls.ts';

function setup(options: ConstructorParameters<typeof RpcClient>[1] = {}) {
  const link = new RecordingLink();
  const client = new RpcClient(link, { heartbeatMs: 0, ...options });
  return { link, client };
}

describe('InFlight', () => {
  it('matches responses to calls in any order, by request id', () => {
    const table = new InFlight<string>();
    table.add(1n, 'getStock');
    table.add(2n, 'reserve');
    table.add(3n, 'price');
    expect(table.settle(3n), 'the response to id 3, first back').toBe('price');
    expect(table.settle(1n), 'then id 1').toBe('getStock');
    expect(table.size, 'calls still waiting after two responses').toBe(1);
    expect(table.settle(2n), 'then id 2').toBe('reserve');
    expect(table.late, 'no response was late').toBe(0);
  });

  it('counts a response that finds no call as late, once per response', () => {
    const table = new InFlight<string>();
    table.add(7n, 'getStock');
    expect(table.drop(7n), 'the call timed out: dropped').toBe('getStock');
    expect(table.settle(7n), 'its response arrives after the timeout').toBeUndefined();
    expect(table.settle(7n), 'a duplicate of it').toBeUndefined();
    expect(table.late, 'two responses found no call').toBe(2);
  });

  it('refuses a second call under an id still in flight', () => {
    const table = new InFlight<string>();
    table.add(2n ** 64n - 1n, 'a');
    expect(() => table.add(2n ** 64n - 1n, 'b'), 'the same id twice').toThrow(/18446744073709551615 is already in flight/);
  });

  it('hands back every waiting call when the connection is lost, in order, and is empty after', () => {
    const table = new InFlight<number>();
    for (const id of [5n, 1n, 9n]) table.add(id, Number(id));
    table.settle(1n);
    expect(table.takeAll(), 'the calls still waiting').toEqual([5, 9]);
    expect(table.size, 'calls waiting after the loss').toBe(0);
    expect(table.settle(5n), 'a response after the loss').toBeUndefined();
  });

  it('lists the waiting calls with their ids, a copy the table can change under', () => {
    const table = new InFlight<string>();
    table.add(4n, 'a');
    table.add(2n, 'b');
    const entries = table.entries();
    table.drop(4n);
    expect(entries, 'entries taken before the drop').toEqual([[4n, 'a'], [2n, 'b']]);
    expect(table.entries(), 'after the drop').toEqual([[2n, 'b']]);
  });
});

describe('RpcClient: requests', () => {
  it('lays a call’s body out as given/invocation.ts says: three Hessian values, byte for byte', () => {
    expect([...invocationBody('inventory', 'reserve', ['sku-42', 300, [true, null]])], 'the body of inventory.reserve("sku-42", 300, [true, null])').toEqual([...requestBody('inventory', 'reserve', ['sku-42', 300, [true, null]])]);
  });

  it('sends a call as a two-way Hessian 2 request whose body is service, method, arguments', () => {
    const { link, client } = setup();
    watch(client.call('inventory', 'getStock', ['sku-42', 3]));
    const [frame, ...rest] = link.take();
    expect(rest, 'frames written for one call').toEqual([]);
    expect({ request: frame!.request, twoWay: frame!.twoWay, event: frame!.event, serialization: frame!.serialization }, 'the request header (given/frame-layout.ts)').toEqual({ request: true, twoWay: true, event: false, serialization: 2 });
    expect(readRequest(frame!).values, 'the body, read as Hessian (given/invocation.ts)').toEqual(['inventory', 'getStock', ['sku-42', 3]]);
    expect(client.pending, 'calls waiting').toBe(1);
  });

  it('sends a one-way call with the two-way bit clear, and waits for nothing', () => {
    const { link, client } = setup();
    client.notify('audit', 'log', ['order 7 placed']);
    const [frame] = link.take();
    expect({ request: frame?.request, twoWay: frame?.twoWay, event: frame?.event, values: frame && readRequest(frame).values }, 'the one-way request').toEqual({ request: true, twoWay: false, event: false, values: ['audit', 'log', ['order 7 placed']] });
    expect(client.pending, 'calls waiting after a one-way call').toBe(0);
  });

  it('never gives two requests the same id, even after responses and timeouts', async () => {
    const { link, client } = setup({ timeoutMs: 100 });
    const ids: bigint[] = [];
    const first = [client.call('s', 'a', []), client.call('s', 'b', [])].map(watch);
    ids.push(...link.take().map((f) => f.id));
    client.receive(responseBytes(ids[0]!, Status.OK, 1));
    client.tick(100);
    await settle();
    expect(first.map((o) => o.state), 'one answered, one timed out').toEqual(['resolved', 'rejected']);
    client.notify('s', 'c', []);
    for (let i = 0; i < 5; i++) watch(client.call('s', 'd', []));
    ids.push(...link.take().map((f) => f.id));
    expect(new Set(ids.map(String)).size, `ids of 8 requests: ${ids.join(', ')}`).toBe(8);
  });
});

describe('RpcClient: responses', () => {
  it('resolves each call with its own response when they come back in any order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.array(fc.nat(), { maxLength: 6 }))), async ([n, order, cuts]) => {
        const { link, client } = setup();
        const outcomes = Array.from({ length: n }, (_, i) => watch(client.call('inventory', 'getStock', [`sku-${i}`])));
        const frames = link.take();
        const responses = order.map((i) => responseBytes(frames[i]!.id, Status.OK, `stock of sku-${i}`));
        for (const chunk of cutAt(joinBytes(responses), cuts)) client.receive(chunk);
        await settle();
        expect(outcomes.map((o) => o.value), `responses in the order ${order.join(', ')}, cut at ${cuts.join(', ')}`).toEqual(Array.from({ length: n }, (_, i) => `stock of sku-${i}`));
        expect([client.pending, client.late], '[pending, late] after every response').toEqual([0, 0]);
      }),
    );
  });

  it('rejects a call answered with an error status with an RpcError carrying that status and the message', async () => {
    const { link, client } = setup();
    const outcome = watch(client.call('inventory', 'reserve', ['sku-1', 2]));
    const [frame] = link.take();
    client.receive(responseBytes(frame!.id, Status.SERVICE_ERROR, 'out of stock'));
    await settle();
    expect(statusOf(outcome), 'status of the failed call').toBe(Status.SERVICE_ERROR);
    expect((outcome.error as Error).message, 'its message, from the body').toContain('out of stock');
  });

  it('fails only the call whose response cannot be read; the others on the connection go on', async () => {
    const { link, client } = setup({ maxBody: 64 });
    const outcomes = [0, 1, 2].map((i) => watch(client.call('s', 'm', [i])));
    const [a, b, c] = link.take();
    const garbage = referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status: 20, id: a!.id, body: Uint8Array.of(0x4e, 0x4e) });
    const huge = referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status: 20, id: b!.id, body: new Uint8Array(65).fill(0x4e) });
    client.receive(joinBytes([garbage, huge, responseBytes(c!.id, Status.OK, 'fine')]));
    await settle();
    expect(outcomes.map(statusOf), 'two bodies Hessian null twice, one over maxBody').toEqual([Status.BAD_RESPONSE, Status.BAD_RESPONSE, 'resolved with "fine"']);
  });

  it('counts a response nobody waits for (a duplicate, a stranger) as late and settles nothing with it', async () => {
    const { link, client } = setup();
    const a = watch(client.call('s', 'a', []));
    const b = watch(client.call('s', 'b', []));
    const [fa] = link.take();
    client.receive(joinBytes([responseBytes(fa!.id, Status.OK, 'A'), responseBytes(fa!.id, Status.OK, 'A again'), responseBytes(999n, Status.OK, 'stranger')]));
    await settle();
    expect([a.value, b.state, client.late, client.pending], '[a, b, late, pending]').toEqual(['A', 'pending', 2, 1]);
  });
});

describe('RpcClient: timeouts on the injected clock', () => {
  it('fails a call with SERVER_TIMEOUT when its time is up, not a millisecond before', async () => {
    const { client } = setup({ timeoutMs: 1000 });
    const outcome = watch(client.call('s', 'slow', []));
    client.tick(600);
    client.tick(399);
    await settle();
    expect(outcome.state, 'after 999 ms of a 1000 ms timeout').toBe('pending');
    client.tick(1);
    await settle();
    expect(statusOf(outcome), 'at 1000 ms: the request went out, so the server may have run it (SERVER_TIMEOUT)').toBe(Status.SERVER_TIMEOUT);
    expect(client.pending, 'calls waiting after the timeout').toBe(0);
  });

  it('gives each call its own deadline, from when it was sent, and its own timeout when asked', async () => {
    const { client } = setup({ timeoutMs: 1000 });
    const a = watch(client.call('s', 'a', []));
    client.tick(500);
    const b = watch(client.call('s', 'b', []));
    const c = watch(client.call('s', 'c', [], { timeoutMs: 200 }));
    client.tick(200);
    await settle();
    expect([a, b, c].map((o) => o.state), 'at 700 ms: a sent at 0, b at 500 (1000 ms), c at 500 (200 ms)').toEqual(['pending', 'pending', 'rejected']);
    client.tick(300);
    await settle();
    expect([a, b].map((o) => o.state), 'at 1000 ms').toEqual(['rejected', 'pending']);
    client.tick(500);
    await settle();
    expect(b.state, 'at 1500 ms').toBe('rejected');
  });

  it('drops and counts a response that comes after its call timed out, and it settles nothing', async () => {
    const { link, client } = setup({ timeoutMs: 100 });
    const outcome = watch(client.call('s', 'slow', []));
    const [frame] = link.take();
    client.tick(100);
    client.receive(responseBytes(frame!.id, Status.OK, 'too late'));
    await settle();
    expect(statusOf(outcome), 'the call').toBe(Status.SERVER_TIMEOUT);
    expect([client.late, client.pending], '[late, pending]').toEqual([1, 0]);
  });

  it('forgets a call once answered: its deadline passing later fails nothing and counts nothing', async () => {
    const { link, client } = setup({ timeoutMs: 100 });
    const outcome = watch(client.call('s', 'fast', []));
    const [frame] = link.take();
    client.receive(responseBytes(frame!.id, Status.OK, 'done'));
    client.tick(1000);
    client.receive(responseBytes(frame!.id, Status.OK, 'duplicate'));
    await settle();
    expect([outcome.value, client.pending, client.late], '[value, pending, late]').toEqual(['done', 0, 1]);
  });
});

describe('RpcClient: losing the connection', () => {
  it('fails every waiting call with CHANNEL_INACTIVE, and every later call at once', async () => {
    const { link, client } = setup();
    const outcomes = [0, 1, 2].map((i) => watch(client.call('s', 'm', [i])));
    const [first] = link.take();
    client.receive(responseBytes(first!.id, Status.OK, 'ok'));
    client.connectionLost();
    const later = watch(client.call('s', 'm', [3]));
    await settle();
    expect([...outcomes, later].map(statusOf), 'the answered call, two waiting, one after the loss').toEqual(['resolved with "ok"', CHANNEL_INACTIVE, CHANNEL_INACTIVE, CHANNEL_INACTIVE]);
    expect([client.closed, client.pending, link.take().length], '[closed, pending, frames written after the loss]').toEqual([true, 0, 0]);
    expect(() => client.notify('s', 'm', []), 'a one-way call after the loss').toThrow(/s\.m: the connection is closed/);
    expect([(outcomes[1]!.error as Error).message, (later.error as Error).message], 'the messages').toEqual(['the connection was lost before the response came', 's.m: the connection is closed']);
  });

  it('counts an oversize response nobody waits for as late, and goes on', async () => {
    const { link, client } = setup({ maxBody: 8 });
    const outcome = watch(client.call('s', 'm', []));
    const [frame] = link.take();
    client.receive(joinBytes([referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status: 20, id: 99n, body: new Uint8Array(9).fill(0x4e) }), responseBytes(frame!.id, Status.OK, 'fine')]));
    await settle();
    expect([outcome.value, client.late], '[the call, late]').toEqual(['fine', 1]);
  });

  it('after the loss, reads nothing, counts nothing and sends no heartbeat', async () => {
    const { link, client } = setup({ heartbeatMs: 1000 });
    watch(client.call('s', 'm', []));
    const [frame] = link.take();
    client.connectionLost();
    client.connectionLost();
    client.receive(responseBytes(frame!.id, Status.OK, 'after the loss'));
    client.tick(5000);
    expect([client.late, client.pending, link.take().length], '[late, pending, frames written]').toEqual([0, 0, 0]);
  });

  it('closes the link and fails every waiting call after a bad magic, since nothing after it can be trusted', async () => {
    const { link, client } = setup();
    const outcomes = [0, 1].map((i) => watch(client.call('s', 'm', [i])));
    client.receive(Uint8Array.of(0xca, 0xfe, ...new Array(20).fill(0)));
    await settle();
    expect([...outcomes.map(statusOf), link.closes], '[two calls, link closes]').toEqual([CHANNEL_INACTIVE, CHANNEL_INACTIVE, 1]);
  });
});

describe('RpcClient: defaults and messages', () => {
  it('times calls out after 1000 ms and sends heartbeats after 60,000 idle ms unless told otherwise (Dubbo’s defaults)', async () => {
    const link = new RecordingLink();
    const client = new RpcClient(link);
    const outcome = watch(client.call('s', 'm', []));
    link.take();
    client.tick(999);
    await settle();
    expect(outcome.state, 'at 999 ms').toBe('pending');
    client.tick(1);
    await settle();
    expect(statusOf(outcome), 'at 1000 ms').toBe(Status.SERVER_TIMEOUT);
    client.tick(58_999);
    expect(link.take().length, 'frames written by 59,999 ms').toBe(0);
    client.tick(1);
    expect(link.take().map((f) => f.event), 'frames written at 60,000 ms').toEqual([true]);
  });

  it('names the request in the message of a call that failed on the client’s side', async () => {
    const { link, client } = setup({ timeoutMs: 10, maxBody: 8 });
    const [a, b, c] = [watch(client.call('s', 'a', [])), watch(client.call('s', 'b', [])), watch(client.call('s', 'c', []))];
    const [fa, fb] = link.take();
    client.receive(referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status: 20, id: fa!.id, body: Uint8Array.of(0x4e, 0x4e) }));
    client.receive(referenceEncode({ request: false, twoWay: false, event: false, serialization: 2, status: 20, id: fb!.id, body: new Uint8Array(9).fill(0x4e) }));
    client.tick(10);
    await settle();
    const messages = [a, b, c].map((o) => (o.error as Error | undefined)?.message);
    expect(messages, 'the messages: body not one value, body over maxBody, timeout').toEqual([
      expect.stringMatching(new RegExp(`response ${fa!.id}: its body is not one Hessian value`)),
      expect.stringMatching(new RegExp(`response ${fb!.id} has a body of 9 bytes, over the limit of 8`)),
      expect.stringMatching(/no response to request \d+ within its timeout/),
    ]);
  });

  it('gives a call answered with an error status and a body that is no message the status as its message', async () => {
    const { link, client } = setup();
    const outcome = watch(client.call('s', 'm', []));
    const [frame] = link.take();
    client.receive(responseBytes(frame!.id, Status.SERVER_ERROR, 7));
    await settle();
    expect([statusOf(outcome), (outcome.error as Error).message], '[status, message]').toEqual([Status.SERVER_ERROR, 'status 80']);
  });
});

describe('RpcClient: heartbeats', () => {
  /** The frames written, as [event, twoWay, body values]. */
  const shapes = (link: RecordingLink) => link.take().map((f) => [f.request, f.event, f.twoWay, readRequest(f).values as SimpleValue[]]);

  it('sends a two-way event request with a null body once the connection has been idle for heartbeatMs', () => {
    const { link, client } = setup({ heartbeatMs: 60_000 });
    client.tick(59_999);
    expect(shapes(link), 'frames after 59,999 idle ms').toEqual([]);
    client.tick(1);
    expect(shapes(link), 'frames after 60,000 idle ms').toEqual([[true, true, true, [null]]]);
  });

  it('counts a frame read or written as activity that puts the heartbeat off', () => {
    const { link, client } = setup({ heartbeatMs: 1000, timeoutMs: 10_000 });
    client.tick(900);
    watch(client.call('s', 'm', []));
    const [call] = link.take();
    client.tick(900);
    client.receive(responseBytes(call!.id, Status.OK, null));
    client.tick(900);
    expect(shapes(link), 'frames by 2700 ms: a write at 900, a read at 1800').toEqual([]);
    client.tick(100);
    expect(shapes(link).length, 'frames at 2800 ms, 1000 ms after the read').toBe(1);
  });

  it('takes a heartbeat reply as no call’s response: nothing settles, nothing is late', async () => {
    const { link, client } = setup({ heartbeatMs: 1000, timeoutMs: 10_000 });
    const outcome = watch(client.call('s', 'm', []));
    const [call] = link.take();
    client.tick(1000);
    const [beat] = link.take();
    expect(beat?.id, 'the heartbeat’s request id, fresh').not.toBe(call?.id);
    client.receive(referenceEncode({ request: false, twoWay: false, event: true, serialization: 2, status: 20, id: beat!.id, body: Uint8Array.of(0x4e) }));
    client.receive(referenceEncode({ request: false, twoWay: false, event: true, serialization: 2, status: 20, id: call!.id, body: Uint8Array.of(0x4e) }));
    await settle();
    expect([outcome.state, client.late, client.pending], '[call, late, pending]').toEqual(['pending', 0, 1]);
  });
});
