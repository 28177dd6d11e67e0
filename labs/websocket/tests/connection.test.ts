/**
 * Stage connection: one end of a connection, driven step by step — bytes in,
 * clock ticks — with the tests' own client at the other end. The frames your
 * connection writes are read back by the tests' reader; a failure prints the
 * transcript so far. Last, your heartbeat meets a simulated proxy that cuts
 * connections after 60 s without data from the server, as nginx's
 * proxy_read_timeout does.
 */
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, Transcript } from '@lab-kit';
import { WebSocketConnection } from '@impl/connection.ts';
import type { ConnectionEvent, ConnectionOptions } from '@impl/connection-types.ts';
import { runThroughProxy } from './fixtures/idle-proxy.ts';
import { describeFrame, referenceDecodeAll, referenceEncode, utf8, type ReadFrame } from './fixtures/reference-frames.ts';
import { clientBytes, closeBody, ScriptedClient } from './fixtures/scripted-client.ts';

const SEE_CLOSE = 'RFC 6455 §5.5.1, §7.1';
const SEE_FAIL = 'RFC 6455 §7.1.7';

/** A connection and a transcript, with helpers that record every step. */
function script(title: string, options: Partial<ConnectionOptions> = {}) {
  const t = new Transcript(title);
  const conn = new WebSocketConnection({ role: 'server', ...options });
  const sent = (): ReadFrame[] => {
    const frames = conn.takeOutput().flatMap((bytes) => referenceDecodeAll(bytes));
    t.step(`it sends: ${frames.length ? frames.map(describeFrame).join(', ') : 'nothing'}`);
    return frames;
  };
  return {
    t,
    conn,
    receive(what: string, bytes: Uint8Array) {
      t.step(`the peer sends ${what}`);
      conn.receive(bytes);
    },
    tick(ms: number) {
      t.step(`${ms} ms pass`);
      conn.tick(ms);
    },
    sent,
    /** The opcodes and payloads sent since the last look. */
    sentSummary: () => sent().map((f) => ({ opcode: f.opcode, payload: Array.from(f.payload), masked: f.masked })),
    events: (): ConnectionEvent[] => conn.takeEvents(),
  };
}

const bytesOf = (data: Uint8Array | string) => Array.from(typeof data === 'string' ? utf8(data) : data);

describe('messages and Pings', () => {
  it('delivers a text and a binary message, and sends unmasked frames as a server', () => {
    const s = script('server receives and sends messages');
    s.receive('Text "track order 42"', clientBytes(1, utf8('track order 42')));
    s.receive('Binary 01 02', clientBytes(2, fromHex('01 02')));
    s.t.expect('events', s.events(), [{ type: 'message', data: 'track order 42' }, { type: 'message', data: fromHex('01 02') }]);
    s.t.expect('sendText("paid") returns', s.conn.sendText('paid'), true);
    s.conn.sendBinary(fromHex('ff'));
    s.t.expect('frames sent', s.sentSummary(), [{ opcode: 1, payload: bytesOf('paid'), masked: false }, { opcode: 2, payload: [0xff], masked: false }], 'RFC 6455 §5.1: a server never masks');
  });

  it('answers a Ping with a Pong carrying the same payload (RFC 6455 §5.5.2), and reports both', () => {
    const s = script('Ping');
    s.receive('Ping "hb-1"', clientBytes(9, utf8('hb-1')));
    s.t.expect('frames sent', s.sentSummary(), [{ opcode: 10, payload: bytesOf('hb-1'), masked: false }], 'RFC 6455 §5.5.3');
    s.receive('Pong "x"', clientBytes(10, utf8('x')));
    s.t.expect('events', s.events(), [{ type: 'ping', payload: utf8('hb-1') }, { type: 'pong', payload: utf8('x') }]);
    s.t.expect('an unsolicited Pong gets no answer', s.sentSummary(), []);
  });

  it('as a client, masks every frame with a fresh key from `random` (RFC 6455 §5.3)', () => {
    const keys = [fromHex('01 02 03 04'), fromHex('a0 b0 c0 d0')];
    const conn = new WebSocketConnection({ role: 'client', random: (n) => keys.shift()!.subarray(0, n) });
    conn.sendText('Hello');
    conn.ping(utf8('p'));
    const [text, ping] = conn.takeOutput();
    expectBytes(text!, referenceEncode({ fin: true, rsv: 0, opcode: 1, payload: utf8('Hello') }, fromHex('01 02 03 04')), { what: 'a client’s Text "Hello" masked with 01 02 03 04', see: 'RFC 6455 §5.3' });
    expectBytes(ping!, referenceEncode({ fin: true, rsv: 0, opcode: 9, payload: utf8('p') }, fromHex('a0 b0 c0 d0')), { what: 'the next frame, with the next key', see: 'RFC 6455 §5.3' });
  });

  it('refuses a Ping payload over 125 bytes, and sends one of exactly 125', () => {
    const conn = new WebSocketConnection({ role: 'server' });
    expect(() => conn.ping(new Uint8Array(126)), 'RFC 6455 §5.5').toThrow(RangeError);
    expect(conn.ping(new Uint8Array(125)), '125 bytes fit a control frame').toBe(true);
    expect(conn.takeOutput().flatMap((b) => referenceDecodeAll(b)).map((f) => [f.opcode, f.payload.length]), 'the Ping sent').toEqual([[9, 125]]);
  });
});

