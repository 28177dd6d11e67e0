/**
 * Stage sender: the retransmission timer (RFC 6298 §5) and the sending half of an
 * endpoint (RFC 9293 §3.8): SYN first, segments cut to the window and to
 * MAX_PAYLOAD_SIZE, FIN when the stream is finished and the window has room,
 * retransmission of the oldest segment with exponential backoff, and zero-window
 * probes. Every script below prints its steps when an expectation fails.
 */
import { describe, expect, it } from 'vitest';
import { RetransmissionTimer } from '@impl/timer.ts';
import { MAX_PAYLOAD_SIZE } from '@impl/sender-types.ts';
import { seededBytes } from './fixtures/bytes.ts';
import { SenderHarness } from './fixtures/sender-harness.ts';
import { SPACE } from './fixtures/steps.ts';

const TIMER = 'RFC 6298 §5 (managing the retransmission timer)';
const BACKOFF = 'RFC 6298 (5.5): RTO ← RTO × 2 after each expiry';
const RESTART = 'RFC 6298 (5.3): restart the timer when an ACK acknowledges new data';
const START_ONCE = 'RFC 6298 (5.1): start the timer when a segment is sent and it is not already running';
const OLDEST = 'RFC 6298 (5.4): retransmit the earliest segment not yet acknowledged';
const WINDOW = 'RFC 9293 §3.8.6: never send beyond ackno + window';
const PROBE = 'RFC 9293 §3.8.6.1: with a zero window, keep probing with one sequence number; do not back off (CS144)';
const SYN_FIRST = 'RFC 9293 §3.5: the first segment carries SYN and takes one sequence number';
const FIN_LAST = 'RFC 9293 §3.6: the FIN takes one sequence number after the last byte, inside the window';

/** A sender past the handshake: SYN sent and acknowledged with `window`. */
function established(title: string, window: number, options: { isn?: number; capacity?: number } = {}): SenderHarness {
  const h = new SenderHarness(title, options);
  h.push().expectSend({ SYN: true, seq: 0, length: 0 }, SYN_FIRST);
  return h.ack(1, window);
}

describe('RetransmissionTimer', () => {
  it('starts stopped, with the initial RTO, and a stopped timer never expires', () => {
    const timer = new RetransmissionTimer(1000);
    expect({ running: timer.running, rtoMs: timer.rtoMs }, 'a new timer').toEqual({ running: false, rtoMs: 1000 });
    expect(timer.tick(5000), 'tick(5000) on a stopped timer').toBe(false);
  });

  it('expires when the elapsed time reaches the RTO, not a millisecond before, and then stops', () => {
    const timer = new RetransmissionTimer(1000);
    timer.start();
    expect(timer.tick(999), 'after 999 of 1000 ms').toBe(false);
    expect(timer.tick(1), 'at 1000 ms').toBe(true);
    expect(timer.running, 'after expiring').toBe(false);
    expect(timer.tick(1000), 'ticking an expired timer').toBe(false);
  });

  it('counts from zero again when restarted', () => {
    const timer = new RetransmissionTimer(1000);
    timer.start();
    timer.tick(600);
    timer.start();
    expect(timer.tick(600), '600 ms after the restart (1200 after the first start)').toBe(false);
    expect(timer.tick(400), '1000 ms after the restart').toBe(true);
  });

  it('doubles its RTO with doubleRto and goes back with resetRto', () => {
    const timer = new RetransmissionTimer(1000);
    timer.doubleRto();
    timer.doubleRto();
    expect(timer.rtoMs, `after two doublings (${BACKOFF})`).toBe(4000);
    timer.start();
    expect(timer.tick(3999), 'after 3999 of 4000 ms').toBe(false);
    expect(timer.tick(1), 'at 4000 ms').toBe(true);
    timer.resetRto();
    expect(timer.rtoMs, 'after resetRto').toBe(1000);
  });

  it('stops counting on stop()', () => {
    const timer = new RetransmissionTimer(1000);
    timer.start();
    timer.tick(500);
    timer.stop();
    expect(timer.tick(1000), `a stopped timer (${TIMER} (5.2))`).toBe(false);
    expect(timer.running, 'after stop').toBe(false);
  });
});

