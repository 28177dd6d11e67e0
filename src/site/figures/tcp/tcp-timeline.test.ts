import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../../labs/tcp/solution/connection-states.ts';
import { buildTimeline, chapterTimeline, findSeed, isTableRow, type Side, type Timeline, type TimelineSegment } from './tcp-timeline.ts';
import type { TcpState } from '../../../../labs/tcp/given/state-types.ts';
import { DEFAULT_INITIAL_RTO_MS } from '../../../../labs/tcp/given/sender-types.ts';

const SPACE = 2 ** 32;
const plus = (n: number, k: number) => (n + k) % SPACE;
const timeline = chapterTimeline();
/** The run as lines, so a failure shows what happened. */
const transcript = (t: Timeline) =>
  t.steps
    .map((s) => {
      const g = s.segment;
      const what = g ? `${g.from} ${g.flags} seq=${g.seq}${g.ack === undefined ? '' : ` ack=${g.ack}`} len=${g.length}${g.lost ? ' LOST' : ''}` : '(no segment)';
      return `${what} | ${s.changes.map((c) => `${c.side} ${c.from}→${c.to}`).join(', ')} | client ${s.after.client}, server ${s.after.server}`;
    })
    .join('\n');
const why = `seed ${timeline.seed}\n${transcript(timeline)}`;
const occupied = (s: TimelineSegment) => s.length + (s.SYN ? 1 : 0) + (s.FIN ? 1 : 0);