describe('fragments and limits', () => {
  it('delivers a fragmented message sent in one read, with a Ping in between answered at once', () => {
    const s = script('fragments in one read');
    s.receive('Text "or" (no FIN), Ping, Continuation "der" (FIN), Text "x"', new Uint8Array([...clientBytes(1, utf8('or'), false), ...clientBytes(9, utf8('p')), ...clientBytes(0, utf8('der')), ...clientBytes(1, utf8('x'))]));
    s.t.expect('events', s.events().map((e) => (e.type === 'message' ? e.data : e.type)), ['ping', 'order', 'x']);
    s.t.expect('frames sent', s.sentSummary().map((f) => f.opcode), [10]);
  });

  it('refuses an oversized frame from its header alone, and an oversized fragmented message, with 1009', () => {
    const header = clientBytes(2, new Uint8Array(17)).subarray(0, 6);
    const s = script('limit 16 bytes', { maxMessageSize: 16 });
    s.receive('only the header (and key) of a 17-byte Binary frame', header);
    s.t.expect('frames sent', s.sentSummary().map((f) => [f.opcode, f.payload[0]! * 256 + f.payload[1]!]), [[8, 1009]], 'RFC 6455 §10.4: refuse before buffering');
    const t = script('limit 16 bytes, fragments of 10', { maxMessageSize: 16 });
    t.receive('Binary 10 bytes (no FIN), Continuation 10 bytes', new Uint8Array([...clientBytes(2, new Uint8Array(10), false), ...clientBytes(0, new Uint8Array(10))]));
    t.t.expect('frames sent', t.sentSummary().map((f) => [f.opcode, f.payload[0]! * 256 + f.payload[1]!]), [[8, 1009]]);
  });

  it('masks with a random key when no `random` is given', () => {
    const conn = new WebSocketConnection({ role: 'client' });
    conn.sendText('a');
    expect(conn.takeOutput().flatMap((b) => referenceDecodeAll(b)).map((f) => [f.masked, new TextDecoder().decode(f.payload)]), 'crypto.getRandomValues by default').toEqual([[true, 'a']]);
  });
});