describe('TcpSender: opening', () => {
  it('sends a SYN at the ISN first, even with nothing to send, then nothing until it is acknowledged', () => {
    const h = new SenderHarness('SYN');
    h.push().expectSend({ SYN: true, FIN: false, seq: 0, length: 0 }, SYN_FIRST);
    h.push().expectNoSend('the SYN is sent once').expectInFlight(1, SYN_FIRST).expectNextAbsolute(1);
  });

  it('sends no data before the SYN is acknowledged: the window is 1 until the receiver speaks', () => {
    const h = new SenderHarness('data waiting for the handshake');
    h.write('hello').push().expectSend({ SYN: true, seq: 0, length: 0 }, 'a window of 1 has room for the SYN only');
    h.expectNoSend().ack(1, 1000).push().expectSend({ SYN: false, seq: 1, data: 'hello' }, SYN_FIRST);
    h.expectNoSend().expectInFlight(5);
  });

  it('sends a FIN for a stream closed before the SYN, once the window has room for it', () => {
    const h = new SenderHarness('empty stream');
    h.close().push().expectSend({ SYN: true, FIN: false, seq: 0 }, `${FIN_LAST}: a window of 1 holds the SYN only`);
    h.expectNoSend().ack(1, 1000).push().expectSend({ SYN: false, FIN: true, seq: 1, length: 0 }, FIN_LAST);
    h.expectInFlight(1).ack(2, 1000).expectInFlight(0);
  });

  it('sends SYN and FIN together when the first window has room for both', () => {
    const h = new SenderHarness('SYN|FIN');
    h.receive({ window: 100, RST: false }, 'receive win=100 before anything was sent (no ackno)');
    h.close().push().expectSend({ SYN: true, FIN: true, seq: 0, length: 0 }, `${SYN_FIRST}; ${FIN_LAST}`).expectInFlight(2);
  });

  it('ignores an acknowledgment of something never sent, window and all', () => {
    const h = new SenderHarness('impossible ackno');
    h.push().expectSend({ SYN: true, seq: 0 });
    h.ack(2, 1000).expectInFlight(1, 'RFC 9293 §3.10.7.4: an ACK for something not yet sent is ignored');
    h.write('abc').push().expectNoSend('the impossible ACK opened no window');
    h.ack(1, 1000).push().expectSend({ seq: 1, data: 'abc' });
  });

  it('counts SYN, bytes and FIN in nextAbsoluteSeqno', () => {
    const h = new SenderHarness('next absolute seqno').expectNextAbsolute(0, 'nothing sent yet');
    h.push().expectSend({ SYN: true }).expectNextAbsolute(1);
    h.ack(1, 1000).write('abc').close().push().expectSend({ data: 'abc', FIN: true }).expectNextAbsolute(5, 'SYN + 3 bytes + FIN');
  });
});

describe('TcpSender: filling the window', () => {
  it(`cuts payloads at MAX_PAYLOAD_SIZE (${MAX_PAYLOAD_SIZE} bytes)`, () => {
    expect(MAX_PAYLOAD_SIZE, 'the lab\'s stand-in for the MSS').toBe(1000);
    const h = established('2500 bytes, window 5000', 5000);
    h.write(seededBytes(1, 2500)).push();
    h.expectSend({ seq: 1, length: 1000 }).expectSend({ seq: 1001, length: 1000 }).expectSend({ seq: 2001, length: 500 });
    h.expectNoSend().expectInFlight(2500);
  });

  it('sends no more than the window allows, counted from the oldest unacknowledged byte', () => {
    const h = established('window 7', 7);
    h.write('abcdefghijkl').push().expectSend({ seq: 1, data: 'abcdefg' }, WINDOW).expectNoSend(WINDOW);
    h.ack(4, 7).push().expectSend({ seq: 8, data: 'hij' }, `${WINDOW}: ackno 4 + window 7 = 11`).expectNoSend();
    h.ack(11, 7).push().expectSend({ seq: 11, data: 'kl' }).expectInFlight(2);
  });

  it('reads a window-limited payload correctly when the outbound bytes wrap around the stream\'s buffer', () => {
    // Capacity 10: after 'abcd' goes out, 'ef' is buffered and 'ghijklmn' fills the rest, wrapping past the end of the
    // stream's storage, so peek() may return the bytes in two pieces; the window then takes 8 of the 10.
    const h = established('capacity 10, window 4 then 8', 4, { capacity: 10 });
    h.write('abcdef').push().expectSend({ seq: 1, data: 'abcd' }, WINDOW);
    h.write('ghijklmn').ack(5, 8).push().expectSend({ seq: 5, data: 'efghijkl' }, `${WINDOW}: ackno 5 + window 8 = 13`).expectNoSend();
  });

  it('sends nothing for an open stream with nothing in it', () => {
    established('nothing to send', 1000).push().expectNoSend('no empty segments');
  });

  it('sends the FIN with the last data when the window has room for both', () => {
    const h = established('bye', 1000);
    h.write('bye').close().push().expectSend({ seq: 1, data: 'bye', FIN: true }, FIN_LAST).expectNoSend().expectInFlight(4);
  });

  it('holds the FIN back while the data fills the window, and sends it when the window opens', () => {
    const h = established('window 3', 3);
    h.write('abc').close().push().expectSend({ seq: 1, data: 'abc', FIN: false }, `${FIN_LAST}: no room left for it`).expectNoSend();
    h.ack(4, 3).push().expectSend({ seq: 4, FIN: true, length: 0 }, FIN_LAST);
  });

  it('sends the FIN only once', () => {
    const h = established('one FIN', 1000);
    h.close().push().expectSend({ seq: 1, FIN: true });
    h.push().expectNoSend('after the FIN nothing is new').ack(2, 1000).push().expectNoSend();
  });
});

