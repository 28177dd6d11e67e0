/**
 * Turns the TCP timeline (tcp-timeline.ts) into what <TcpTimeline> draws: a sequence
 * diagram — client and server side by side, one arrow per segment, the states each
 * side enters written on its line — and one StepThrough step per segment, whose text
 * is written from the segment's own numbers. The layout follows the order things
 * happened in rather than a time scale, so a 1 s timeout or 10 s of TIME-WAIT does not
 * stretch the picture; long waits are marked where they occur.
 */
import { arrowGeometry, type Point } from '../../components/svg.ts';
import type { Step } from '../../components/step-through.ts';
import { edgeId, nodeAfter } from './tcp-state-machine.ts';
import type { Phase, Side, SideChange, Timeline, TimelineSegment, TimelineStep } from './tcp-timeline.ts';

/** Width of the sequence diagram's coordinate system. */
export const SEQUENCE_WIDTH = 380;
/** x of each side's line. */
export const LANE: Record<Side, number> = { client: 92, server: 318 };

/** Arrow labels: font size and how far the text's baseline sits off its line, in viewBox units. */
export const ARROW_LABEL = { fontSize: 12, lift: 5 };

/** Vertical spacing, in viewBox units: at least `row` between moments, `state` around a state name, `drop` down an arrow. */
const GAP = { row: 24, state: 22, drop: 44, wait: 36, top: 54, bottom: 16 };
/** Between moments, time counts at this many units per ms, so that arrows over the same link run parallel. */
const SCALE = 1.6;
/** A wait between two moments longer than this, in ms, is cut short and marked on the diagram. */
const LONG_WAIT_MS = 400;

/** An arrow for one segment. */
export interface SequenceArrow {
  /** `data-part` id: `seg-<index>`. */
  id: string;
  segment: TimelineSegment;
  from: Point;
  to: Point;
  /** The line and head (a lost segment's line stops half way, at a cross). */
  line: { x1: number; y1: number; x2: number; y2: number };
  head?: string;
  /** Where a lost segment's cross is drawn. */
  cross?: Point;
  /** The label along the arrow, e.g. "SYN|ACK seq=0 ack=1". */
  label: string;
  /** Label position (its middle) and rotation in degrees, so it runs along the arrow. */
  labelAt: Point;
  angle: number;
  /** Time label at the sending end, e.g. "170.2". */
  time: string;
}

/** A state written on a side's line where that side enters it. */
export interface SequenceState {
  /** `data-part` id: `chg-<index into timeline.changes>`. */
  id: string;
  side: Side;
  state: string;
  at: Point;
}

/** A long wait, marked across both lines. */
export interface SequenceWait {
  y: number;
  label: string;
}

/** The sequence diagram of some steps. */
export interface SequenceDiagram {
  height: number;
  arrows: SequenceArrow[];
  states: SequenceState[];
  waits: SequenceWait[];
  /** Both sides' states before the first step, written under the headers. */
  initial: { client: string; server: string };
  /** Every `data-part` id. */
  parts: string[];
}

/** Something that happens at one side at one moment, in the order it happened. */
type Moment =
  | { kind: 'send'; time: number; side: Side; segment: TimelineSegment }
  | { kind: 'arrive'; time: number; side: Side; segment: TimelineSegment }
  | { kind: 'state'; time: number; side: Side; change: SideChange; index: number };

const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');
const round = (n: number) => Math.round(n * 10) / 10;

/** The steps of a phase, or all of them. */
export function stepsOf(timeline: Timeline, phase?: Phase): TimelineStep[] {
  return phase === undefined ? timeline.steps : timeline.steps.filter((s) => s.phase === phase);
}

/**
 * Lays out the steps as a sequence diagram. Moments are ordered by time; at one
 * moment, an arrival comes before the state change it causes, which comes before
 * the segment sent in reply. Each moment takes a row; an arrow goes down at least
 * GAP.drop between its ends so that its label has room.
 */
