import { describe, expect, it } from 'vitest';
import { checkSteps } from './step-through.ts';
import { MACHINE_PART_IDS } from './tcp-state-machine.ts';
import { chapterTimeline, type Phase } from './tcp-timeline.ts';
import { arrowLabel, badgeIds, describeStep, formatDuration, LANE, layoutSequence, stepsOf, timelineSteps } from './tcp-timeline-view.ts';

const timeline = chapterTimeline();
const phases: Phase[] = ['open', 'data', 'close'];

describe('the sequence diagram', () => {
  it('splits the run into opening, data and closing, in order, covering every step', () => {
    const all = phases.flatMap((p) => stepsOf(timeline, p));
    expect(all).toEqual(timeline.steps);
    expect(stepsOf(timeline, 'open').at(-1)!.after).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(stepsOf(timeline, 'close')[0]!.segment?.FIN).toBe(true);
  });

  it.each(phases)('draws one arrow per segment of the %s phase, from the sender’s line down to the receiver’s', (phase) => {
    const steps = stepsOf(timeline, phase);
    const diagram = layoutSequence(timeline, steps);
    const segments = steps.flatMap((s) => (s.segment ? [s.segment] : []));
    expect(diagram.arrows.map((a) => a.segment)).toEqual(segments);
    for (const arrow of diagram.arrows) {
      expect(arrow.from.x).toBe(LANE[arrow.segment.from]);
      expect(arrow.to.x).toBe(LANE[arrow.segment.from === 'client' ? 'server' : 'client']);
      expect(arrow.to.y - arrow.from.y, arrow.id).toBeGreaterThanOrEqual(40);
      expect(arrow.to.y).toBeLessThan(diagram.height);
      // A lost segment stops half way at a cross; the others end in a head.
      expect(arrow.segment.lost ? arrow.cross !== undefined && arrow.head === undefined : arrow.head !== undefined).toBe(true);
    }
    expect(new Set(diagram.parts).size).toBe(diagram.parts.length);
  });

  it('keeps time running down: segments sent later start lower, and a wait of a second is marked', () => {
    const diagram = layoutSequence(timeline, stepsOf(timeline, 'data'));
    const arrows = [...diagram.arrows].sort((a, b) => a.segment.sentAt - b.segment.sentAt || a.segment.index - b.segment.index);
    for (let i = 1; i < arrows.length; i++) expect(arrows[i]!.from.y).toBeGreaterThan(arrows[i - 1]!.from.y);
    expect(diagram.waits.map((w) => w.label)).toEqual([expect.stringMatching(/ms later$/)]);
    const close = layoutSequence(timeline, stepsOf(timeline, 'close'));
    expect(close.waits.map((w) => w.label)).toEqual(['10 s later']);
  });

  it('writes each state where a side enters it, on that side’s line', () => {
    const diagram = layoutSequence(timeline, stepsOf(timeline, 'open'));
    expect(diagram.states.map((s) => `${s.side}:${s.state}`)).toEqual([
      'server:LISTEN',
      'client:SYN-SENT',
      'server:SYN-RECEIVED',
      'client:ESTABLISHED',
      'server:ESTABLISHED',
    ]);
    for (const s of diagram.states) expect(s.at.x).toBe(LANE[s.side]);
  });

  it('labels arrows with flags and relative numbers', () => {
    const [syn, synAck] = timeline.segments;
    expect(arrowLabel(syn!)).toBe('SYN seq=0');
    expect(arrowLabel(synAck!)).toBe('SYN|ACK seq=0 ack=1');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(898.2)).toBe('898 ms');
  });
});

describe('the steps', () => {
  it.each(phases)('light up only parts that exist in the %s diagram', (phase) => {
    const steps = stepsOf(timeline, phase);
    const diagram = layoutSequence(timeline, steps);
    const badges = steps.flatMap((s) => badgeIds(timeline, s));
    expect(() => checkSteps(timelineSteps(timeline, steps, true), [...diagram.parts, ...MACHINE_PART_IDS, ...badges])).not.toThrow();
    expect(() => checkSteps(timelineSteps(timeline, steps, false), diagram.parts)).not.toThrow();
  });

  it('light up the transitions each step takes on the state machine', () => {
    const steps = timelineSteps(timeline, timeline.steps, true);
    expect(steps[1]!.active).toEqual(expect.arrayContaining(['sm-CLOSED-active-open', 'sm-LISTEN-rcv-syn', 'sm-SYN-SENT', 'sm-SYN-RECEIVED']));
    expect(steps.at(-1)!.active).toEqual(expect.arrayContaining(['sm-TIME-WAIT-time-wait-timeout', 'sm-CLOSED-end']));
  });

  it('give each segment’s raw numbers and both sides’ states', () => {
    const steps = timelineSteps(timeline, timeline.steps, false);
    timeline.steps.forEach((step, i) => {
      const text = steps[i]!.text;
      expect(text).toContain(`client \`${step.after.client}\`, server \`${step.after.server}\``);
      if (step.segment) expect(text).toContain(`seq=${step.segment.seq}`);
    });
  });

  it('tell the ACK flag from the acknowledgment number, and the SYN’s sequence number from its ACK', () => {
    const [, syn, synAck] = timeline.steps;
    expect(describeStep({ timeline, step: syn! }).text).toContain('ACK flag is clear');
    expect(describeStep({ timeline, step: synAck! }).text).toContain(`ISN + 1 = ${(timeline.isn.client + 1) % 2 ** 32}`);
    const third = timeline.steps.find((s) => s.segment?.duplicateAck === 3)!;
    expect(describeStep({ timeline, step: third }).text).toContain('RFC 5681 §3.2');
  });
});
