/**
 * Turns the TCP timeline (tcp-timeline.ts) into what <TcpTimeline> draws: a sequence
 * diagram — client and server side by side, one arrow per segment, the states each
 * side enters written on its line — and one StepThrough step per segment, whose text
 * is written from the segment's own numbers. The layout follows the order things
 * happened in rather than a time scale, so a 1 s timeout or 10 s of TIME-WAIT does not
 * stretch the picture; long waits are marked where they occur.
 */
import { arrowGeometry, type Point } from '../../components/svg.ts';
import type { Locale } from '../../../course/locale.ts';
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
  /** How long the wait was; the figure labels it in its language (TIMELINE_FIGURE_WORDS). */
  waitedMs: number;
  y: number;
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
        waits.push({ y: round(y), waitedMs: waited });
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

/** A step's words in one language, case by case; `wire` is the segment as code, `on` what the receiver's state did. */
interface TimelineWords {
  duration: (ms: number) => string;
  side: Record<Side, string>;
  on: (receiver: Side, arrow: string) => string;
  now: (client: string, server: string) => string;
  listens: (arrow: string) => Pick<Step, 'title' | 'text'>;
  timeWaitEnds: (duration: string, arrow: string) => Pick<Step, 'title' | 'text'>;
  moves: (side: string, from: string, to: string, arrow: string) => Pick<Step, 'title' | 'text'>;
  syn: (connect: string, isn: number, wire: string, next: number, on: string) => Pick<Step, 'title' | 'text'>;
  synAck: (isn: number, wire: string, ack: number, on: string) => Pick<Step, 'title' | 'text'>;
  handshakeAck: (wire: string, on: string) => Pick<Step, 'title' | 'text'>;
  closes: (from: Side, arrow: string) => string;
  fin: (from: Side, to: Side, why: string, wire: string, next: number, on: string) => Pick<Step, 'title' | 'text'>;
  lost: (from: Side, to: Side, count: number, wire: string, first: number, last: number) => Pick<Step, 'title' | 'text'>;
  retransmits: (from: Side, timeout: string, wire: string, on: string) => Pick<Step, 'title' | 'text'>;
  afterGap: (from: Side, to: Side, wire: string, first: number, last: number, gap: number, on: string) => Pick<Step, 'title' | 'text'>;
  data: (from: Side, to: Side, wire: string, length: number, preview: string, ack: number, seq: number, lastSeq: number, on: string) => Pick<Step, 'title' | 'text'>;
  duplicateAck: (from: Side, n: number, wire: string) => Pick<Step, 'title' | 'text'>;
  fastRetransmit: string;
  ackOfFin: (from: Side, to: Side, wire: string, on: string, serverDone: boolean) => Pick<Step, 'title' | 'text'>;
  gapFilled: (from: Side, to: Side, acked: number, wire: string, overtaken: number, window: number) => Pick<Step, 'title' | 'text'>;
  ack: (from: Side, to: Side, wire: string, ackno: number, acked: number, unreadWindow: number | undefined) => Pick<Step, 'title' | 'text'>;
}