export function layoutSequence(timeline: Timeline, steps: readonly TimelineStep[]): SequenceDiagram {
  const moments: Moment[] = [];
  for (const step of steps) {
    const segment = step.segment;
    if (segment) {
      moments.push({ kind: 'send', time: segment.sentAt, side: segment.from, segment });
      moments.push({ kind: 'arrive', time: segment.arrivedAt, side: other(segment.from), segment });
    }
    for (const change of step.changes) {
      moments.push({ kind: 'state', time: change.time, side: change.side, change, index: timeline.changes.indexOf(change) });
    }
  }
  // At equal times: arrivals, then the state changes they cause, then sends. A change the
  // application makes before sending (connect, close) is at its send's time too, and also
  // precedes it, as it should.
  const rank = { arrive: 0, state: 1, send: 2 } as const;
  moments.sort((a, b) => a.time - b.time || rank[a.kind] - rank[b.kind] || order(a) - order(b));

  const arrows = new Map<number, { from: Point; to?: Point; segment: TimelineSegment }>();
  const states: SequenceState[] = [];
  const waits: SequenceWait[] = [];
  let y = GAP.top;
  let previous: Moment | undefined;
  for (const moment of moments) {
    if (previous !== undefined) {
      const waited = moment.time - previous.time;
      // A reply leaves where the segment it answers arrived: no extra row.
      const reply = moment.kind === 'send' && previous.kind === 'arrive' && previous.side === moment.side && previous.time === moment.time;
      const least = reply ? 0 : moment.kind === 'state' || previous.kind === 'state' ? GAP.state : GAP.row;
      if (waited > LONG_WAIT_MS) {
        y += GAP.wait / 2;
        waits.push({ y: round(y), label: `${formatDuration(waited)} later` });
        y += Math.max(GAP.wait / 2, least);
      } else {
        y += Math.max(least, waited * SCALE);
      }
    }
    if (moment.kind === 'arrive') {
      const arrow = arrows.get(moment.segment.index)!;
      y = Math.max(y, arrow.from.y + GAP.drop);
      arrow.to = { x: LANE[moment.side], y };
    } else if (moment.kind === 'send') {
      arrows.set(moment.segment.index, { from: { x: LANE[moment.side], y }, segment: moment.segment });
    } else {
      states.push({ id: `chg-${moment.index}`, side: moment.side, state: moment.change.to, at: { x: LANE[moment.side], y } });
    }
    previous = moment;
  }
  const height = Math.ceil(y + GAP.bottom + 10);

  const drawn = [...arrows.values()].map(({ from, to, segment }) => arrowFor(segment, from, to!));
  placeLabels(drawn);
  // Segments that leave together share one time label.
  const times = drawn.map((arrow) => arrow.time);
  drawn.forEach((arrow, i) => {
    if (i > 0 && times[i - 1] === times[i]) arrow.time = '';
  });
  const first = steps[0];
  const before = first ? statesBefore(timeline, first) : { client: 'CLOSED', server: 'CLOSED' };
  return {
    height,
    arrows: drawn,
    states,
    waits,
    initial: before,
    parts: [...drawn.map((a) => a.id), ...states.map((s) => s.id)],
  };
}

/** Where along its arrow a label may sit (fraction of the way), best first; a lost segment's stays before its cross. */
const LABEL_SPOTS = [0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74];
const LOST_LABEL_SPOTS = [0.28, 0.22, 0.16];
/** Room kept around a label, viewBox units. */
const LABEL_CLEARANCE = 2;

/**
 * Slides each label along its arrow to the first spot where it touches no other
 * arrow, cross or label: back-to-back segments run parallel and close, and a reply
 * can cross a segment still in flight.
 */
function placeLabels(arrows: SequenceArrow[]): void {
  const obstacles = arrows.flatMap((a) => [
    ...pointsOf(a.line).map((p) => ({ owner: a, p, onLine: true })),
    ...(a.cross ? crossPoints(a.cross) : []).map((p) => ({ owner: a, p, onLine: false })),
  ]);
  const placed: { owner: SequenceArrow; box: LabelBox }[] = [];
  for (const arrow of arrows) {
    // Above the line first; below it (lifted the other way, past the text's height) if nothing above is clear.
    const along = arrow.segment.lost ? LOST_LABEL_SPOTS : LABEL_SPOTS;
    const spots = [ARROW_LABEL.lift, -ARROW_LABEL.lift - ARROW_LABEL.fontSize * 0.8].flatMap((lift) => along.map((t) => labelAt(arrow.from, arrow.to, t, lift)));
    const clear = spots.find((at) => {
      const box = labelBox(arrow.label, at, arrow.angle, LABEL_CLEARANCE);
      return !obstacles.some((o) => (o.owner !== arrow || !o.onLine) && box.contains(o.p)) && !placed.some((other) => other.box.corners.some((c) => box.contains(c)) || box.corners.some((c) => other.box.contains(c)));
    });
    arrow.labelAt = clear ?? spots[0]!;
    placed.push({ owner: arrow, box: labelBox(arrow.label, arrow.labelAt, arrow.angle, 0) });
  }
}