describe('TcpSender: acknowledgments', () => {
  it('counts a partly acknowledged segment in flight until it is all acknowledged, and retransmits it whole', () => {
    const h = established('partial ACK', 1000);
    h.write('abcdefghij').push().expectSend({ seq: 1, data: 'abcdefghij' });
    h.ack(6, 1000).expectInFlight(5, 'bytes 6–10 are still unacknowledged');
    h.tick(1000).expectSend({ seq: 1, data: 'abcdefghij' }, OLDEST);
  });

  it('changes nothing on a duplicate acknowledgment', () => {
    const h = established('duplicate ACK', 1000);
    h.write('abc').push().expectSend({ seq: 1, data: 'abc' });
    h.tick(1000).expectSend({ seq: 1, data: 'abc' }).expectRetransmissions(1);
    h.ack(1, 1000).expectInFlight(3).expectRetransmissions(1, 'an ACK of nothing new is not progress');
  });

  it('times a segment sent after everything was acknowledged from its own sending, not from the earlier one', () => {
    const h = established('window 10', 10);
    h.write('a').push().expectSend({ seq: 1, data: 'a' });
    h.tick(900).ack(2, 10).tick(50);
    h.write('b').push().expectSend({ seq: 2, data: 'b' });
    h.tick(999).expectNoSend(`RFC 6298 (5.2): the timer stopped when 'a' was acknowledged, and (5.1) started anew when 'b' went out, 999 ms ago`);
    h.tick(1).expectSend({ seq: 2, data: 'b' }, OLDEST);
  });

  it('stops the timer when everything is acknowledged', () => {
    const h = established('all acknowledged', 1000);
    h.write('abc').push().expectSend({ data: 'abc' });
    h.ack(4, 1000).expectInFlight(0).tick(10_000).expectNoSend(`${TIMER} (5.2): nothing outstanding, nothing to retransmit`);
  });
});

describe('TcpSender: retransmission', () => {
  it('retransmits the SYN when the RTO expires, not a millisecond earlier', () => {
    const h = new SenderHarness('lost SYN');
    h.push().expectSend({ SYN: true, seq: 0 });
    h.tick(999).expectNoSend(TIMER).tick(1).expectSend({ SYN: true, seq: 0 }, TIMER).expectRetransmissions(1);
  });

  it('doubles the RTO after each timeout: retransmissions 1, 3 and 7 s after the first send', () => {
    const h = new SenderHarness('backoff');
    h.push().expectSend({ SYN: true });
    h.tick(1000).expectSend({ SYN: true }).expectRetransmissions(1);
    h.tick(1999).expectNoSend(`${BACKOFF}: now 2000 ms`).tick(1).expectSend({ SYN: true }).expectRetransmissions(2);
    h.tick(3999).expectNoSend(`${BACKOFF}: now 4000 ms`).tick(1).expectSend({ SYN: true }).expectRetransmissions(3);
  });

  it('retransmits only the oldest outstanding segment, not the whole window', () => {
    const h = established('three segments in flight', 5000);
    h.write(seededBytes(2, 3000)).push().expectSend({ seq: 1 }).expectSend({ seq: 1001 }).expectSend({ seq: 2001 });
    h.tick(1000).expectSend({ seq: 1, length: 1000 }, OLDEST).expectNoSend(OLDEST);
  });

  it('resets the RTO and the retransmission count when new data is acknowledged', () => {
    const h = established('recovery', 5000);
    h.write(seededBytes(3, 2000)).push().expectSend({ seq: 1 }).expectSend({ seq: 1001 });
    h.tick(1000).expectSend({ seq: 1 }).tick(2000).expectSend({ seq: 1 }).expectRetransmissions(2);
    h.ack(1001, 5000).expectRetransmissions(0, 'RFC 6298 §5: new data acknowledged ends the backoff (CS144)');
    h.tick(999).expectNoSend(`${RESTART}, with the initial RTO`).tick(1).expectSend({ seq: 1001 }, OLDEST);
  });

  it('restarts the timer on an acknowledgment of new data, so the next expiry is an RTO after it', () => {
    const h = established('restart on ACK', 5000);
    h.write(seededBytes(4, 1000)).push().expectSend({ seq: 1 });
    h.tick(500).write(seededBytes(5, 1000)).push().expectSend({ seq: 1001 });
    h.tick(400).ack(1001, 5000);
    h.tick(999).expectNoSend(`${RESTART}: 999 ms after the ACK`).tick(1).expectSend({ seq: 1001 }, RESTART);
  });

  it('does not restart a running timer when more segments are sent', () => {
    const h = established('timer keeps running', 5000);
    h.write('a').push().expectSend({ seq: 1, data: 'a' });
    h.tick(600).write('b').push().expectSend({ seq: 2, data: 'b' });
    h.tick(400).expectSend({ seq: 1, data: 'a' }, `${START_ONCE}; it started with "a"`);
  });

  it('counts every consecutive retransmission, however many; giving up is the connection\'s decision', () => {
    const h = new SenderHarness('unreachable peer', { rtoMs: 10 });
    h.push().expectSend({ SYN: true });
    let rto = 10;
    for (let i = 1; i <= 10; i++) {
      h.tick(rto).expectSend({ SYN: true, seq: 0 }, BACKOFF).expectRetransmissions(i);
      rto *= 2;
    }
  });
});