const TIMELINE_WORDS: Record<Locale, TimelineWords> = {
  en: {
    duration: formatDuration,
    side: { client: 'client', server: 'server' },
    on: (receiver, arrow) => ` On arrival the ${receiver} moves ${arrow}.`,
    now: (client, server) => ` Now: client \`${client}\`, server \`${server}\`.`,
    listens: (arrow) => ({
      title: 'The server listens',
      text: `The shop’s server calls \`listen()\` on port 80, a passive open: ${arrow}. It sends nothing and waits for a SYN. The phone has no connection yet.`,
    }),
    timeWaitEnds: (duration, arrow) => ({
      title: 'TIME-WAIT ends',
      text: `${duration} after it entered TIME-WAIT — twice the maximum segment lifetime (2 × MSL) with the lab’s settings — the client forgets the connection: ${arrow}. No segment marks the moment.`,
    }),
    moves: (side, from, to, arrow) => ({ title: `${side}: ${from} → ${to}`, text: `${arrow}.` }),
    syn: (connect, isn, wire, next, on) => ({
      title: 'Client → server: SYN',
      text: `The app calls \`connect()\`: ${connect}. The client picks a random initial sequence number, ISN = ${isn}, and sends ${wire}. The ACK flag is clear, so there is no acknowledgment number to read. A SYN carries no data but takes one sequence number: the client’s first byte of data will be ${next}.${on}`,
    }),
    synAck: (isn, wire, ack, on) => ({
      title: 'Server → client: SYN|ACK',
      text: `The server picks its own random ISN, ${isn}, and answers ${wire}. Its acknowledgment number is the client’s ISN + 1 = ${ack}: the next sequence number it expects, since the client’s SYN took one. Both flags are set in one segment: the server’s SYN and its ACK of the client’s SYN.${on}`,
    }),
    handshakeAck: (wire, on) => ({
      title: 'Client → server: ACK',
      text: `The client acknowledges the server’s SYN: ${wire}, with ack = the server’s ISN + 1. It carries no data, so it takes no sequence number, and the client’s next segment starts at the same seq. That is the third segment of the three-way handshake: each side has sent its ISN and seen it acknowledged.${on}`,
    }),
    closes: (from, arrow) => `${from === 'client' ? 'The app has the whole response and' : 'The server’s application has nothing more to say and'} calls \`close()\`: ${arrow}. `,
    fin: (from, to, why, wire, next, on) => ({
      title: `${capitalize(from)} → ${to}: FIN`,
      text: `${why}${from === 'client' ? 'The client' : 'The server'} sends ${wire}. Like a SYN, a FIN takes one sequence number, so the ACK of it will be ${next}. It says “no more data from me”; the other direction stays open until its own FIN.${on}`,
    }),
    lost: (from, to, count, wire, first, last) => ({
      title: `${capitalize(from)} → ${to}: data, lost`,
      text: `${from === 'client' ? 'The client' : 'The server'} writes its ${from === 'server' ? 'response' : 'request'}; the window allows ${count} segments at once, so they leave back to back. This one, ${wire}, holds bytes ${first}–${last} (relative). The link loses it: it never arrives, and nothing tells the sender so.`,
    }),
    retransmits: (from, timeout, wire, on) => ({
      title: `${capitalize(from)} retransmits after the timeout`,
      text: `No ACK has covered the oldest unacknowledged segment for ${timeout} — the retransmission timeout, RTO (RFC 6298 recommends 1 s to start with). ${from === 'client' ? 'The client' : 'The server'}’s timer fires: it sends that segment again, ${wire}, and doubles its RTO (exponential backoff). It arrives and fills the gap.${on}`,
    }),
    afterGap: (from, to, wire, first, last, gap, on) => ({
      title: `${capitalize(from)} → ${to}: data after a gap`,
      text: `${wire}: bytes ${first}–${last} of ${from === 'client' ? 'the search request' : 'the response'} arrive, but bytes from ${gap} on are still missing. ${capitalize(`the ${to}`)}’s reassembler keeps them in its buffer; it cannot pass them to the application, which reads only in order.${on}`,
    }),
    data: (from, to, wire, length, preview, ack, seq, lastSeq, on) => ({
      title: `${capitalize(from)} → ${to}: data`,
      text: `${from === 'client' ? 'The app writes the search request' : 'The response'}: ${wire}, ${length} bytes starting with \`${preview}\`. Every segment after the SYN has the ACK flag set; here \`ack=${ack}\` just repeats what the ${from} has received so far. Its bytes take sequence numbers ${seq} to ${lastSeq}.${on}`,
    }),
    duplicateAck: (from, n, wire) => ({
      title: `Duplicate ACK ${n}`,
      text: `${from === 'client' ? 'The client' : 'The server'} received data beyond the gap, and an acknowledgment can only name the first byte still missing: ${wire} again, the ${['first', 'second', 'third'][n - 1] ?? `${n}th`} duplicate ACK.`,
    }),
    fastRetransmit:
      ' Three duplicates are the signal for fast retransmit (RFC 5681 §3.2): Linux would resend the missing segment right now instead of waiting. The lab’s sender has no fast retransmit, so it waits for its timer.',
    ackOfFin: (from, to, wire, on, serverDone) => ({
      title: `${capitalize(from)} → ${to}: ACK of the FIN`,
      text: `${wire}: ack = the FIN’s seq + 1.${on}${
        serverDone
          ? ' The server is done. The client is not: it stays in TIME-WAIT, because if this ACK were lost the server would send its FIN again, and someone must be there to acknowledge it.'
          : ' The client’s direction is closed; it waits for the server’s FIN, while the server may still send data.'
      }`,
    }),
    gapFilled: (from, to, acked, wire, overtaken, window) => ({
      title: `${capitalize(from)} → ${to}: the gap is filled`,
      text: `With the missing bytes in, the reassembler pushes everything it held into the stream at once, and the acknowledgment jumps by ${acked}: ${wire}. One cumulative ACK covers the retransmitted segment and the ${overtaken} that had overtaken it. The window, ${window}, is smaller by the bytes the application has not read yet.`,
    }),
    ack: (from, to, wire, ackno, acked, unreadWindow) => ({
      title: `${capitalize(from)} → ${to}: ACK`,
      text: `${wire}. The ACK flag says the acknowledgment number is valid; the number itself, ${ackno}, is the next byte the ${from} expects${acked > 0 ? ` — ${acked} more than it last acknowledged` : ''}. It carries no data and takes no sequence number.${
        unreadWindow !== undefined ? ` The window is ${unreadWindow}: the bytes sit in the ${from}’s buffer until its application reads them.` : ''
      }`,
    }),
  },
  'zh-cn': {
    duration: (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 9500 ? 0 : 1)} 秒` : `${Math.round(ms)} 毫秒`),
    side: { client: '客户端', server: '服务器' },
    on: (receiver, arrow) => `${ZH_SIDE[receiver]}收到后转入 ${arrow}。`,
    now: (client, server) => `现在：客户端 \`${client}\`，服务器 \`${server}\`。`,
    listens: (arrow) => ({
      title: '服务器开始监听',
      text: `商店的服务器在 80 端口上调用 \`listen()\`，即被动打开：${arrow}。它什么都不发送，只等待 SYN。手机这边还没有连接。`,
    }),
    timeWaitEnds: (duration, arrow) => ({
      title: 'TIME-WAIT 结束',
      text: `进入 TIME-WAIT ${duration}之后——按实验的设置，这是最大报文段寿命的两倍（2 × MSL）——客户端忘掉这条连接：${arrow}。这一刻没有任何报文段标记。`,
    }),
    moves: (side, from, to, arrow) => ({ title: `${side}：${from} → ${to}`, text: `${arrow}。` }),
    syn: (connect, isn, wire, next, on) => ({
      title: '客户端 → 服务器：SYN',
      text: `应用调用 \`connect()\`：${connect}。客户端随机选择一个初始序列号 ISN = ${isn}，发送 ${wire}。ACK 标志没有置位，所以没有确认号可读。SYN 不携带数据，但占用一个序列号：客户端第一个数据字节的序列号将是 ${next}。${on}`,
    }),
    synAck: (isn, wire, ack, on) => ({
      title: '服务器 → 客户端：SYN|ACK',
      text: `服务器选择自己的随机 ISN ${isn}，并回复 ${wire}。它的确认号是客户端的 ISN + 1 = ${ack}：因为客户端的 SYN 占用了一个序列号，这是它期望的下一个序列号。两个标志在同一个报文段中置位：服务器自己的 SYN，以及对客户端 SYN 的 ACK。${on}`,
    }),
    handshakeAck: (wire, on) => ({
      title: '客户端 → 服务器：ACK',
      text: `客户端确认服务器的 SYN：${wire}，ack = 服务器的 ISN + 1。它不携带数据，所以不占用序列号，客户端的下一个报文段从同一个 seq 开始。这就是三次握手的第三个报文段：双方都已发出自己的 ISN，并看到它被确认。${on}`,
    }),
    closes: (from, arrow) => `${from === 'client' ? '应用已经收到完整的响应，' : '服务器的应用没有更多要说的，'}调用 \`close()\`：${arrow}。`,
    fin: (from, to, why, wire, next, on) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：FIN`,
      text: `${why}${ZH_SIDE[from]}发送 ${wire}。和 SYN 一样，FIN 占用一个序列号，所以对它的 ACK 将是 ${next}。它表示“我这边没有更多数据了”；另一个方向保持打开，直到对方发出自己的 FIN。${on}`,
    }),
    lost: (from, to, count, wire, first, last) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：数据，丢失`,
      text: `${ZH_SIDE[from]}写出它的${from === 'server' ? '响应' : '请求'}；窗口允许同时发出 ${count} 个报文段，于是它们一个接一个地发出。这一个 ${wire} 携带第 ${first}–${last} 字节（相对编号）。链路把它弄丢了：它永远不会到达，也没有任何东西通知发送方。`,
    }),
    retransmits: (from, timeout, wire, on) => ({
      title: `${ZH_SIDE[from]}在超时后重传`,
      text: `最早的未确认报文段已经 ${timeout}没有被任何 ACK 覆盖——这就是重传超时（RTO），RFC 6298 建议初始值为 1 秒。${ZH_SIDE[from]}的计时器触发：它再次发送那个报文段 ${wire}，并把 RTO 翻倍（指数退避）。这次它到达了，填上了空缺。${on}`,
    }),
    afterGap: (from, to, wire, first, last, gap, on) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：空缺之后的数据`,
      text: `${wire}：${from === 'client' ? '搜索请求' : '响应'}的第 ${first}–${last} 字节到达，但从第 ${gap} 字节起仍有缺失。${ZH_SIDE[to]}的重组器把它们留在缓冲区里；它还不能把它们交给应用，因为应用只能按顺序读取。${on}`,
    }),
    data: (from, to, wire, length, preview, ack, seq, lastSeq, on) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：数据`,
      text: `${from === 'client' ? '应用写出搜索请求' : '响应'}：${wire}，${length} 字节，以 \`${preview}\` 开头。SYN 之后的每个报文段都置位了 ACK 标志；这里的 \`ack=${ack}\` 只是重复${ZH_SIDE[from]}到目前为止收到的内容。它的字节占用序列号 ${seq} 到 ${lastSeq}。${on}`,
    }),
    duplicateAck: (from, n, wire) => ({
      title: `重复 ACK ${n}`,
      text: `${ZH_SIDE[from]}收到了空缺之后的数据，而确认号只能指出仍然缺失的第一个字节：再次发送 ${wire}，这是第 ${n} 个重复 ACK。`,
    }),
    fastRetransmit: '三个重复 ACK 是快速重传的信号（RFC 5681 §3.2）：Linux 会立即重发缺失的报文段，而不是等待。实验的发送方没有快速重传，所以它等待自己的计时器。',
    ackOfFin: (from, to, wire, on, serverDone) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：对 FIN 的 ACK`,
      text: `${wire}：ack = FIN 的 seq + 1。${on}${
        serverDone
          ? '服务器这边结束了。客户端还没有：它停留在 TIME-WAIT，因为如果这个 ACK 丢了，服务器会重发它的 FIN，必须有人在场确认它。'
          : '客户端这个方向已经关闭；它等待服务器的 FIN，而服务器仍然可以发送数据。'
      }`,
    }),
    gapFilled: (from, to, acked, wire, overtaken, window) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：空缺被填上`,
      text: `缺失的字节一到，重组器就把它暂存的所有内容一次性推入字节流，确认号一下子前进了 ${acked}：${wire}。一个累积 ACK 同时覆盖了重传的报文段和超到它前面的 ${overtaken} 个报文段。窗口 ${window} 变小了，差的是应用还没读取的字节。`,
    }),
    ack: (from, to, wire, ackno, acked, unreadWindow) => ({
      title: `${ZH_SIDE[from]} → ${ZH_SIDE[to]}：ACK`,
      text: `${wire}。ACK 标志表示确认号有效；这个号码 ${ackno} 就是${ZH_SIDE[from]}期望的下一个字节${acked > 0 ? `——比它上次确认的多 ${acked}` : ''}。它不携带数据，也不占用序列号。${
        unreadWindow !== undefined ? `窗口是 ${unreadWindow}：这些字节留在${ZH_SIDE[from]}的缓冲区里，直到它的应用读取它们。` : ''
      }`,
    }),
  },
};