/** A label's rectangle: text of `label` centred at `at`, rotated by `angle` degrees, its baseline at `at`. */
interface LabelBox {
  contains(p: Point): boolean;
  corners: Point[];
}

function labelBox(label: string, at: Point, angle: number, margin: number): LabelBox {
  // 0.6 em a character is generous for a sans-serif face; glyphs reach 0.8 em above the baseline and 0.25 em below.
  const half = { u: (label.length * 0.6 * ARROW_LABEL.fontSize) / 2 + margin, v: 0.525 * ARROW_LABEL.fontSize + margin };
  const theta = (angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(theta), Math.sin(theta)];
  const centre = { x: at.x + 0.275 * ARROW_LABEL.fontSize * sin, y: at.y - 0.275 * ARROW_LABEL.fontSize * cos };
  const corners = [-1, 1].flatMap((su) => [-1, 1].map((sv) => ({ x: centre.x + su * half.u * cos - sv * half.v * sin, y: centre.y + su * half.u * sin + sv * half.v * cos })));
  return {
    corners,
    contains: (p) => {
      const [dx, dy] = [p.x - centre.x, p.y - centre.y];
      return Math.abs(dx * cos + dy * sin) <= half.u && Math.abs(-dx * sin + dy * cos) <= half.v;
    },
  };
}

/** The centre and arm ends of a loss cross (arms of ±CROSS_ARM). */
export function crossPoints(at: Point): Point[] {
  return [at, ...[-1, 1].flatMap((sx) => [-1, 1].map((sy) => ({ x: at.x + sx * CROSS_ARM, y: at.y + sy * CROSS_ARM })))];
}

/** Half the size of the cross that marks a lost segment, viewBox units. */
export const CROSS_ARM = 6;

/** Points every unit along a line, to test it against label boxes. */
function pointsOf(line: SequenceArrow['line']): Point[] {
  const n = Math.max(1, Math.ceil(Math.hypot(line.x2 - line.x1, line.y2 - line.y1)));
  return Array.from({ length: n + 1 }, (_, i) => ({ x: line.x1 + ((line.x2 - line.x1) * i) / n, y: line.y1 + ((line.y2 - line.y1) * i) / n }));
}

/** The label's baseline position `t` of the way along an arrow, `lift` off the line (positive: towards the top of the page). */
function labelAt(from: Point, to: Point, t: number, lift = ARROW_LABEL.lift): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const normal = dx > 0 ? { x: dy / length, y: -dx / length } : { x: -dy / length, y: dx / length };
  return { x: round(from.x + dx * t + normal.x * lift), y: round(from.y + dy * t + normal.y * lift) };
}

function order(moment: Moment): number {
  return moment.kind === 'state' ? moment.index : moment.segment.index;
}

/** The states in force just before `step`. */
function statesBefore(timeline: Timeline, step: TimelineStep): { client: string; server: string } {
  const i = timeline.steps.indexOf(step);
  if (i > 0) return timeline.steps[i - 1]!.after;
  return { client: 'CLOSED', server: 'CLOSED' };
}

function arrowFor(segment: TimelineSegment, from: Point, to: Point): SequenceArrow {
  const label = arrowLabel(segment);
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const angle = round((Math.atan2(dy, dx) * 180) / Math.PI);
  // Text reads left to right: an arrow going left gets its label turned half a circle.
  const textAngle = dx < 0 ? angle - 180 : angle;
  const time = formatMs(segment.sentAt);
  const base = { id: `seg-${segment.index}`, segment, from, to, label, angle: textAngle, time };
  if (segment.lost) {
    const stop = { x: round(from.x + dx * 0.55), y: round(from.y + dy * 0.55) };
    return { ...base, line: { x1: from.x, y1: from.y, x2: stop.x, y2: stop.y }, cross: stop, labelAt: labelAt(from, to, LOST_LABEL_SPOTS[0]!) };
  }
  const { line, head } = arrowGeometry({ from, to });
  return { ...base, line, head, labelAt: labelAt(from, to, LABEL_SPOTS[0]!) };
}