describe('the closing handshake', () => {
  it('answers the peer’s Close with a Close echoing its code, then the server closes the transport', () => {
    const s = script('the client closes first', {});
    s.receive('Close 1000 "bye"', clientBytes(8, closeBody(1000, 'bye')));
    s.t.expect('frames sent', s.sentSummary(), [{ opcode: 8, payload: [0x03, 0xe8], masked: false }], SEE_CLOSE);
    s.t.expect('state', s.conn.state, 'closed');
    s.t.expect('shouldCloseTransport (the server closes TCP first, §7.1.1)', s.conn.shouldCloseTransport, true);
    s.t.expect('events', s.events(), [{ type: 'close', code: 1000, reason: 'bye', wasClean: true }]);
    s.t.expect('sendText after closing', s.conn.sendText('late'), false);
    s.t.expect('frames sent', s.sentSummary(), []);
  });

  it('reports 1005 for a Close without a body, and answers with an empty Close', () => {
    const s = script('Close without a code');
    s.receive('Close (empty)', clientBytes(8));
    s.t.expect('frames sent', s.sentSummary(), [{ opcode: 8, payload: [], masked: false }], SEE_CLOSE);
    s.t.expect('events', s.events(), [{ type: 'close', code: 1005, reason: '', wasClean: true }], 'RFC 6455 §7.4.1: 1005 is what the application sees, never what is sent');
  });

  it('closes first: Close, closing, no more data, then the peer’s Close finishes it', () => {
    const s = script('the server closes first');
    s.conn.close(1001, 'restart');
    s.t.step('close(1001, "restart")');
    s.t.expect('frames sent', s.sentSummary(), [{ opcode: 8, payload: Array.from(closeBody(1001, 'restart')), masked: false }], SEE_CLOSE);
    s.t.expect('state', s.conn.state, 'closing');
    s.t.expect('sendText while closing', s.conn.sendText('x'), false);
    s.conn.close(1000);
    s.t.expect('a second close() sends nothing', s.sentSummary(), []);
    s.t.expect('shouldCloseTransport before the answer', s.conn.shouldCloseTransport, false);
    s.receive('Text "in flight" (sent before the client saw our Close)', clientBytes(1, utf8('in flight')));
    s.receive('Close 1001', clientBytes(8, closeBody(1001)));
    s.t.expect('frames sent', s.sentSummary(), [], 'our Close already went: no second one');
    s.t.expect('state', s.conn.state, 'closed');
    s.t.expect('shouldCloseTransport', s.conn.shouldCloseTransport, true);
    s.t.expect('events', s.events(), [{ type: 'message', data: 'in flight' }, { type: 'close', code: 1001, reason: '', wasClean: true }]);
  });

  it('gives up on a peer that never answers our Close, after closeTimeoutMs', () => {
    const s = script('no answer to our Close', { closeTimeoutMs: 3000 });
    s.conn.close();
    s.sent();
    s.tick(2999);
    s.t.expect('state after 2999 ms', s.conn.state, 'closing');
    s.tick(1);
    s.t.expect('state after 3000 ms', s.conn.state, 'closed');
    s.t.expect('shouldCloseTransport', s.conn.shouldCloseTransport, true);
    s.t.expect('close event', s.events().map((e) => (e.type === 'close' ? [e.code, e.wasClean] : e.type)), [[1006, false]], 'RFC 6455 §7.1.5: no Close received is 1006');
  });

  it('waits 5000 ms for the peer’s Close when no closeTimeoutMs is given', () => {
    const s = script('default close timeout');
    s.conn.close();
    s.t.expect('close() sends Close 1000 without a reason', s.sentSummary(), [{ opcode: 8, payload: [0x03, 0xe8], masked: false }]);
    s.tick(4999);
    s.t.expect('state after 4999 ms', s.conn.state, 'closing');
    s.tick(1);
    s.t.expect('state after 5000 ms', s.conn.state, 'closed');
  });

  it('as a client, waits for the server to close TCP, and closes it itself after closeTimeoutMs', () => {
    const conn = new WebSocketConnection({ role: 'client', closeTimeoutMs: 2000, random: () => fromHex('00 00 00 00') });
    conn.receive(referenceEncode({ fin: true, rsv: 0, opcode: 8, payload: closeBody(1000) }));
    const reply = conn.takeOutput().flatMap((b) => referenceDecodeAll(b));
    expect(reply.map((f) => [f.opcode, f.masked, Array.from(f.payload)]), 'the client’s masked Close echoing 1000').toEqual([[8, true, [0x03, 0xe8]]]);
    expect(conn.shouldCloseTransport, 'RFC 6455 §7.1.1: the client waits for the server to close TCP').toBe(false);
    conn.tick(1999);
    expect(conn.shouldCloseTransport, 'after 1999 ms').toBe(false);
    conn.tick(1);
    expect(conn.shouldCloseTransport, 'after 2000 ms it closes TCP itself').toBe(true);
    conn.transportClosed();
    expect(conn.takeEvents().map((e) => e.type), 'exactly one close event, for the Close handshake').toEqual(['close']);
  });

  it('reports 1006 when the transport closes without a Close', () => {
    const s = script('the TCP connection drops');
    s.conn.transportClosed();
    s.t.expect('state', s.conn.state, 'closed');
    s.t.expect('events', s.events(), [{ type: 'close', code: 1006, reason: '', wasClean: false }], 'RFC 6455 §7.1.5');
  });

  it('while closing, sends no Ping and no second Close, even on a protocol error', () => {
    const s = script('closing', { heartbeatMs: 1000 });
    s.conn.close();
    s.sent();
    s.tick(1000);
    s.t.expect('frames sent while closing, after heartbeatMs', s.sentSummary(), []);
    s.receive('an unmasked frame', fromHex('81 00'));
    s.t.expect('frames sent after the error', s.sentSummary(), [], 'RFC 6455 §5.5.1: one Close per endpoint');
    s.t.expect('state', s.conn.state, 'closed');
  });

  it('discards whatever follows the peer’s Close (RFC 6455 §1.4)', () => {
    const s = script('data after Close');
    s.receive('Close 1000 and Text "ghost" in one read', new Uint8Array([...clientBytes(8, closeBody(1000)), ...clientBytes(1, utf8('ghost'))]));
    s.t.expect('events', s.events(), [{ type: 'close', code: 1000, reason: '', wasClean: true }]);
  });
});