/** The figure's other words in each language: the sequence diagram's and the state machine's names, and a wait's label. */
export const TIMELINE_FIGURE_WORDS: Record<
  Locale,
  { title: string; desc: string; client: string; server: string; later: (ms: number) => string; machineRegion: string; machineTitle: string; machineDesc: string; key: string; machineKey: string }
> = {
  en: {
    title: 'Segments between the client and the server',
    desc:
      "Client on the left, server on the right, time running down. Each arrow is one segment, labelled with its flags and its sequence and acknowledgment numbers relative to each side's initial sequence number; " +
      "a cross marks a segment the link lost. State names on a side's line show where that side enters a new state. The numbered steps describe every segment with its exact numbers.",
    client: 'Client',
    server: 'Server',
    key: 'Numbers on the arrows are relative to each side’s ISN, as Wireshark shows them; the steps give the raw 32-bit values.',
    machineKey: ' In the state machine, C marks the client and S the server.',
    later: (ms) => `${formatDuration(ms)} later`,
    machineRegion: 'The TCP state machine (scrolls sideways on a narrow screen)',
    machineTitle: 'The TCP state machine',
    machineDesc:
      "The states of RFC 9293 section 3.3.2 and the transitions of the lab's table between them, each labelled with what triggers it and what it sends. " +
      "Resets and aborts, which lead back to CLOSED from nearly every state, are not drawn. Markers C and S show the client's and the server's state at the current step.",
  },
  'zh-cn': {
    title: '客户端与服务器之间的报文段',
    desc:
      '左边是客户端，右边是服务器，时间从上往下走。每个箭头是一个报文段，标出了它的标志位，以及相对于各自初始序列号的序列号和确认号；叉号标出链路丢失的报文段。' +
      '一方竖线上的状态名表示该方在那里进入新状态。编号的步骤逐一说明每个报文段及其确切数值。',
    client: '客户端',
    server: '服务器',
    key: '箭头上的数字是相对于各自 ISN 的值，和 Wireshark 的显示方式一样；步骤中给出的是原始的 32 位数值。',
    machineKey: '状态机中，C 标记客户端，S 标记服务器。',
    later: (ms) => `${TIMELINE_WORDS['zh-cn'].duration(ms)}后`,
    machineRegion: 'TCP 状态机（窄屏上可横向滚动）',
    machineTitle: 'TCP 状态机',
    machineDesc:
      'RFC 9293 第 3.3.2 节的各个状态，以及实验状态表中它们之间的转换，每条转换都标出了触发它的事件和它发送的内容。' +
      '从几乎所有状态都能回到 CLOSED 的复位和中止没有画出。标记 C 和 S 表示当前步骤中客户端和服务器所处的状态。',
  },
};

