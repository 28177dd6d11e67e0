/**
 * Stage connection: the state machine of RFC 9293 §3.3.2 as a table (Figure 5), and
 * a whole endpoint that follows it: three-way handshake (§3.5), data both ways,
 * active, passive and simultaneous close with TIME-WAIT (§3.6), resets (§3.5.2–3.5.3) and
 * giving up after too many retransmissions (§3.8.3). Scripts read like protocol
 * traces; our seqnos count from ISN, the peer's from PEER. Last, a connection
 * captured between two Linux sockets is replayed through the learner's endpoint.
 */
import { describe, expect, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { findTransition, TRANSITIONS } from '@impl/connection-states.ts';
import { TcpConnection } from '@impl/connection.ts';
import type { Segment } from '@impl/segment.ts';
import { TCP_EVENTS, TCP_STATES, type TcpEvent, type TcpState } from '@impl/state-types.ts';
import { bytes, text } from './fixtures/bytes.ts';
import { ConnectionHarness, flagsOf } from './fixtures/connection-harness.ts';
import { ConnectionPair } from './fixtures/connection-pair.ts';
import { describeCaptured, LINUX_SEGMENTS, LINUX_STATES_AFTER_CLOSE, linuxIsn, otherSide, toSegment } from './fixtures/linux-replay.ts';
import { guarded, relative } from './fixtures/steps.ts';

const FIGURE_5 = 'RFC 9293 §3.3.2, Figure 5 (TCP connection state diagram)';
const HANDSHAKE = 'RFC 9293 §3.5, Figure 6 (three-way handshake)';
const SYN_SENT = 'RFC 9293 §3.10.7.3 (SEGMENT ARRIVES in SYN-SENT)';
const LISTEN = 'RFC 9293 §3.10.7.2 (SEGMENT ARRIVES in LISTEN)';
const ARRIVES = 'RFC 9293 §3.10.7.4 (SEGMENT ARRIVES in the other states)';
const CLOSING = 'RFC 9293 §3.6 (closing a connection), Figures 12 and 13';
const TIME_WAIT = 'RFC 9293 §3.6 and §3.10.8 (TIME-WAIT lasts 2 × MSL)';
const RESET = 'RFC 9293 §3.5.2–3.5.3 (reset generation and processing)';
const GIVE_UP = 'RFC 9293 §3.8.3 (R2: give up after too many retransmissions; CS144 sends RST after 8)';
const ACK_EVERYTHING = `${ARRIVES}: every segment that occupies sequence space is acknowledged, duplicates too`;

/** A connection in ESTABLISHED after an active open; segments so far are checked. */
function activeOpen(title: string, options: ConstructorParameters<typeof ConnectionHarness>[1] = {}): ConnectionHarness {
  const h = new ConnectionHarness(title, options).connect();
  h.expectSegment({ flags: 'SYN', seq: 0 }, HANDSHAKE).expectState('SYN-SENT', FIGURE_5);
  h.arrives({ flags: 'SYN|ACK', seq: 0, ack: 1, win: 64000 }).expectSegment({ flags: 'ACK', seq: 1, ack: 1 }, HANDSHAKE);
  return h.expectState('ESTABLISHED', HANDSHAKE).expectNothingSent();
}

describe('TRANSITIONS, the state table', () => {
  /** Figure 5's arrows, plus the few the figure folds into text. [from, event, to, send] */
  const ROWS: [TcpState, TcpEvent, TcpState, string | undefined][] = [
    ['CLOSED', 'passive-open', 'LISTEN', undefined],
    ['CLOSED', 'active-open', 'SYN-SENT', 'SYN'],
    ['LISTEN', 'rcv-syn', 'SYN-RECEIVED', 'SYN,ACK'],
    ['SYN-SENT', 'rcv-syn-ack', 'ESTABLISHED', 'ACK'],
    ['SYN-SENT', 'rcv-syn', 'SYN-RECEIVED', 'ACK'],
    ['SYN-RECEIVED', 'rcv-ack-of-syn', 'ESTABLISHED', undefined],
    ['LISTEN', 'close', 'CLOSED', undefined],
    ['SYN-SENT', 'close', 'CLOSED', undefined],
    ['SYN-RECEIVED', 'close', 'FIN-WAIT-1', 'FIN'],
    ['ESTABLISHED', 'close', 'FIN-WAIT-1', 'FIN'],
    ['FIN-WAIT-1', 'rcv-ack-of-fin', 'FIN-WAIT-2', undefined],
    ['FIN-WAIT-2', 'rcv-fin', 'TIME-WAIT', 'ACK'],
    ['FIN-WAIT-1', 'rcv-fin', 'CLOSING', 'ACK'],
    ['CLOSING', 'rcv-ack-of-fin', 'TIME-WAIT', undefined],
    ['TIME-WAIT', 'time-wait-timeout', 'CLOSED', undefined],
    ['SYN-RECEIVED', 'rcv-fin', 'CLOSE-WAIT', 'ACK'],
    ['ESTABLISHED', 'rcv-fin', 'CLOSE-WAIT', 'ACK'],
    ['CLOSE-WAIT', 'close', 'LAST-ACK', 'FIN'],
    ['LAST-ACK', 'rcv-ack-of-fin', 'CLOSED', undefined],
  ];
  const AFTER_CLOSED = TCP_STATES.filter((s) => s !== 'CLOSED' && s !== 'LISTEN');

  it('has the rows of RFC 9293 Figure 5, each with the segment it sends', () => {
    const wrong = ROWS.flatMap(([from, event, to, send]) => {
      const row = TRANSITIONS.find((t) => t.from === from && t.event === event);
      const want = `${from} --${event}--> ${to}${send ? ` (send ${send})` : ''}`;
      if (row === undefined) return [`missing: ${want}`];
      if (row.to !== to || row.send !== send) return [`${want} expected, got ${row.from} --${row.event}--> ${row.to}${row.send ? ` (send ${row.send})` : ''}`];
      return [];
    });
    expect(wrong, `rows that disagree with ${FIGURE_5}`).toEqual([]);
  });

  it('lists each (state, event) pair at most once, with known states and events', () => {
    const seen = new Map<string, number>();
    for (const t of TRANSITIONS) seen.set(`${t.from} × ${t.event}`, (seen.get(`${t.from} × ${t.event}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k), 'pairs listed twice: the machine must be deterministic').toEqual([]);
    const unknown = TRANSITIONS.filter((t) => !TCP_STATES.includes(t.from) || !TCP_STATES.includes(t.to) || !TCP_EVENTS.includes(t.event));
    expect(unknown, 'rows with a state or event not in TCP_STATES / TCP_EVENTS').toEqual([]);
  });

  it('ends the connection on a RST from every state after the SYN, and ignores it in LISTEN', () => {
    const wrong = AFTER_CLOSED.filter((from) => findTransition(from, 'rcv-rst')?.to !== 'CLOSED');
    expect(wrong, `states where rcv-rst does not lead to CLOSED (${RESET})`).toEqual([]);
    expect(findTransition('LISTEN', 'rcv-rst'), `${LISTEN}: "An incoming RST segment could not be valid … should be ignored"`).toBeUndefined();
  });

  it('aborts from every open state, sending RST exactly where RFC 9293 §3.10.5 says', () => {
    const withRst = ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'];
    const got = [...AFTER_CLOSED, 'LISTEN' as const].map((from) => {
      const row = findTransition(from, 'abort');
      return `${from}: ${row ? `${row.to}${row.send ? ` + ${row.send}` : ''}` : 'no row'}`;
    });
    const want = [...AFTER_CLOSED, 'LISTEN' as const].map((from) => `${from}: CLOSED${withRst.includes(from) ? ' + RST' : ''}`);
    expect(got, 'abort rows (RFC 9293 §3.10.5 ABORT call)').toEqual(want);
  });

  it('reaches every state from CLOSED, and CLOSED again from every state', () => {
    const next = (from: TcpState) => TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
    const reachable = (start: TcpState) => {
      const seen = new Set<TcpState>([start]);
      const todo = [start];
      while (todo.length) for (const to of next(todo.pop()!)) if (!seen.has(to)) seen.add(to), todo.push(to);
      return seen;
    };
    expect([...TCP_STATES].filter((s) => !reachable('CLOSED').has(s)), 'states no path from CLOSED reaches').toEqual([]);
    expect([...TCP_STATES].filter((s) => !reachable(s).has('CLOSED')), 'states with no way back to CLOSED').toEqual([]);
  });
});

describe('TcpConnection: opening', () => {
  it('active open: connect() sends a SYN at the ISN, advertising its window, and enters SYN-SENT', () => {
    new ConnectionHarness('connect', { capacity: 5000 })
      .expectState('CLOSED', FIGURE_5)
      .connect()
      .expectSegment({ flags: 'SYN', seq: 0, win: 5000, data: '' }, HANDSHAKE)
      .expectState('SYN-SENT', FIGURE_5)
      .expectNothingSent();
  });

  it('active open: a SYN|ACK acknowledging our SYN establishes the connection and is answered by an ACK', () => {
    activeOpen('handshake');
  });

  it('active open: the SYN is retransmitted after the RTO, with backoff', () => {
    new ConnectionHarness('lost SYN')
      .connect()
      .expectSegment({ flags: 'SYN', seq: 0 })
      .tick(999)
      .expectNothingSent('RFC 6298 §5: not before the RTO')
      .tick(1)
      .expectSegment({ flags: 'SYN', seq: 0 }, 'RFC 6298 (5.4)')
      .tick(1999)
      .expectNothingSent('RFC 6298 (5.5): the RTO doubled to 2000 ms')
      .tick(1)
      .expectSegment({ flags: 'SYN', seq: 0 });
  });

  it('active open: ignores a SYN|ACK or RST that does not acknowledge our SYN; a RST that does ends the attempt', () => {
    new ConnectionHarness('SYN-SENT checks')
      .connect()
      .expectSegment({ flags: 'SYN', seq: 0 })
      .arrives({ flags: 'SYN|ACK', seq: 0, ack: 7 })
      .expectNothingSent(`${SYN_SENT}: that ACK is for some other connection (RFC 9293 would answer with RST; this lab stays silent)`)
      .expectState('SYN-SENT', SYN_SENT)
      .arrives({ flags: 'ACK|RST', seq: 0, ack: 7 })
      .arrives({ flags: 'RST', seq: 0 })
      .expectState('SYN-SENT', `${SYN_SENT}: a RST counts only if it acknowledges our SYN`)
      .arrives({ flags: 'ACK|RST', seq: 0, ack: 1 })
      .expectState('CLOSED', `${SYN_SENT}: "connection reset"`)
      .expectStreamErrors(true, RESET)
      .expectNothingSent(RESET);
  });

  it('passive open: listen() waits in LISTEN, ignoring anything but a SYN', () => {
    new ConnectionHarness('listen')
      .listen()
      .expectState('LISTEN', FIGURE_5)
      .arrives({ flags: 'ACK', seq: 0, ack: 1 })
      .arrives({ flags: 'SYN|ACK', seq: 0, ack: 1 })
      .arrives({ flags: 'RST', seq: 0 })
      .arrives({ flags: '', seq: 1, data: 'stray' })
      .expectState('LISTEN', LISTEN)
      .expectNothingSent(LISTEN);
  });

  it('passive open: a SYN gets a SYN|ACK (SYN-RECEIVED), and the ACK of our SYN establishes the connection', () => {
    new ConnectionHarness('accept', { capacity: 6000 })
      .listen()
      .arrives({ flags: 'SYN', seq: 0, win: 5000 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1, win: 6000 }, HANDSHAKE)
      .expectState('SYN-RECEIVED', FIGURE_5)
      .arrives({ flags: 'ACK', seq: 1, ack: 1 })
      .expectState('ESTABLISHED', HANDSHAKE)
      .expectNothingSent('RFC 9293 §3.10.7.4: a pure ACK is not acknowledged');
  });

  it('passive open: an ACK that does not cover our SYN leaves the connection in SYN-RECEIVED', () => {
    new ConnectionHarness('ACK of nothing', { capacity: 6000 })
      .listen()
      .arrives({ flags: 'SYN', seq: 0 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1 })
      .arrives({ flags: 'ACK', seq: 1, ack: 0 })
      .expectState('SYN-RECEIVED', 'RFC 9293 §3.10.7.4 "fifth": only SND.UNA < SEG.ACK ≤ SND.NXT acknowledges our SYN; ack ISN+0 acknowledges nothing')
      .arrives({ flags: 'ACK', seq: 1, ack: 1 })
      .expectState('ESTABLISHED', HANDSHAKE);
  });

  it('passive open: the SYN|ACK is retransmitted when no ACK comes', () => {
    new ConnectionHarness('lost ACK of SYN')
      .listen()
      .arrives({ flags: 'SYN', seq: 0 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1 })
      .tick(1000)
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1 }, 'RFC 6298 (5.4): the SYN is retransmitted like data');
  });

  it('passive open: the first data segment may carry the ACK that completes the handshake', () => {
    new ConnectionHarness('data completes the handshake')
      .listen()
      .arrives({ flags: 'SYN', seq: 0 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'hello' })
      .expectState('ESTABLISHED', HANDSHAKE)
      .expectSegment({ flags: 'ACK', seq: 1, ack: 6, data: '' }, ACK_EVERYTHING)
      .expectRead('hello');
  });

  it('simultaneous open: two SYNs cross and both ends reach ESTABLISHED (RFC 9293 Figure 7)', () => {
    const pair = new ConnectionPair('simultaneous open', { isn: 100 }, { isn: 9000 });
    pair.app('a', 'connect()', (c) => c.connect()).app('b', 'connect()', (c) => c.connect());
    pair.deliver().expectStates('ESTABLISHED', 'ESTABLISHED', 'RFC 9293 §3.5, Figure 7');
  });

  it('refuses to open a connection twice', () => {
    const connection = new TcpConnection({ isn: 1 }, () => {});
    connection.connect();
    expect(() => connection.connect(), 'connect() in SYN-SENT: RFC 9293 §3.10.1 "connection already exists"').toThrow();
    expect(() => connection.listen(), 'listen() in SYN-SENT').toThrow();
  });

  it('refuses to open a connection again once it has ended, even though it is CLOSED again', () => {
    const connection = new TcpConnection({ isn: 1 }, () => {});
    connection.connect();
    connection.abort();
    expect(connection.state, 'after abort()').toBe('CLOSED');
    expect(() => connection.connect(), 'a TcpConnection is one connection: a new one needs a new object').toThrow();
    expect(() => connection.listen(), 'listen() after the connection ended').toThrow();
  });

  it('a connection never opened ignores segments, ticks and abort(), sending nothing', () => {
    new ConnectionHarness('a CLOSED connection')
      .arrives({ flags: 'SYN', seq: 0 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'hello' })
      .tick(60_000)
      .abort()
      .expectRead('', 'RFC 9293 §3.10.7.1: in CLOSED, incoming segments are discarded, their data too')
      .expectState('CLOSED', 'RFC 9293 §3.10.7.1: in CLOSED, incoming segments are discarded')
      .expectNothingSent('RFC 9293 §3.10.5: ABORT in CLOSED is an error, not a RST');
  });

  it('a listener sends nothing before a SYN arrives, even with data written', () => {
    new ConnectionHarness('write in LISTEN')
      .listen()
      .write('early')
      .tick(60_000)
      .expectState('LISTEN', LISTEN)
      .expectNothingSent('RFC 9293 §3.10.2: data written in LISTEN waits for the connection; nothing goes out before a SYN arrives')
      .arrives({ flags: 'SYN', seq: 0 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 1 }, 'then the SYN|ACK');
  });

  it('passive open: a SYN that carries a FIN gets a SYN|ACK acknowledging both, and the connection is in CLOSE-WAIT at once', () => {
    new ConnectionHarness('SYN|FIN in LISTEN')
      .listen()
      .arrives({ flags: 'SYN|FIN', seq: 0 })
      .expectSegment({ flags: 'SYN|ACK', seq: 0, ack: 2 }, `${LISTEN}: the FIN takes the sequence number after the SYN`)
      .expectState('CLOSE-WAIT', `${ARRIVES} "eighth": our SYN|ACK acknowledged the FIN, so the FIN is processed (SYN-RECEIVED → CLOSE-WAIT) before any other segment arrives`);
  });

  it('active open: a SYN|ACK that carries a FIN establishes the connection and goes on to CLOSE-WAIT at once', () => {
    new ConnectionHarness('SYN|ACK|FIN in SYN-SENT')
      .connect()
      .expectSegment({ flags: 'SYN', seq: 0 })
      .arrives({ flags: 'SYN|ACK|FIN', seq: 0, ack: 1 })
      .expectSegment({ flags: 'ACK', seq: 1, ack: 2 }, `${SYN_SENT}: the FIN takes the sequence number after the SYN`)
      .expectState('CLOSE-WAIT', `${ARRIVES} "eighth": our ACK acknowledged the FIN, so the FIN is processed (ESTABLISHED → CLOSE-WAIT) before any other segment arrives`);
  });

  it('active open: ignores a segment with neither SYN, ACK nor RST in SYN-SENT', () => {
    new ConnectionHarness('a bare segment in SYN-SENT')
      .connect()
      .expectSegment({ flags: 'SYN', seq: 0 })
      .arrives({ flags: '', seq: 0, data: 'stray' })
      .expectState('SYN-SENT', `${SYN_SENT}: "fifth, if neither of the SYN or RST bits is set, then drop the segment"`)
      .expectNothingSent(SYN_SENT);
  });
});

describe('TcpConnection: data', () => {
  it('sends written data with the ACK flag; answers the peer\'s data with a pure ACK', () => {
    activeOpen('request and reply')
      .write('GET /search?q=s')
      .expectSegment({ flags: 'ACK', seq: 1, ack: 1, data: 'GET /search?q=s' }, 'RFC 9293 §3.10.7.4: once synchronized, every segment carries ACK')
      .arrives({ flags: 'ACK', seq: 1, ack: 16, data: 'results' })
      .expectSegment({ flags: 'ACK', seq: 16, ack: 8, data: '' }, ACK_EVERYTHING)
      .expectNothingSent()
      .expectRead('results');
  });

  it('acknowledges a duplicate segment again: its first ACK may have been lost', () => {
    activeOpen('duplicate data')
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abc' })
      .expectSegment({ flags: 'ACK', ack: 4 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abc' })
      .expectSegment({ flags: 'ACK', ack: 4 }, ACK_EVERYTHING)
      .expectRead('abc');
  });

  it('acknowledges an out-of-order segment with the ackno of the gap', () => {
    activeOpen('out of order')
      .arrives({ flags: 'ACK', seq: 4, ack: 1, data: 'def' })
      .expectSegment({ flags: 'ACK', ack: 1 }, `${ARRIVES}: the ACK names the next byte expected`)
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abc' })
      .expectSegment({ flags: 'ACK', ack: 7 })
      .expectRead('abcdef');
  });

  it('never answers a pure ACK', () => {
    activeOpen('pure ACK').arrives({ flags: 'ACK', seq: 1, ack: 1 }).expectNothingSent('an ACK of an ACK would never end');
  });

  it('closes its window as unread data piles up, and announces the reopened window when the application reads', () => {
    activeOpen('window update', { capacity: 10 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abcdefghij' })
      .expectSegment({ flags: 'ACK', ack: 11, win: 0 }, 'RFC 9293 §3.8.6: the buffer is full')
      .expectRead('abcdefghij')
      .expectSegment({ flags: 'ACK', ack: 11, win: 10 }, 'RFC 9293 §3.8.6.2.2: send a window update once the window has reopened');
  });

  it('ignores the window of a segment without the ACK flag', () => {
    activeOpen('window without ACK')
      .arrives({ flags: '', seq: 1, win: 0 })
      .expectNothingSent('a segment that occupies no sequence space is not acknowledged')
      .write('abc')
      .expectSegment({ flags: 'ACK', seq: 1, data: 'abc' }, `${ARRIVES} "fifth": "if the ACK bit is off, drop the segment": its window is not the peer's window, which stays 64000`);
  });

  it('keeps what the peer sent beyond its window out, and takes it when sent again', () => {
    activeOpen('beyond our window', { capacity: 4 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abcdef' })
      .expectSegment({ flags: 'ACK', ack: 5, win: 0 }, 'RFC 9293 §3.8.6: only the bytes in the window are kept')
      .expectRead('abcd')
      .discardSent()
      .arrives({ flags: 'ACK', seq: 5, ack: 1, data: 'ef' })
      .expectSegment({ flags: 'ACK', ack: 7 })
      .expectRead('ef');
  });

  it('moves data both ways over a lossy wire, losing every third segment (in-memory pair)', () => {
    const pair = new ConnectionPair('every third segment lost', { isn: 4_294_967_000, capacity: 3000 }, { isn: 77, capacity: 3000 });
    const dropThird = (_s: Segment, _from: 'a' | 'b', i: number) => i % 3 === 2;
    pair.app('b', 'listen()', (c) => c.listen()).app('a', 'connect()', (c) => c.connect());
    const fromA = bytes('order #117: 1 × PJ-1042 '.repeat(300)); // 7200 bytes, more than the 3000-byte windows
    const fromB = bytes('reserved; 41 left. '.repeat(300));
    const got = { a: '', b: '' };
    const written = { a: 0, b: 0 };
    for (let round = 0; round < 400 && (got.a.length < fromB.length || got.b.length < fromA.length); round++) {
      for (const [end, data] of [['a', fromA], ['b', fromB]] as const) {
        const c = pair.end(end);
        if (c.state === 'ESTABLISHED' && written[end] < data.length) written[end] += c.write(data.subarray(written[end]));
        got[end] += text(c.read());
      }
      pair.deliver(dropThird).tick(250);
    }
    pair.t.expect(`b received a's ${fromA.length} bytes, in order`, got.b, text(fromA), 'RFC 9293 §3.8: retransmission recovers every loss');
    pair.t.expect(`a received b's ${fromB.length} bytes, in order`, got.a, text(fromB));
  });
});

describe('TcpConnection: closing', () => {
  it('active close: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT, then CLOSED after 2 × MSL', () => {
    activeOpen('active close', { initialRtoMs: 1000 })
      .close()
      .expectSegment({ flags: 'ACK|FIN', seq: 1, ack: 1 }, CLOSING)
      .expectState('FIN-WAIT-1', FIGURE_5)
      .arrives({ flags: 'ACK', seq: 1, ack: 2 })
      .expectState('FIN-WAIT-2', FIGURE_5)
      .expectNothingSent()
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .expectSegment({ flags: 'ACK', seq: 2, ack: 2 }, `${CLOSING}: the FIN takes one sequence number`)
      .expectState('TIME-WAIT', FIGURE_5)
      .tick(9999)
      .expectState('TIME-WAIT', `${TIME_WAIT}; MSL defaults to 5 × the initial RTO, so 2 × MSL = 10000 ms`)
      .tick(1)
      .expectState('CLOSED', TIME_WAIT)
      .expectStreamErrors(false, 'a clean close is not an error')
      .expectNothingSent();
  });

  it('active close: a FIN that also acknowledges our FIN goes through FIN-WAIT-2 to TIME-WAIT at once (as Linux does)', () => {
    const h = activeOpen('FIN|ACK crossing').close().expectSegment({ flags: 'ACK|FIN', seq: 1 });
    h.arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 }).expectSegment({ flags: 'ACK', seq: 2, ack: 2 }).expectState('TIME-WAIT', CLOSING);
    const path = h.connection.history.map((c) => c.to);
    h.t.expect('expect history to pass through FIN-WAIT-2', path.slice(-3), ['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'], `${ARRIVES}: the ACK is processed before the FIN`);
  });

  it('TIME-WAIT: acknowledges a retransmitted FIN again and restarts the 2 × MSL wait', () => {
    activeOpen('lost last ACK', { mslMs: 500 })
      .close()
      .expectSegment({ flags: 'ACK|FIN' })
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .expectSegment({ flags: 'ACK', ack: 2 })
      .tick(900)
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .expectSegment({ flags: 'ACK', seq: 2, ack: 2 }, `${ARRIVES} "eighth": in TIME-WAIT a FIN is acknowledged again`)
      .tick(999)
      .expectState('TIME-WAIT', `${ARRIVES}: "restart the 2 MSL time-wait timeout"`)
      .tick(1)
      .expectState('CLOSED', TIME_WAIT);
  });

  it('takes MSL as a parameter: TIME-WAIT lasts 2 × mslMs', () => {
    activeOpen('short MSL', { mslMs: 100 })
      .close()
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .tick(199)
      .expectState('TIME-WAIT', TIME_WAIT)
      .tick(1)
      .expectState('CLOSED', TIME_WAIT);
  });

  it('passive close: CLOSE-WAIT on the peer\'s FIN (still able to send), LAST-ACK on close(), CLOSED when our FIN is acknowledged', () => {
    activeOpen('passive close')
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 1 })
      .expectSegment({ flags: 'ACK', seq: 1, ack: 2 }, CLOSING)
      .expectState('CLOSE-WAIT', FIGURE_5)
      .write('last words')
      .expectSegment({ flags: 'ACK', seq: 1, ack: 2, data: 'last words' }, 'RFC 9293 §3.6.1: a half-closed connection still carries data the other way')
      .close()
      .expectSegment({ flags: 'ACK|FIN', seq: 11, ack: 2 }, CLOSING)
      .expectState('LAST-ACK', FIGURE_5)
      .arrives({ flags: 'ACK', seq: 2, ack: 12 })
      .expectState('CLOSED', `${FIGURE_5}: the side that closes second does not wait in TIME-WAIT`)
      .expectNothingSent();
  });

  it('LAST-ACK: a retransmitted FIN that acknowledges our FIN closes the connection without an answer', () => {
    activeOpen('FIN again in LAST-ACK')
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 1 })
      .expectSegment({ flags: 'ACK', seq: 1, ack: 2 })
      .close()
      .expectSegment({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .expectState('LAST-ACK', FIGURE_5)
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 2 })
      .expectState('CLOSED', FIGURE_5)
      .expectNothingSent(`${ARRIVES} "fifth", LAST-ACK: "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return": a CLOSED connection acknowledges nothing`);
  });

  it('retransmits the FIN until it is acknowledged', () => {
    activeOpen('lost FIN')
      .close()
      .expectSegment({ flags: 'ACK|FIN', seq: 1 })
      .tick(1000)
      .expectSegment({ flags: 'ACK|FIN', seq: 1 }, 'RFC 9293 §3.6: the FIN is retransmitted like data')
      .expectState('FIN-WAIT-1');
  });

  it('simultaneous close: FINs cross, FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    activeOpen('simultaneous close')
      .close()
      .expectSegment({ flags: 'ACK|FIN', seq: 1, ack: 1 })
      .arrives({ flags: 'ACK|FIN', seq: 1, ack: 1 })
      .expectSegment({ flags: 'ACK', seq: 2, ack: 2 }, CLOSING)
      .expectState('CLOSING', `${CLOSING}, Figure 13`)
      .arrives({ flags: 'ACK', seq: 2, ack: 2 })
      .expectState('TIME-WAIT', `${CLOSING}, Figure 13`);
  });

  it('simultaneous close between two endpoints: both pass CLOSING and TIME-WAIT, then close', () => {
    const pair = new ConnectionPair('simultaneous close', { isn: 5, mslMs: 50 }, { isn: 50_000, mslMs: 50 });
    pair.app('b', 'listen()', (c) => c.listen()).app('a', 'connect()', (c) => c.connect()).deliver();
    pair.expectStates('ESTABLISHED', 'ESTABLISHED', HANDSHAKE);
    pair.app('a', 'close()', (c) => c.close()).app('b', 'close()', (c) => c.close()).deliver();
    pair.expectStates('TIME-WAIT', 'TIME-WAIT', `${CLOSING}, Figure 13`).tick(100).expectStates('CLOSED', 'CLOSED', TIME_WAIT);
    const visited = (c: TcpConnection) => c.history.map((s) => s.to);
    pair.t.expect('expect both to have passed through CLOSING', [visited(pair.a).includes('CLOSING'), visited(pair.b).includes('CLOSING')], [true, true], CLOSING);
  });

  it('acts on a FIN only once the bytes before it have arrived', () => {
    activeOpen('FIN ahead of a gap')
      .arrives({ flags: 'ACK|FIN', seq: 4, ack: 1, data: 'def' })
      .expectSegment({ flags: 'ACK', ack: 1 })
      .expectState('ESTABLISHED', `${ARRIVES} "eighth": a FIN is processed in sequence`)
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abc' })
      .expectSegment({ flags: 'ACK', ack: 8 })
      .expectState('CLOSE-WAIT', FIGURE_5);
  });

  it('close() in LISTEN or SYN-SENT closes at once, sending nothing', () => {
    new ConnectionHarness('close in LISTEN').listen().close().expectState('CLOSED', 'RFC 9293 §3.10.4').expectNothingSent();
    new ConnectionHarness('close in SYN-SENT').connect().discardSent().close().expectState('CLOSED', 'RFC 9293 §3.10.4').expectNothingSent();
  });
});

