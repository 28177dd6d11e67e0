import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../../labs/tcp/solution/connection-states.ts';
import {
  boxExit,
  DRAWN_TRANSITIONS,
  edgeId,
  MACHINE_BOX,
  MACHINE_EDGES,
  MACHINE_NODES,
  MACHINE_PART_IDS,
  MACHINE_VIEW_BOX,
  nodeAfter,
  OMITTED_EVENTS,
  transitionLabel,
} from './tcp-state-machine.ts';
import { TCP_STATES } from '../../../../labs/tcp/given/state-types.ts';

describe('the state machine diagram', () => {
  it('has a box for each of the eleven states of RFC 9293 §3.3.2, and CLOSED twice as in Figure 5', () => {
    expect(new Set(MACHINE_NODES.map((n) => n.state))).toEqual(new Set(TCP_STATES));
    expect(MACHINE_NODES.filter((n) => n.state === 'CLOSED')).toHaveLength(2);
    expect(MACHINE_NODES).toHaveLength(TCP_STATES.length + 1);
  });

  it('draws one arrow per row of the lab’s table, except resets and aborts', () => {
    const expected = TRANSITIONS.filter((t) => !OMITTED_EVENTS.includes(t.event));
    expect(DRAWN_TRANSITIONS).toEqual(expected);
    expect(MACHINE_EDGES.map((e) => e.transition)).toEqual(expected);
    expect(TRANSITIONS.filter((t) => OMITTED_EVENTS.includes(t.event)).every((t) => t.to === 'CLOSED')).toBe(true);
  });

  it('labels each arrow with the row’s trigger and the segment it sends', () => {
    for (const edge of MACHINE_EDGES) {
      expect(edge.label).toBe(transitionLabel(edge.transition));
      if (edge.transition.send) expect(edge.label.endsWith(`snd ${edge.transition.send}`), edge.label).toBe(true);
      expect(edge.lines.join(' ')).toBe(edge.label);
    }
    const synReceived = MACHINE_EDGES.find((e) => e.transition.from === 'LISTEN' && e.transition.event === 'rcv-syn')!;
    expect(synReceived.label).toBe('rcv SYN / snd SYN,ACK');
  });

  it('gives every part a unique id', () => {
    expect(new Set(MACHINE_PART_IDS).size).toBe(MACHINE_PART_IDS.length);
    expect(MACHINE_EDGES.map((e) => e.id)).toEqual(DRAWN_TRANSITIONS.map(edgeId));
  });

  it('keeps boxes apart and inside the picture', () => {
    for (const a of MACHINE_NODES) {
      expect(a.x - MACHINE_BOX.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.x + MACHINE_BOX.width / 2).toBeLessThanOrEqual(MACHINE_VIEW_BOX.width);
      expect(a.y + MACHINE_BOX.height / 2).toBeLessThanOrEqual(MACHINE_VIEW_BOX.height);
      for (const b of MACHINE_NODES) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= MACHINE_BOX.width + 8 || Math.abs(a.y - b.y) >= MACHINE_BOX.height + 8;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
  });

  it('puts a connection closed after TIME-WAIT or LAST-ACK in the lower CLOSED box', () => {
    expect(nodeAfter('CLOSED')).toBe('sm-CLOSED');
    expect(nodeAfter('CLOSED', { from: 'TIME-WAIT', event: 'time-wait-timeout' })).toBe('sm-CLOSED-end');
    expect(nodeAfter('CLOSED', { from: 'LAST-ACK', event: 'rcv-ack-of-fin' })).toBe('sm-CLOSED-end');
    expect(nodeAfter('CLOSED', { from: 'LISTEN', event: 'close' })).toBe('sm-CLOSED');
    expect(nodeAfter('ESTABLISHED', { from: 'SYN-SENT', event: 'rcv-syn-ack' })).toBe('sm-ESTABLISHED');
  });

  it('starts and ends arrows on the edges of boxes', () => {
    expect(boxExit({ x: 100, y: 100 }, { x: 100, y: 300 })).toEqual({ x: 100, y: 100 + MACHINE_BOX.height / 2 });
    expect(boxExit({ x: 100, y: 100 }, { x: 0, y: 100 })).toEqual({ x: 100 - MACHINE_BOX.width / 2, y: 100 });
    for (const edge of MACHINE_EDGES) expect(edge.path).toMatch(/^M[\d.]+ [\d.]+ [LQ]/);
  });
});