/** The two sides in Chinese. */
const ZH_SIDE: Record<Side, string> = { client: '客户端', server: '服务器' };

/** One StepThrough step per timeline step, in `locale`, with the parts of both diagrams it lights up. */
export function timelineSteps(timeline: Timeline, steps: readonly TimelineStep[], withMachine: boolean, locale: Locale = 'en'): Step[] {
  const words = TIMELINE_WORDS[locale];
  return steps.map((step) => {
    const { title, text } = describeStep({ timeline, step }, words);
    const active: string[] = [];
    if (step.segment) active.push(`seg-${step.segment.index}`);
    for (const change of step.changes) active.push(`chg-${timeline.changes.indexOf(change)}`);
    if (withMachine) {
      for (const change of step.changes) active.push(edgeId(change));
      const nodes = machineNodes(timeline, step);
      active.push(nodes.client, nodes.server);
      active.push(...badgeIds(timeline, step));
    }
    return { title, text: `${text}${words.now(step.after.client, step.after.server)}`, active: [...new Set(active)] };
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

/** "`ESTABLISHED → FIN-WAIT-1`" */
function arrow(change: SideChange): string {
  return `\`${change.from} → ${change.to}\``;
}

function changeOf(step: TimelineStep, side: Side): SideChange | undefined {
  return step.changes.find((c) => c.side === side);
}

/** Title and text for one step, written from its numbers, in `words`' language (English by default). */
export function describeStep({ timeline, step }: Context, words: TimelineWords = TIMELINE_WORDS.en): { title: string; text: string } {
  const w = words;
  const segment = step.segment;
  if (!segment) {
    const change = step.changes[0]!;
    if (change.event === 'passive-open') return w.listens(arrow(change));
    if (change.event === 'time-wait-timeout') return w.timeWaitEnds(w.duration(timeline.timeWaitMs), arrow(change));
    return w.moves(w.side[change.side], change.from, change.to, arrow(change));
  }

  const from = segment.from;
  const to = other(from);
  const senderChange = changeOf(step, from);
  const receiverChange = changeOf(step, to);
  const on = receiverChange ? w.on(to, arrow(receiverChange)) : '';
  const sequenceLength = segment.length + (segment.SYN ? 1 : 0) + (segment.FIN ? 1 : 0);
  const next = (segment.seq + sequenceLength) % 2 ** 32;
  const wire = `\`${segment.flags} seq=${segment.seq}${segment.ack !== undefined ? ` ack=${segment.ack}` : ''} win=${segment.window}${segment.length ? ` len=${segment.length}` : ''}\``;

  if (segment.SYN && !segment.ACK) return w.syn(senderChange ? arrow(senderChange) : 'SYN-SENT', segment.seq, wire, next, on);
  if (segment.SYN && segment.ACK) return w.synAck(segment.seq, wire, segment.ack!, on);
  if (step.phase === 'open') return w.handshakeAck(wire, on);
  if (segment.FIN) return w.fin(from, to, senderChange?.event === 'close' ? w.closes(from, arrow(senderChange)) : '', wire, next, on);
  if (segment.lost) {
    const count = timeline.segments.filter((s) => s.from === from && s.sentAt === segment.sentAt && s.length > 0).length;
    return w.lost(from, to, count, wire, segment.relSeq, segment.relSeq + segment.length - 1);
  }
  if (segment.retransmission) return w.retransmits(from, w.duration(segment.sentAt - firstSentAt(timeline, segment)), wire, on);
  if (segment.length > 0) {
    const gap = gapBefore(timeline, segment);
    if (gap) return w.afterGap(from, to, wire, segment.relSeq, segment.relSeq + segment.length - 1, gap, on);
    return w.data(from, to, wire, segment.length, segment.preview, segment.ack!, segment.seq, (segment.seq + segment.length - 1) % 2 ** 32, on);
  }
  // A pure ACK.
  if (segment.duplicateAck > 0) {
    const words = w.duplicateAck(from, segment.duplicateAck, wire);
    return segment.duplicateAck === 3 ? { ...words, text: words.text + w.fastRetransmit } : words;
  }
  if (receiverChange?.event === 'rcv-ack-of-fin') return w.ackOfFin(from, to, wire, on, receiverChange.to === 'CLOSED');
  const acked = bytesAcknowledged(timeline, segment);
  const previous = timeline.segments.filter((s) => s.from === from && s.index < segment.index).at(-1);
  if (previous && previous.duplicateAck > 0) return w.gapFilled(from, to, acked, wire, previous.duplicateAck, segment.window);
  return w.ack(from, to, wire, segment.ack!, acked, segment.window < maxWindow(timeline, from) ? segment.window : undefined);
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