describe('the timeline of two reference endpoints in netsim', () => {
  it('opens with RFC 9293’s three-way handshake: SYN, SYN|ACK, ACK with the right numbers (§3.5, Figure 6)', () => {
    const [syn, synAck, ack] = timeline.segments;
    const { client, server } = timeline.isn;
    expect(syn, why).toMatchObject({ from: 'client', SYN: true, ACK: false, FIN: false, seq: client, length: 0 });
    expect(syn!.ack, 'a SYN without the ACK flag carries no acknowledgment number').toBeUndefined();
    // The SYN takes one sequence number: the server acknowledges ISN + 1.
    expect(synAck, why).toMatchObject({ from: 'server', SYN: true, ACK: true, seq: server, ack: plus(client, 1), length: 0 });
    // The ACK takes none: the client's next segment starts at the same seq.
    expect(ack, why).toMatchObject({ from: 'client', SYN: false, ACK: true, seq: plus(client, 1), ack: plus(server, 1), length: 0 });
    expect(timeline.segments[3]!.seq, 'data after the handshake ACK starts at the same sequence number').toBe(plus(client, 1));
  });

  it('has both endpoints in the states of RFC 9293 Figure 6 after each handshake segment', () => {
    const open = timeline.steps.filter((s) => s.phase === 'open');
    const states = open.map((s) => [s.segment?.flags ?? '-', s.after.client, s.after.server]);
    expect(states, why).toEqual([
      ['-', 'CLOSED', 'LISTEN'],
      ['SYN', 'SYN-SENT', 'SYN-RECEIVED'],
      ['SYN|ACK', 'ESTABLISHED', 'SYN-RECEIVED'],
      ['ACK', 'ESTABLISHED', 'ESTABLISHED'],
    ]);
  });

  it('changes state only along rows of the lab’s TRANSITIONS table, and the steps replay to the states they show', () => {
    let states: Record<Side, TcpState> = { client: 'CLOSED', server: 'CLOSED' };
    for (const step of timeline.steps) {
      for (const change of step.changes) {
        expect(isTableRow(change), `${change.side}: ${change.from} --${change.event}--> ${change.to} is not in TRANSITIONS`).toBe(true);
        expect(change.from, why).toBe(states[change.side]);
        states = { ...states, [change.side]: change.to };
      }
      expect(step.after, why).toEqual(states);
    }
    expect(TRANSITIONS.length).toBeGreaterThan(0);
    expect(states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('closes as in RFC 9293 Figure 12: the client closes first and waits in TIME-WAIT, the server passes through CLOSE-WAIT and LAST-ACK', () => {
    const path = (side: Side) => ['CLOSED', ...timeline.changes.filter((c) => c.side === side).map((c) => c.to)];
    expect(path('client'), why).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED']);
    expect(path('server'), why).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    // TIME-WAIT lasts 2 × MSL; the lab's MSL defaults to 5 initial RTOs.
    expect(timeline.timeWaitMs).toBeGreaterThanOrEqual(2 * 5 * DEFAULT_INITIAL_RTO_MS);
    expect(timeline.timeWaitMs).toBeLessThan(2 * 5 * DEFAULT_INITIAL_RTO_MS + 5);
  });

  it('acknowledges each FIN with its sequence number + 1: a FIN takes one sequence number', () => {
    const fins = timeline.segments.filter((s) => s.FIN);
    expect(fins.map((f) => f.from), why).toEqual(['client', 'server']);
    for (const fin of fins) {
      const acked = timeline.segments.find((s) => s.from !== fin.from && s.index > fin.index && s.ack === plus(fin.seq, 1));
      expect(acked, `no ACK of ${fin.from}'s FIN seq=${fin.seq}\n${why}`).toBeDefined();
    }
  });

  it('numbers every side’s segments consecutively: each new segment starts where the last one ended', () => {
    for (const side of ['client', 'server'] as const) {
      let next: number | undefined;
      for (const s of timeline.segments.filter((g) => g.from === side && !g.retransmission)) {
        if (next !== undefined) expect(s.seq, `${side} segment ${s.index}\n${why}`).toBe(next);
        next = plus(s.seq, occupied(s));
      }
    }
  });

  it('never acknowledges anything the other side has not sent, and never takes an acknowledgment back', () => {
    for (const side of ['client', 'server'] as const) {
      const other = side === 'client' ? 'server' : 'client';
      let last = -1;
      for (const s of timeline.segments.filter((g) => g.from === side && g.relAck !== undefined)) {
        const sent = timeline.segments.filter((g) => g.from === other && g.sentAt <= s.sentAt);
        const highest = Math.max(...sent.map((g) => g.relSeq + occupied(g)));
        expect(s.relAck!, why).toBeLessThanOrEqual(highest);
        expect(s.relAck!, why).toBeGreaterThanOrEqual(last);
        last = s.relAck!;
      }
    }
  });

  it('loses exactly one segment, the first of the response, and the server resends it when its RTO expires', () => {
    const lost = timeline.segments.filter((s) => s.lost);
    expect(lost, why).toHaveLength(1);
    const [gone] = lost as [TimelineSegment];
    expect(gone.from).toBe('server');
    expect(gone.relSeq).toBe(1);
    const resent = timeline.segments.find((s) => s.retransmission);
    expect(resent, why).toMatchObject({ from: 'server', seq: gone.seq, length: gone.length, lost: false });
    // RFC 6298 §5.4: only when the timer (started when the segment left, RTO 1 s) expires.
    expect(resent!.sentAt - gone.sentAt).toBeGreaterThanOrEqual(DEFAULT_INITIAL_RTO_MS);
  });

  it('shows three duplicate ACKs (RFC 5681 §2) naming the missing segment before the retransmission', () => {
    const resent = timeline.segments.find((s) => s.retransmission)!;
    const lost = timeline.segments.find((s) => s.lost)!;
    const duplicates = timeline.segments.filter((s) => s.duplicateAck > 0);
    expect(duplicates.map((d) => d.duplicateAck), why).toEqual([1, 2, 3]);
    for (const d of duplicates) {
      expect(d).toMatchObject({ from: 'client', length: 0, ack: lost.seq });
      expect(d.sentAt).toBeLessThan(resent.sentAt);
    }
  });

  it('is generated from netsim and is the same on every build', () => {
    const again = buildTimeline(timeline.options, timeline.seed);
    expect(again.segments).toEqual(timeline.segments);
    expect(findSeed(timeline.options)).toBe(timeline.seed);
    expect(timeline.trace.split('\n').filter((line) => / sent /.test(line))).toHaveLength(timeline.segments.length);
  });
});