describe('failing the connection', () => {
  it.each([
    ['an unmasked Text frame', fromHex('81 02 68 69'), 1002],
    ['a Text frame with RSV1 set', referenceEncode({ fin: true, rsv: 4, opcode: 1, payload: utf8('hi') }, fromHex('01 02 03 04')), 1002],
    ['a Text frame that is not UTF-8', clientBytes(1, fromHex('c0 80')), 1007],
    ['a Close with code 1005', clientBytes(8, closeBody(1005)), 1002],
    ['a Binary frame over maxMessageSize (16)', clientBytes(2, new Uint8Array(17)), 1009],
  ])('on %s: a Close with the code, then the transport closes', (what, bytes, code) => {
    const s = script(`a peer sends ${what}`, { maxMessageSize: 16 });
    s.receive(what, bytes);
    const frames = s.sent();
    s.t.expect('opcode and code of the frame sent', frames.map((f) => [f.opcode, f.payload[0]! * 256 + f.payload[1]!]), [[8, code]], SEE_FAIL);
    s.t.expect('state', s.conn.state, 'closed');
    s.t.expect('shouldCloseTransport', s.conn.shouldCloseTransport, true);
    s.t.expect('close event code and wasClean', s.events().map((e) => (e.type === 'close' ? [e.code, e.wasClean] : e.type)), [[code, false]]);
    s.receive('Text "more"', clientBytes(1, utf8('more')));
    s.t.expect('after failing, nothing more is read or sent', [s.sent().length, s.events().length], [0, 0]);
  });
});

