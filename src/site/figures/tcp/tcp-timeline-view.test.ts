import { describe, expect, it } from 'vitest';
import { checkSteps } from '../../components/step-through.ts';
import { MACHINE_PART_IDS } from './tcp-state-machine.ts';
import { chapterTimeline, type Phase } from './tcp-timeline.ts';
import { ARROW_LABEL, arrowLabel, crossPoints, badgeIds, describeStep, formatDuration, LANE, layoutSequence, stepsOf, TIMELINE_FIGURE_WORDS, timelineSteps, type SequenceArrow } from './tcp-timeline-view.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

/** Room to leave around a label, viewBox units. */
const CLEARANCE = 2;

/** An arrow's label as a rectangle along the arrow, sized for a sans-serif font (0.6 em a character, generous; 0.8 em above the baseline, 0.25 em below) plus `margin` all round. */
function labelRect(arrow: SequenceArrow, margin = 0) {
  const width = arrow.label.length * 0.6 * ARROW_LABEL.fontSize + 2 * margin;
  const height = 1.05 * ARROW_LABEL.fontSize + 2 * margin;
  const theta = (arrow.angle * Math.PI) / 180;
  const local = (p: { x: number; y: number }) => {
    const dx = p.x - arrow.labelAt.x;
    const dy = p.y - arrow.labelAt.y;
    // Glyphs reach 0.8 em above the baseline and 0.25 em below: the box's centre is 0.275 em above it.
    return { u: dx * Math.cos(theta) + dy * Math.sin(theta), v: -dx * Math.sin(theta) + dy * Math.cos(theta) + 0.275 * ARROW_LABEL.fontSize };
  };
  const contains = (p: { x: number; y: number }) => {
    const { u, v } = local(p);
    return Math.abs(u) <= width / 2 && Math.abs(v) <= height / 2;
  };
  const border: { x: number; y: number }[] = [];
  for (let u = -width / 2; u <= width / 2; u += 1)
    for (const v of [-height / 2, height / 2].map((v) => v - 0.275 * ARROW_LABEL.fontSize))
      border.push({ x: arrow.labelAt.x + u * Math.cos(theta) - v * Math.sin(theta), y: arrow.labelAt.y + u * Math.sin(theta) + v * Math.cos(theta) });
  return { contains, border };
}

function linePoints(arrow: SequenceArrow): { x: number; y: number }[] {
  const { x1, y1, x2, y2 } = arrow.line;
  const n = Math.ceil(Math.hypot(x2 - x1, y2 - y1));
  return Array.from({ length: n + 1 }, (_, i) => ({ x: x1 + ((x2 - x1) * i) / n, y: y1 + ((y2 - y1) * i) / n }));
}

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
    expect(diagram.waits.map((w) => TIMELINE_FIGURE_WORDS.en.later(w.waitedMs))).toEqual([expect.stringMatching(/ms later$/)]);
    const close = layoutSequence(timeline, stepsOf(timeline, 'close'));
    expect(close.waits.map((w) => TIMELINE_FIGURE_WORDS.en.later(w.waitedMs))).toEqual(['10 s later']);
    expect(close.waits.map((w) => TIMELINE_FIGURE_WORDS['zh-cn'].later(w.waitedMs))).toEqual(['10 秒后']);
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

  it.each(phases)('keeps every arrow label of the %s phase clear of the other arrows and their labels', (phase) => {
    const diagram = layoutSequence(timeline, stepsOf(timeline, phase));
    const clashes: string[] = [];
    for (const a of diagram.arrows) {
      const rect = labelRect(a, CLEARANCE);
      if (a.cross && crossPoints(a.cross).some(rect.contains)) clashes.push(`label of ${a.id} (${a.label}) covers its own loss cross`);
      for (const b of diagram.arrows) {
        if (a === b) continue;
        if (b.cross && crossPoints(b.cross).some(rect.contains)) clashes.push(`label of ${a.id} (${a.label}) covers the loss cross of ${b.id}`);
        if (linePoints(b).some(rect.contains)) clashes.push(`label of ${a.id} (${a.label}) crosses the line of ${b.id}`);
        if (labelRect(b).border.some(rect.contains)) clashes.push(`label of ${a.id} (${a.label}) overlaps the label of ${b.id}`);
      }
    }
    expect(clashes).toEqual([]);
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

  it('tell the same steps in Chinese, with the same raw numbers, states and RFC sections', () => {
    const english = timelineSteps(timeline, timeline.steps, true);
    const chinese = timelineSteps(timeline, timeline.steps, true, 'zh-cn');
    expectSameSteps(english, chinese, { quoted: /`[^`]+`|§[\d.]+/g });
    expect(chinese[0]!.title).toBe('服务器开始监听');
  });

  it('tell the ACK flag from the acknowledgment number, and the SYN’s sequence number from its ACK', () => {
    const [, syn, synAck] = timeline.steps;
    expect(describeStep({ timeline, step: syn! }).text).toContain('ACK flag is clear');
    expect(describeStep({ timeline, step: synAck! }).text).toContain(`ISN + 1 = ${(timeline.isn.client + 1) % 2 ** 32}`);
    const third = timeline.steps.find((s) => s.segment?.duplicateAck === 3)!;
    expect(describeStep({ timeline, step: third }).text).toContain('RFC 5681 §3.2');
  });
});