/** The label on an arrow: flags and the numbers relative to each side's ISN. */
export function arrowLabel(segment: TimelineSegment): string {
  const parts = [segment.flags, `seq=${segment.relSeq}`];
  if (segment.relAck !== undefined) parts.push(`ack=${segment.relAck}`);
  if (segment.length > 0) parts.push(`len=${segment.length}`);
  return parts.join(' ');
}

/** "170.2" */
function formatMs(ms: number): string {
  return (Math.round(ms * 10) / 10).toFixed(1);
}

/** "1.0 s", "850 ms" */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 9500 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

// ---------------------------------------------------------------------------
// Step texts

/** Everything a step's text needs to know about the run around it. */
interface Context {
  timeline: Timeline;
  step: TimelineStep;
}

/** One StepThrough step per timeline step, with the parts of both diagrams it lights up. */
export function timelineSteps(timeline: Timeline, steps: readonly TimelineStep[], withMachine: boolean): Step[] {
  return steps.map((step) => {
    const { title, text } = describeStep({ timeline, step });
    const active: string[] = [];
    if (step.segment) active.push(`seg-${step.segment.index}`);
    for (const change of step.changes) active.push(`chg-${timeline.changes.indexOf(change)}`);
    if (withMachine) {
      for (const change of step.changes) active.push(edgeId(change));
      const nodes = machineNodes(timeline, step);
      active.push(nodes.client, nodes.server);
      active.push(...badgeIds(timeline, step));
    }
    const states = `Now: client \`${step.after.client}\`, server \`${step.after.server}\`.`;
    return { title, text: `${text} ${states}`, active: [...new Set(active)] };
  });
}

/** The `data-part` ids of the two badges that mark, on the state machine, where each side is after `step`. */
export function badgeIds(timeline: Timeline, step: TimelineStep): [string, string] {
  const i = timeline.steps.indexOf(step);
  return [`badge-client-${i}`, `badge-server-${i}`];
}

/** Which state-machine box each side is in after `step`. */
export function machineNodes(timeline: Timeline, step: TimelineStep): Record<Side, string> {
  const upTo = timeline.steps.slice(0, timeline.steps.indexOf(step) + 1).flatMap((s) => s.changes);
  const last = (side: Side) => upTo.filter((c) => c.side === side).at(-1);
  return { client: nodeAfter(step.after.client, last('client')), server: nodeAfter(step.after.server, last('server')) };
}

const SIDE_NAME: Record<Side, string> = { client: 'client', server: 'server' };

/** "`ESTABLISHED → FIN-WAIT-1`" */
function arrow(change: SideChange): string {
  return `\`${change.from} → ${change.to}\``;
}

function changeOf(step: TimelineStep, side: Side): SideChange | undefined {
  return step.changes.find((c) => c.side === side);
}