describe('heartbeats', () => {
  it('pings after heartbeatMs without sending, and a Pong keeps the connection', () => {
    const s = script('heartbeat every 50 s', { heartbeatMs: 50_000 });
    s.tick(49_999);
    s.t.expect('frames sent before 50 s', s.sentSummary(), []);
    s.tick(1);
    s.t.expect('frames sent at 50 s', s.sentSummary().map((f) => f.opcode), [9]);
    s.receive('Pong', clientBytes(10));
    s.tick(50_000);
    s.t.expect('frames sent at 100 s', s.sentSummary().map((f) => f.opcode), [9]);
    s.t.expect('state', s.conn.state, 'open');
  });

  it('counts from the last frame sent: a message postpones the next Ping', () => {
    const s = script('traffic postpones the heartbeat', { heartbeatMs: 50_000 });
    s.tick(30_000);
    s.conn.sendText('shipped');
    s.t.step('sendText("shipped") at 30 s');
    s.sent();
    s.tick(49_999);
    s.t.expect('frames sent by 79.999 s', s.sentSummary(), []);
    s.tick(1);
    s.t.expect('frames sent at 80 s', s.sentSummary().map((f) => f.opcode), [9]);
  });

  it('gives up on a peer that does not answer within pongTimeoutMs: 1006, transport closed, no Close sent', () => {
    const s = script('a silent peer', { heartbeatMs: 50_000, pongTimeoutMs: 10_000 });
    s.tick(50_000);
    s.t.expect('a Ping at 50 s', s.sentSummary().map((f) => f.opcode), [9]);
    s.tick(9_999);
    s.t.expect('state at 59.999 s', s.conn.state, 'open');
    s.tick(1);
    s.t.expect('state at 60 s', s.conn.state, 'closed');
    s.t.expect('shouldCloseTransport', s.conn.shouldCloseTransport, true);
    s.t.expect('frames sent', s.sentSummary(), [], 'a dead peer reads no Close frame');
    s.t.expect('close event', s.events().map((e) => (e.type === 'close' ? [e.code, e.wasClean] : e.type)), [[1006, false]]);
  });

  it('counts the Pong deadline from the first unanswered Ping, even when more Pings follow', () => {
    const s = script('a silent peer, Pings more often than the timeout', { heartbeatMs: 10_000, pongTimeoutMs: 25_000 });
    for (let t = 0; t < 34; t++) s.conn.tick(1000);
    s.t.step('34 s pass, a second at a time');
    s.t.expect('Pings sent by 34 s (at 10, 20 and 30 s)', s.sentSummary().map((f) => f.opcode), [9, 9, 9]);
    s.t.expect('state at 34 s', s.conn.state, 'open');
    s.tick(1000);
    s.t.expect('state at 35 s, 25 s after the first unanswered Ping', s.conn.state, 'closed');
  });

  it('waits heartbeatMs for a Pong when no pongTimeoutMs is given', () => {
    const s = script('default Pong timeout', { heartbeatMs: 50_000 });
    s.tick(50_000);
    s.tick(49_999);
    s.t.expect('state 49.999 s after the Ping', s.conn.state, 'open');
    s.tick(1);
    s.t.expect('state 50 s after the Ping', s.conn.state, 'closed');
  });

  it('sends no Ping without heartbeatMs', () => {
    const s = script('no heartbeat');
    s.tick(600_000);
    s.t.expect('frames sent in 10 minutes', s.sentSummary(), []);
  });

  it('keeps a connection through a proxy with a 60 s idle timeout for 10 minutes, pinging every 50 s', () => {
    const server = new WebSocketConnection({ role: 'server', heartbeatMs: 50_000 });
    const client = new ScriptedClient(true);
    const run = runThroughProxy(server, client, { idleTimeoutMs: 60_000, delayMs: 20, durationMs: 600_000, stepMs: 100 });
    const pings = client.frames(9).length;
    expect(run.cutAtMs, `the proxy cut the connection at ${run.cutAtMs} ms after ${pings} Pings; a Ping must cross it less than 60 s after the last bytes from the server`).toBeUndefined();
    expect(pings, 'Pings that reached the client: at 50, 100, …, 550 s (the one at 600 s is still on its way)').toBe(11);
    expect(server.state, 'the server’s connection').toBe('open');
  });

  it('loses the connection to the same proxy when it pings every 60 s (the Ping arrives 20 ms too late)', () => {
    const server = new WebSocketConnection({ role: 'server', heartbeatMs: 60_000 });
    const run = runThroughProxy(server, new ScriptedClient(true), { idleTimeoutMs: 60_000, delayMs: 20, durationMs: 600_000, stepMs: 100 });
    expect(run.cutAtMs, 'cut by the proxy exactly 60 s after the handshake').toBe(60_000);
    expect(server.takeEvents().at(-1), 'what the server sees: the transport closed, no Close frame').toMatchObject({ type: 'close', code: 1006, wasClean: false });
  });
});