describe('TcpSender: zero window', () => {
  it('sends a one-byte probe into a zero window, and keeps just that one in flight', () => {
    const h = established('zero window', 0);
    h.write('abc').push().expectSend({ seq: 1, data: 'a' }, PROBE).expectNoSend(PROBE).push().expectNoSend(PROBE);
  });

  it('retransmits the probe every RTO without backing off or counting retransmissions', () => {
    const h = established('probing', 0);
    h.write('abc').push().expectSend({ data: 'a' });
    h.tick(1000).expectSend({ seq: 1, data: 'a' }, PROBE).expectRetransmissions(0, PROBE);
    h.tick(1000).expectSend({ seq: 1, data: 'a' }, `${PROBE}: the RTO is still 1000 ms`).expectRetransmissions(0, PROBE);
  });

  it('sends what the window allows once it opens', () => {
    const h = established('window opens', 0);
    h.write('abcdef').push().expectSend({ data: 'a' });
    h.ack(2, 3).push().expectSend({ seq: 2, data: 'bcd' }, WINDOW).expectNoSend();
  });

  it('probes with the FIN when the FIN is all that is left', () => {
    const h = established('FIN into a zero window', 2);
    h.write('ab').close().push().expectSend({ seq: 1, data: 'ab', FIN: false });
    h.ack(3, 0).push().expectSend({ seq: 3, FIN: true, length: 0 }, `${PROBE}; ${FIN_LAST}`);
  });
});

describe('TcpSender: empty messages, resets and wrap-around', () => {
  it('makes empty messages at the next seqno that occupy nothing and are never retransmitted', () => {
    const h = established('empty message', 1000);
    h.write('abc').push().expectSend({ data: 'abc' });
    h.expectEmptyMessage({ SYN: false, FIN: false, RST: false, seq: 4, length: 0 }, 'RFC 9293 §3.4: a pure ACK carries the next seqno and occupies none');
    h.expectInFlight(3).ack(4, 1000).tick(5000).expectNoSend('an empty message is not outstanding');
  });

  it('sets RST once the stream has an error, and records a RST from the peer as an error', () => {
    const h = established('errors', 1000);
    h.stream.setError();
    h.t.step('the outbound stream gets an error');
    h.expectEmptyMessage({ RST: true }, 'RFC 9293 §3.5.2: a reset is sent with the next seqno');
    const other = established('RST arrives', 1000);
    other.receive({ ackno: (other.isn + 1) % SPACE, window: 1000, RST: true });
    other.t.expect('expect the outbound stream in error', other.stream.hasError, true, 'RFC 9293 §3.10.7.4: a RST aborts the connection');
  });

  it('wraps seqnos past 2^32 and unwraps acknowledgments across the wrap', () => {
    const h = established('ISN = 2^32 − 2', 3000, { isn: SPACE - 2 });
    h.write(seededBytes(6, 2500)).push();
    h.expectSend({ seq: 1, length: 1000 }).expectSend({ seq: 1001, length: 1000 }).expectSend({ seq: 2001, length: 500 });
    h.ack(1001, 3000).expectInFlight(1500, 'RFC 9293 §3.4: compare seqnos modulo 2^32').ack(2501, 3000).expectInFlight(0);
  });
});