/** Title and text for one step, written from its numbers. */
export function describeStep({ timeline, step }: Context): { title: string; text: string } {
  const segment = step.segment;
  if (!segment) {
    const change = step.changes[0]!;
    if (change.event === 'passive-open') {
      return {
        title: 'The server listens',
        text: `The shop’s server calls \`listen()\` on port 80, a passive open: ${arrow(change)}. It sends nothing and waits for a SYN. The phone has no connection yet.`,
      };
    }
    if (change.event === 'time-wait-timeout') {
      return {
        title: 'TIME-WAIT ends',
        text: `${formatDuration(timeline.timeWaitMs)} after it entered TIME-WAIT — twice the maximum segment lifetime (2 × MSL) with the lab’s settings — the client forgets the connection: ${arrow(change)}. No segment marks the moment.`,
      };
    }
    return { title: `${SIDE_NAME[change.side]}: ${change.from} → ${change.to}`, text: `${arrow(change)}.` };
  }

  const from = segment.from;
  const to = other(from);
  const Sender = from === 'client' ? 'The client' : 'The server';
  const receiver = to === 'client' ? 'the client' : 'the server';
  const senderChange = changeOf(step, from);
  const receiverChange = changeOf(step, to);
  const on = receiverChange ? ` On arrival ${receiver} moves ${arrow(receiverChange)}.` : '';
  const sequenceLength = segment.length + (segment.SYN ? 1 : 0) + (segment.FIN ? 1 : 0);
  const next = (segment.seq + sequenceLength) % 2 ** 32;
  const wire = `\`${segment.flags} seq=${segment.seq}${segment.ack !== undefined ? ` ack=${segment.ack}` : ''} win=${segment.window}${segment.length ? ` len=${segment.length}` : ''}\``;

  if (segment.SYN && !segment.ACK) {
    return {
      title: 'Client → server: SYN',
      text: `The app calls \`connect()\`: ${senderChange ? arrow(senderChange) : 'SYN-SENT'}. The client picks a random initial sequence number, ISN = ${segment.seq}, and sends ${wire}. The ACK flag is clear, so there is no acknowledgment number to read. A SYN carries no data but takes one sequence number: the client’s first byte of data will be ${next}.${on}`,
    };
  }
  if (segment.SYN && segment.ACK) {
    return {
      title: 'Server → client: SYN|ACK',
      text: `The server picks its own random ISN, ${segment.seq}, and answers ${wire}. Its acknowledgment number is the client’s ISN + 1 = ${segment.ack}: the next sequence number it expects, since the client’s SYN took one. Both flags are set in one segment: the server’s SYN and its ACK of the client’s SYN.${on}`,
    };
  }
  if (step.phase === 'open') {
    return {
      title: 'Client → server: ACK',
      text: `The client acknowledges the server’s SYN: ${wire}, with ack = the server’s ISN + 1. It carries no data, so it takes no sequence number, and the client’s next segment starts at the same seq. That is the third segment of the three-way handshake: each side has sent its ISN and seen it acknowledged.${on}`,
    };
  }
  if (segment.FIN) {
    const why = senderChange?.event === 'close' ? `${from === 'client' ? 'The app has the whole response and' : 'The server’s application has nothing more to say and'} calls \`close()\`: ${arrow(senderChange)}. ` : '';
    return {
      title: `${capitalize(from)} → ${to}: FIN`,
      text: `${why}${Sender} sends ${wire}. Like a SYN, a FIN takes one sequence number, so the ACK of it will be ${next}. It says “no more data from me”; the other direction stays open until its own FIN.${on}`,
    };
  }
  if (segment.lost) {
    const count = timeline.segments.filter((s) => s.from === from && s.sentAt === segment.sentAt && s.length > 0).length;
    return {
      title: `${capitalize(from)} → ${to}: data, lost`,
      text: `${Sender} writes its ${from === 'server' ? 'response' : 'request'}; the window allows ${count} segments at once, so they leave back to back. This one, ${wire}, holds bytes ${segment.relSeq}–${segment.relSeq + segment.length - 1} (relative). The link loses it: it never arrives, and nothing tells the sender so.`,
    };
  }
  if (segment.retransmission) {
    const timeout = segment.sentAt - firstSentAt(timeline, segment);
    return {
      title: `${capitalize(from)} retransmits after the timeout`,
      text: `No ACK has covered the oldest unacknowledged segment for ${formatDuration(timeout)} — the retransmission timeout, RTO (RFC 6298 recommends 1 s to start with). ${Sender}’s timer fires: it sends that segment again, ${wire}, and doubles its RTO (exponential backoff). It arrives and fills the gap.${on}`,
    };
  }
  if (segment.length > 0) {
    const gap = gapBefore(timeline, segment);
    const what = from === 'client' ? 'the search request' : 'the response';
    if (gap) {
      return {
        title: `${capitalize(from)} → ${to}: data after a gap`,
        text: `${wire}: bytes ${segment.relSeq}–${segment.relSeq + segment.length - 1} of ${what} arrive, but bytes from ${gap} on are still missing. ${capitalize(receiver)}’s reassembler keeps them in its buffer; it cannot pass them to the application, which reads only in order.${on}`,
      };
    }
    return {
      title: `${capitalize(from)} → ${to}: data`,
      text: `${what === 'the search request' ? 'The app writes the search request' : 'The response'}: ${wire}, ${segment.length} bytes starting with \`${segment.preview}\`. Every segment after the SYN has the ACK flag set; here \`ack=${segment.ack}\` just repeats what the ${from} has received so far. Its bytes take sequence numbers ${segment.seq} to ${(segment.seq + segment.length - 1) % 2 ** 32}.${on}`,
    };
  }
  // A pure ACK.
  if (segment.duplicateAck > 0) {
    const nth = ['first', 'second', 'third'][segment.duplicateAck - 1] ?? `${segment.duplicateAck}th`;
    const fast =
      segment.duplicateAck === 3
        ? ' Three duplicates are the signal for fast retransmit (RFC 5681 §3.2): Linux would resend the missing segment right now instead of waiting. The lab’s sender has no fast retransmit, so it waits for its timer.'
        : '';
    return {
      title: `Duplicate ACK ${segment.duplicateAck}`,
      text: `${Sender} received data beyond the gap, and an acknowledgment can only name the first byte still missing: ${wire} again, the ${nth} duplicate ACK.${fast}`,
    };
  }
  if (receiverChange?.event === 'rcv-ack-of-fin') {
    const lastWord =
      receiverChange.to === 'CLOSED'
        ? ` The server is done. The client is not: it stays in TIME-WAIT, because if this ACK were lost the server would send its FIN again, and someone must be there to acknowledge it.`
        : ` The client’s direction is closed; it waits for the server’s FIN, while the server may still send data.`;
    return {
      title: `${capitalize(from)} → ${to}: ACK of the FIN`,
      text: `${wire}: ack = the FIN’s seq + 1.${on}${lastWord}`,
    };
  }
  const acked = bytesAcknowledged(timeline, segment);
  const previous = timeline.segments.filter((s) => s.from === from && s.index < segment.index).at(-1);
  if (previous && previous.duplicateAck > 0) {
    return {
      title: `${capitalize(from)} → ${to}: the gap is filled`,
      text: `With the missing bytes in, the reassembler pushes everything it held into the stream at once, and the acknowledgment jumps by ${acked}: ${wire}. One cumulative ACK covers the retransmitted segment and the ${previous.duplicateAck} that had overtaken it. The window, ${segment.window}, is smaller by the bytes the application has not read yet.`,
    };
  }
  const unread = segment.window < maxWindow(timeline, from) ? ` The window is ${segment.window}: the bytes sit in the ${from}’s buffer until its application reads them.` : '';
  return {
    title: `${capitalize(from)} → ${to}: ACK`,
    text: `${wire}. The ACK flag says the acknowledgment number is valid; the number itself, ${segment.ack}, is the next byte the ${from} expects${acked > 0 ? ` — ${acked} more than it last acknowledged` : ''}. It carries no data and takes no sequence number.${unread}`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** When the segment a retransmission repeats was first sent. */
function firstSentAt(timeline: Timeline, segment: TimelineSegment): number {
  return timeline.segments.find((s) => s.from === segment.from && s.seq === segment.seq && s.length === segment.length)?.sentAt ?? segment.sentAt;
}

/** The first missing relative byte the receiver has when `segment` arrives, if it lands beyond a gap. */
function gapBefore(timeline: Timeline, segment: TimelineSegment): number | undefined {
  // Bytes delivered before this one arrives, from the same sender.
  const earlier = timeline.segments.filter((s) => s.from === segment.from && !s.lost && s.arrivedAt < segment.arrivedAt && (s.length > 0 || s.SYN));
  let next = 1;
  const ranges = earlier.map((s) => [s.relSeq, s.relSeq + s.length] as const).sort((a, b) => a[0] - b[0]);
  for (const [start, end] of ranges) if (start <= next) next = Math.max(next, end);
  return segment.relSeq > next ? next : undefined;
}

/** How many more sequence numbers this ACK covers than the previous ACK from the same side. */
function bytesAcknowledged(timeline: Timeline, segment: TimelineSegment): number {
  const earlier = timeline.segments.filter((s) => s.from === segment.from && s.index < segment.index && s.relAck !== undefined);
  const last = earlier.at(-1);
  return last && segment.relAck !== undefined ? segment.relAck - last.relAck! : 0;
}

function maxWindow(timeline: Timeline, side: Side): number {
  return Math.max(...timeline.segments.filter((s) => s.from === side).map((s) => s.window));
}