describe('TcpConnection: resets and giving up', () => {
  it('a RST ends an established connection at once: CLOSED, both streams in error, nothing sent', () => {
    activeOpen('reset by peer').arrives({ flags: 'ACK|RST', seq: 1, ack: 1 }).expectState('CLOSED', RESET).expectStreamErrors(true, RESET).expectNothingSent(RESET);
  });

  it('sends nothing more once reset or aborted, however long the clock runs', () => {
    activeOpen('reset with data in flight')
      .write('abc')
      .expectSegment({ data: 'abc' })
      .arrives({ flags: 'ACK|RST', seq: 1, ack: 1 })
      .tick(60_000)
      .expectState('CLOSED', RESET)
      .expectNothingSent('a CLOSED connection retransmits nothing');
    activeOpen('abort with data in flight')
      .write('abc')
      .expectSegment({ data: 'abc' })
      .abort()
      .expectSegment({ flags: 'ACK|RST', seq: 4 })
      .tick(60_000)
      .expectNothingSent('a CLOSED connection retransmits nothing');
  });

  it('sends no window update after a reset, even when the last window it advertised was zero', () => {
    activeOpen('reset with a full window', { capacity: 10 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abcdefghij' })
      .expectSegment({ flags: 'ACK', ack: 11, win: 0 })
      .arrives({ flags: 'ACK|RST', seq: 11, ack: 1 })
      .expectState('CLOSED', RESET)
      .expectRead('abcdefghij', 'what arrived before the reset can still be read')
      .expectNothingSent('a CLOSED connection sends nothing, window updates included');
  });

  it('sends no window update on read() unless the window it advertised was zero', () => {
    activeOpen('read with the window open', { capacity: 100 })
      .arrives({ flags: 'ACK', seq: 1, ack: 1, data: 'abc' })
      .expectSegment({ flags: 'ACK', ack: 4, win: 97 })
      .expectRead('abc')
      .expectNothingSent('RFC 9293 §3.8.6.2.2: the peer knows of an open window already; an update is due only after a zero window')
      .expectRead('')
      .expectNothingSent('reading nothing changes nothing');
  });

  it('abort() sends a RST at the next seqno and ends the connection', () => {
    activeOpen('abort')
      .write('abc')
      .expectSegment({ data: 'abc' })
      .abort()
      .expectSegment({ flags: 'ACK|RST', seq: 4, data: '' }, 'RFC 9293 §3.10.5: <SEQ=SND.NXT><CTL=RST>')
      .expectState('CLOSED', RESET)
      .expectStreamErrors(true);
  });

  it('gives up after 8 retransmissions: the 9th timeout sends a RST instead, and the connection is CLOSED', () => {
    const h = activeOpen('unreachable peer', { initialRtoMs: 100 }).write('x').expectSegment({ flags: 'ACK', seq: 1, data: 'x' });
    let rto = 100;
    for (let i = 1; i <= 8; i++) {
      h.tick(rto).expectSegment({ flags: 'ACK', seq: 1, data: 'x' }, `retransmission ${i} (RFC 6298 (5.5): RTO ${rto} ms)`);
      rto *= 2;
    }
    h.tick(rto - 1).expectNothingSent().expectState('ESTABLISHED');
    h.tick(1).expectSegment({ flags: 'ACK|RST', seq: 2 }, GIVE_UP).expectState('CLOSED', GIVE_UP).expectStreamErrors(true);
  });

  it('takes the retransmission limit as a parameter', () => {
    activeOpen('maxRetransmissions 2', { initialRtoMs: 10, maxRetransmissions: 2 })
      .write('x')
      .expectSegment({ data: 'x' })
      .tick(10)
      .expectSegment({ data: 'x' })
      .tick(20)
      .expectSegment({ data: 'x' })
      .tick(40)
      .expectSegment({ flags: 'ACK|RST' }, GIVE_UP)
      .expectState('CLOSED');
  });

  it('gives up on a SYN that is never answered, without a RST (RFC 9293 §3.10.5: none from SYN-SENT)', () => {
    const h = new ConnectionHarness('no answer', { initialRtoMs: 10 }).connect().expectSegment({ flags: 'SYN' });
    let rto = 10;
    for (let i = 1; i <= 8; i++) {
      h.tick(rto).expectSegment({ flags: 'SYN', seq: 0 }, `SYN retransmission ${i}`);
      rto *= 2;
    }
    h.tick(rto).expectState('CLOSED', GIVE_UP).expectNothingSent('RFC 9293 §3.10.5: ABORT in SYN-SENT sends nothing');
  });
});

describe('TcpConnection: history', () => {
  it('records every change as a row of TRANSITIONS, each starting where the last ended', () => {
    const pair = new ConnectionPair('history', { isn: 1, mslMs: 10 }, { isn: 2, mslMs: 10 });
    pair.app('b', 'listen()', (c) => c.listen()).app('a', 'connect()', (c) => c.connect()).deliver();
    pair.app('a', 'write("hi")', (c) => c.write(bytes('hi'))).deliver().app('a', 'close()', (c) => c.close()).deliver();
    pair.app('b', 'close()', (c) => c.close()).deliver().tick(50).expectStates('CLOSED', 'CLOSED', FIGURE_5);
    for (const end of ['a', 'b'] as const) {
      const history = pair.end(end).history;
      const bad = history.filter((c, i) => findTransition(c.from, c.event)?.to !== c.to || (i > 0 && history[i - 1]!.to !== c.from));
      pair.t.expect(`expect ${end}'s history to follow the table`, bad, [], FIGURE_5);
    }
    const path = (end: 'a' | 'b') => pair.end(end).history.map((c) => c.to).join(' → ');
    pair.t.expect(
      'expect the two paths of Figure 5',
      { a: path('a'), b: path('b') },
      {
        a: 'SYN-SENT → ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → CLOSED',
        b: 'LISTEN → SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT → LAST-ACK → CLOSED',
      },
      FIGURE_5,
    );
  });
});

describe('TcpConnection replaying a Linux connection (tests/fixtures/linux-trace.ts)', () => {
  /**
   * Our connection takes the place of one Linux socket. Segments the other socket sent
   * are handed to receive(); for each segment our side's socket sent, the application
   * does what Linux's application evidently did (connect, write the payload, close on
   * FIN), and our connection must send the same segment: flags, seq, ack and payload.
   * Linux merged some ACKs into later segments, so extra pure ACKs of ours are allowed.
   */
  function replay(side: 'client' | 'server'): { t: Transcript; connection: TcpConnection } {
    const t = new Transcript(`our connection in place of the Linux ${side}`);
    const isn = linuxIsn(side);
    const peerIsn = linuxIsn(otherSide(side));
    const outbox: Segment[] = [];
    const connection = guarded(t, 'new TcpConnection', () => new TcpConnection({ isn, capacity: 65536 }, (s) => outbox.push(s)));
    const show = (s: Segment) =>
      `${flagsOf(s)} seq=${relative(s.seqno, isn)}${s.ackno === undefined ? '' : ` ack=${relative(s.ackno, peerIsn, 'PEER')}`} len=${s.payload.length}`;
    if (side === 'server') guarded(t, 'listen()', () => connection.listen());
    let now = 0;
    LINUX_SEGMENTS.forEach((captured, i) => {
      guarded(t, 'tick()', () => connection.tick(captured.timeMs - now));
      now = captured.timeMs;
      const segment = toSegment(captured);
      const line = describeCaptured(captured, i);
      if (captured.from !== side) {
        t.step(`${line} → our receive()`);
        guarded(t, 'receive()', () => connection.receive(segment));
        guarded(t, 'read()', () => connection.read());
        return;
      }
      t.step(line);
      const app = (call: string, fn: () => unknown) => {
        t.step(`  our application: ${call}`);
        guarded(t, call, fn);
      };
      if (segment.SYN && segment.ackno === undefined) app('connect()', () => connection.connect());
      if (segment.payload.length) app(`write(${segment.payload.length} bytes)`, () => connection.write(segment.payload));
      if (segment.FIN) app('close()', () => connection.close());
      while (outbox.length > 1 && outbox[0]!.payload.length === 0 && !outbox[0]!.SYN && !outbox[0]!.FIN && show(outbox[0]!) !== show(segment)) {
        t.step(`  our extra pure ACK (Linux merged it into a later segment): ${show(outbox.shift()!)}`);
      }
      const ours = outbox.shift();
      t.expect(
        `  ours must match: ${show(segment)}`,
        ours === undefined ? 'nothing sent' : { segment: show(ours), payload: text(ours.payload) },
        { segment: show(segment), payload: text(segment.payload) },
        ARRIVES,
      );
    });
    for (const extra of outbox) t.expect('expect only pure ACKs left unmatched', `${show(extra)}${extra.payload.length || extra.SYN || extra.FIN ? ' (not a pure ACK)' : ''}`, show(extra));
    return { t, connection };
  }

  it('as the client: sends what Linux\'s client sent, and ends in TIME-WAIT, where ss found Linux\'s client', () => {
    const { t, connection } = replay('client');
    const linuxState = LINUX_STATES_AFTER_CLOSE.find((s) => s.side === 'client')?.state;
    t.expect(`expect our state to be Linux's (ss said ${linuxState})`, connection.state, linuxState, TIME_WAIT);
    t.expect(
      'expect the active closer\'s path of Figure 5',
      connection.history.map((c) => c.to),
      ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'],
      FIGURE_5,
    );
  });

  it('as the server: sends what Linux\'s server sent, and ends CLOSED (ss listed no server socket)', () => {
    const { t, connection } = replay('server');
    expect(LINUX_STATES_AFTER_CLOSE.some((s) => s.side === 'server'), 'ss listed no socket of the Linux server: it had closed').toBe(false);
    t.expect(
      'expect the passive closer\'s path of Figure 5',
      connection.history.map((c) => c.to),
      ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
      FIGURE_5,
    );
  });
});
