/**
 * The TCP chapter's timeline: two of the TCP lab's reference endpoints
 * (labs/tcp/solution/connection.ts) talk across a netsim link — handshake, a search
 * request and its response with one segment lost and retransmitted, and the close
 * through TIME-WAIT. Every segment is read back from the simulator's trace and decoded
 * with the lab's codec; every state change is a row of the lab's TRANSITIONS table.
 * The chapter's sequence diagram and state machine are drawn from this, at build time.
 */
import { Topology, topology, type DeviceBehaviour, type DeviceContext, type TraceRecord } from '../../../netsim/index.ts';
import { TcpConnection } from '../../../../labs/tcp/solution/connection.ts';
import { findTransition } from '../../../../labs/tcp/solution/connection-states.ts';
import { decodeSegment, encodeSegment, type PseudoHeader } from '../../../../labs/tcp/given/segment-codec.ts';
import { segmentFlags, type Segment } from '../../../../labs/tcp/given/segment.ts';
import { SEQUENCE_SPACE } from '../../../../labs/tcp/solution/wrap32.ts';
import type { StateChange } from '../../../../labs/tcp/given/connection-types.ts';
import type { TcpEvent, TcpState } from '../../../../labs/tcp/given/state-types.ts';

/** Which end of the connection. */
export type Side = 'client' | 'server';

/** The settings of the run; the chapter uses DEFAULT_TIMELINE_OPTIONS. */
export interface TimelineOptions {
  /** One-way propagation delay of the link, ms. */
  delayMs: number;
  /** Link bandwidth, bit/s (sets how far apart back-to-back segments leave). */
  bandwidthBps: number;
  /** Probability that the link loses a frame, each direction. */
  loss: number;
  /** First netsim seed to try; seeds are tried upward until the run shows exactly one lost segment (see `findSeed`). */
  firstSeed: number;
  /** How many seeds to try before giving up. */
  seedsToTry: number;
  /** The server's time to compute its answer, ms, between reading the request and writing the response. */
  serverThinkMs: number;
  /** How long the server application takes to close after it reads the end of the request stream, ms. */
  serverCloseDelayMs: number;
}

/** A 50 ms one-way link (100 ms round trip) at 8 Mbit/s with 10 % loss: enough to lose one segment in a short run. */
export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = {
  delayMs: 50,
  bandwidthBps: 8_000_000,
  loss: 0.1,
  firstSeed: 1,
  seedsToTry: 5000,
  serverThinkMs: 20,
  serverCloseDelayMs: 10,
};

/** Addresses and ports of the run: the phone and the shop's load balancer from the DNS chapter. */
export const ENDPOINTS = {
  client: { ip: '192.0.2.10', port: 50123 },
  server: { ip: '203.0.113.10', port: 80 },
} as const;

/** One segment as it crossed the link. */
export interface TimelineSegment {
  /** 0-based, in the order segments were sent. */
  index: number;
  /** netsim's frame id. */
  frame: number;
  from: Side;
  /** Virtual ms when the sender handed it to the link. */
  sentAt: number;
  /** Virtual ms when it reached the other end, or when it would have, if lost. */
  arrivedAt: number;
  lost: boolean;
  /** Control bits, e.g. "SYN|ACK" (segmentFlags of the lab). */
  flags: string;
  SYN: boolean;
  FIN: boolean;
  /** True when the ACK bit is set (the acknowledgment number is meaningful). */
  ACK: boolean;
  /** Raw 32-bit sequence number. */
  seq: number;
  /** Raw 32-bit acknowledgment number, when the ACK bit is set. */
  ack?: number;
  /** Sequence number relative to the sender's ISN (what Wireshark shows by default). */
  relSeq: number;
  /** Acknowledgment number relative to the receiver's ISN. */
  relAck?: number;
  window: number;
  /** Payload bytes. */
  length: number;
  /** The payload's first line, for the step text. */
  preview: string;
  /** The same sequence numbers were sent before by the same side. */
  retransmission: boolean;
  /**
   * A duplicate ACK in the sense of RFC 5681 §2: no data, no SYN/FIN, the same
   * acknowledgment number and window as the previous segment from that side, while
   * data is outstanding. 1 for the first duplicate, 2 for the second…
   */
  duplicateAck: number;
}

/** A state change of one endpoint, tagged with the row of TRANSITIONS it took. */
export interface SideChange extends StateChange {
  side: Side;
  /** Virtual ms. */
  time: number;
}

/** Both endpoints' states. */
export interface States {
  client: TcpState;
  server: TcpState;
}

/** One step of the timeline: one segment, or a change without a segment (the server listening, TIME-WAIT ending). */
export interface TimelineStep {
  /** The segment of this step, if any. */
  segment?: TimelineSegment;
  /** State changes this step stands for: the sender's caused by the application just before sending, then the receiver's on arrival. */
  changes: SideChange[];
  /** Both endpoints' states once the step is done. */
  after: States;
  /** The phase of the connection the step belongs to. */
  phase: Phase;
  /** Virtual ms at which the step is done. */
  time: number;
}

/** Opening, transferring data, closing. */
export type Phase = 'open' | 'data' | 'close';

/** The whole run. */
export interface Timeline {
  /** The netsim seed of the run (the first that lost exactly one segment, of the response). */
  seed: number;
  options: TimelineOptions;
  isn: Record<Side, number>;
  segments: TimelineSegment[];
  steps: TimelineStep[];
  /** Every state change, in order. */
  changes: SideChange[];
  /** The request and the response, as sent. */
  request: Uint8Array;
  response: Uint8Array;
  /** How long TIME-WAIT lasted, ms. */
  timeWaitMs: number;
  /** Lines of netsim's trace, for a failure message. */
  trace: string;
}

const ADDRESSES: Record<Side, PseudoHeader> = {
  client: { source: ipv4Bytes(ENDPOINTS.client.ip), destination: ipv4Bytes(ENDPOINTS.server.ip) },
  server: { source: ipv4Bytes(ENDPOINTS.server.ip), destination: ipv4Bytes(ENDPOINTS.client.ip) },
};

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The search request the phone sends: the shopper typed "a". */
export const SEARCH_REQUEST = encoder.encode(
  'GET /api/search?q=a HTTP/1.1\r\nHost: www.shop.example\r\nAccept: application/json\r\nUser-Agent: ShopApp/5.2 (Android 15)\r\n\r\n',
);

/** The server's answer: a JSON page of products matching "a", long enough for four segments of the lab's 1000-byte MSS. */
export function searchResponse(): Uint8Array {
  const products: [string, string][] = [
    ['AirTag, 4 pack', 'Apple'], ['737 power bank 24,000 mAh', 'Anker'], ['Aeropress Clear coffee maker', 'Aeropress'],
    ['Gel-Nimbus 26 running shoes', 'Asics'], ['Uno R4 WiFi board', 'Arduino'], ['Atomic Habits, paperback', 'Avery'],
    ['8-cup rice cooker', 'Aroma'], ['Samba OG sneakers', 'Adidas'], ['ATH-M50x headphones', 'Audio-Technica'],
    ['Sport band for Apple Watch, 45 mm', 'Apple'], ['Aspire 5 laptop, 15.6"', 'Acer'], ['Precision cooker 3.0', 'Anova'],
    ['Atom hoody', 'Arc\'teryx'], ['10-inch fry pan', 'All-Clad'], ['USB-C cable, 2 m', 'Anker'],
  ];
  const results = products.map(([title, brand], i) => {
    const id = 100234 + i * 17;
    return {
      id,
      title,
      brand,
      price: { amount: Number((12.99 + ((i * 37) % 180)).toFixed(2)), currency: 'EUR' },
      rating: Number((3.9 + ((i * 7) % 11) / 10).toFixed(1)),
      reviews: 120 + ((i * 977) % 9000),
      image: `https://img.shop.example/p/${id}/400.webp`,
      inStock: i % 5 !== 3,
    };
  });
  const body = JSON.stringify({ query: 'a', page: 1, perPage: results.length, total: 48213, results });
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${encoder.encode(body).length}\r\nCache-Control: private, max-age=60\r\n\r\n`;
  return encoder.encode(head + body);
}

/** What the glue logs while the simulation runs. */
interface Log {
  sends: { side: Side; frame: number; cause: Cause }[];
  changes: (SideChange & { cause: Cause })[];
}

/** Why something happened: a segment arrived (netsim frame id), the application called the connection, or a timer fired. */
type Cause = { kind: 'arrival'; frame: number } | { kind: 'app'; id: number } | { kind: 'timer'; id: number };

/** Ticks the connections at most this far apart, in ms, while they have anything to time. */
const TICK_MS = 1;

/**
 * A netsim behaviour that drives one TcpConnection (sans-I/O) and its application:
 * frames in → `receive`, time → `tick`, `transmit` → frames out. Frames are the TCP
 * segments themselves, encoded with the lab's codec (the checksum covers the IPv4
 * pseudo-header of ENDPOINTS), since nothing on this link needs the layers below.
 */
class Endpoint implements DeviceBehaviour {
  readonly side: Side;
  readonly log: Log;
  readonly peer: () => Endpoint;
  readonly app: (endpoint: Endpoint, ctx: DeviceContext) => void;
  connection!: TcpConnection;
  isn = 0;
  #ctx!: DeviceContext;
  #cause: Cause = { kind: 'app', id: 0 };
  #causes = 0;
  #lastTick = 0;
  #ticking = false;
  readonly #mslMs: number | undefined;

  constructor(side: Side, log: Log, peer: () => Endpoint, app: (endpoint: Endpoint, ctx: DeviceContext) => void, mslMs?: number) {
    this.side = side;
    this.log = log;
    this.peer = peer;
    this.app = app;
    this.#mslMs = mslMs;
  }

  start(ctx: DeviceContext): void {
    this.#ctx = ctx;
    // RFC 9293 §3.4.1: the ISN must be unpredictable; here it comes from the device's seeded stream.
    this.isn = ctx.random.nextUint32();
    const options = this.#mslMs === undefined ? { isn: this.isn } : { isn: this.isn, mslMs: this.#mslMs };
    this.connection = new TcpConnection(options, (segment: Segment) => this.#transmit(segment));
    this.#lastTick = ctx.now;
  }

  onFrame(ctx: DeviceContext, _iface: string, frame: Uint8Array): void {
    this.#catchUp();
    // The trace's newest record is this frame's delivery: netsim adds it just before calling us.
    const delivered = ctx.device.sim.trace.at(-1);
    const frameId = delivered?.event === 'delivered' ? delivered.frame : -1;
    const { segment } = decodeSegment(frame, ADDRESSES[this.side === 'client' ? 'server' : 'client']).value;
    this.#with({ kind: 'arrival', frame: frameId }, () => this.connection.receive(segment));
    this.app(this, ctx);
    this.#keepTicking();
  }

  /** Runs `fn` as the application, so the glue knows why what follows happened. */
  act(fn: (connection: TcpConnection) => void): void {
    this.#catchUp();
    this.#with({ kind: 'app', id: ++this.#causes }, () => fn(this.connection));
    this.#keepTicking();
  }

  #with(cause: Cause, fn: () => void): void {
    const before = this.connection.history.length;
    this.#cause = cause;
    fn();
    for (const change of this.connection.history.slice(before)) {
      this.log.changes.push({ ...change, side: this.side, time: this.#ctx.now, cause });
    }
  }

  #transmit(segment: Segment): void {
    const ports = this.side === 'client'
      ? { source: ENDPOINTS.client.port, destination: ENDPOINTS.server.port }
      : { source: ENDPOINTS.server.port, destination: ENDPOINTS.client.port };
    this.#ctx.send('eth0', encodeSegment(segment, ports, ADDRESSES[this.side]));
    const trace = this.#ctx.device.sim.trace;
    // The link adds 'sent' (then perhaps 'duplicated') synchronously: find our record from the end.
    for (let i = -1; i >= -3; i--) {
      const record = trace.at(i);
      if (record?.event === 'sent') {
        this.log.sends.push({ side: this.side, frame: record.frame, cause: this.#cause });
        return;
      }
    }
    throw new Error('tcp-timeline: the link did not record a sent frame');
  }

  /** Brings the connection's clock up to netsim's. */
  #catchUp(): void {
    const now = this.#ctx.now;
    if (now > this.#lastTick) {
      const elapsed = now - this.#lastTick;
      this.#lastTick = now;
      this.#with({ kind: 'timer', id: ++this.#causes }, () => this.connection.tick(elapsed));
    }
  }

  /** Keeps a timer going while the connection has anything to time; netsim goes idle once both are CLOSED. */
  #keepTicking(): void {
    if (this.#ticking || this.connection.state === 'CLOSED' || this.connection.state === 'LISTEN') return;
    this.#ticking = true;
    this.#ctx.schedule(TICK_MS, () => {
      this.#ticking = false;
      this.#catchUp();
      this.app(this, this.#ctx);
      this.#keepTicking();
    });
  }
}

/** The result of one simulation, before it is turned into steps. */
interface Run {
  seed: number;
  topology: Topology;
  client: Endpoint;
  server: Endpoint;
  log: Log;
  request: Uint8Array;
  response: Uint8Array;
}

/** Runs the scenario once with `seed`. */
function simulate(seed: number, options: TimelineOptions): Run {
  const log: Log = { sends: [], changes: [] };
  const request = SEARCH_REQUEST;
  const response = searchResponse();
  let received = 0;
  let requestBytes = 0;
  let answered = false;
  let closing = false;

  const client: Endpoint = new Endpoint('client', log, () => server, (self) => {
    const connection = self.connection;
    // Write the request as soon as the connection is up.
    if (connection.state === 'ESTABLISHED' && connection.outbound.bytesPushed === 0) self.act((c) => c.write(request));
    const incoming = connection.inbound.bytesBuffered;
    if (incoming > 0) self.act((c) => void (received += c.read().length));
    // The whole response is in: the app closes its side (an active close: the client will wait in TIME-WAIT).
    if (received === response.length && connection.state === 'ESTABLISHED') self.act((c) => c.close());
  });
  const server: Endpoint = new Endpoint('server', log, () => client, (self, ctx) => {
    const connection = self.connection;
    if (connection.inbound.bytesBuffered > 0) self.act((c) => void (requestBytes += c.read().length));
    if (requestBytes === request.length && !answered) {
      answered = true;
      ctx.schedule(options.serverThinkMs, () => self.act((c) => c.write(response)));
    }
    // The client finished sending (its FIN arrived in order): close our side too.
    if (connection.inbound.isFinished && connection.state === 'CLOSE-WAIT' && !closing) {
      closing = true;
      ctx.schedule(options.serverCloseDelayMs, () => self.act((c) => c.close()));
    }
  });

  const net = topology({ seed })
    .host('client', { interfaces: { eth0: `${ENDPOINTS.client.ip}/24` }, behaviour: client })
    .host('server', { interfaces: { eth0: `${ENDPOINTS.server.ip}/24` }, behaviour: server })
    .link('client:eth0', 'server:eth0', { name: 'path', delayMs: options.delayMs, bandwidthBps: options.bandwidthBps, loss: options.loss });
  // Both behaviours start at t = 0; the server listens first, the client connects right after.
  net.sim.schedule(0, () => server.act((c) => c.listen()));
  net.sim.schedule(0, () => client.act((c) => c.connect()));
  net.run({ maxEvents: 100_000 });
  return { seed, topology: net, client, server, log, request, response };
}

/** The frames of a run: 'sent' records in order, each with its fate. */
function framesOf(run: Run): { sent: TraceRecord; end: TraceRecord }[] {
  const trace = run.topology.sim.trace;
  const ends = new Map<number, TraceRecord>();
  for (const record of trace) if (record.event === 'delivered' || record.event === 'lost') ends.set(record.frame, record);
  return trace.select({ event: 'sent' }).map((sent) => {
    const end = ends.get(sent.frame);
    if (end === undefined) throw new Error(`tcp-timeline: frame ${sent.frame} was sent but neither delivered nor lost`);
    return { sent, end };
  });
}

/**
 * Whether a run shows what the chapter wants: both ends CLOSED, and exactly one frame
 * lost, a data segment of the response that later ones overtake — so the client sees
 * a gap and sends duplicate ACKs before the server's retransmission timer fires.
 */
function isWanted(run: Run): boolean {
  if (run.client.connection.state !== 'CLOSED' || run.server.connection.state !== 'CLOSED') return false;
  const frames = framesOf(run);
  const lost = frames.filter((f) => f.end.event === 'lost');
  if (lost.length !== 1) return false;
  const [only] = lost;
  const segment = decode(only!.sent);
  if (only!.sent.from.device !== 'server' || segment.payload.length === 0) return false;
  // Lose the first segment of the response, so three more arrive after the gap.
  const first = frames.find((f) => f.sent.from.device === 'server' && decode(f.sent).payload.length > 0);
  return first?.sent.frame === only!.sent.frame;
}

function decode(record: TraceRecord): Segment {
  const from = record.from.device as Side;
  return decodeSegment(record.bytes, ADDRESSES[from]).value.segment;
}

/** The first seed from `options.firstSeed` up whose run `isWanted`; throws if none within `seedsToTry`. */
export function findSeed(options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS): number {
  for (let seed = options.firstSeed; seed < options.firstSeed + options.seedsToTry; seed++) {
    if (isWanted(simulate(seed, options))) return seed;
  }
  throw new Error(`tcp-timeline: no seed in [${options.firstSeed}, ${options.firstSeed + options.seedsToTry}) lost exactly the first response segment`);
}

/** (a − b) mod 2^32: a sequence number relative to an ISN. */
function relative(value: number, isn: number): number {
  return (((value - isn) % SEQUENCE_SPACE) + SEQUENCE_SPACE) % SEQUENCE_SPACE;
}

/** Builds the timeline of one run (the chapter's, by default: the first wanted seed). */
export function buildTimeline(options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS, seed: number = findSeed(options)): Timeline {
  const run = simulate(seed, options);
  const isn: Record<Side, number> = { client: run.client.isn, server: run.server.isn };
  const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

  // Segments, read back from the trace and decoded.
  const segments: TimelineSegment[] = [];
  const seen: Record<Side, Set<string>> = { client: new Set(), server: new Set() };
  const lastAck: Record<Side, { ack?: number; window: number } | undefined> = { client: undefined, server: undefined };
  const duplicates: Record<Side, number> = { client: 0, server: 0 };
  // The highest relative sequence number each side has sent, plus one.
  const highest: Record<Side, number> = { client: 0, server: 0 };
  for (const { sent, end } of framesOf(run)) {
    const from = sent.from.device as Side;
    const s = decode(sent);
    const length = s.payload.length;
    const key = `${s.seqno}/${length}/${s.SYN}/${s.FIN}`;
    const occupies = length > 0 || s.SYN || s.FIN;
    const retransmission = occupies && seen[from].has(key);
    if (occupies) seen[from].add(key);
    // RFC 5681 §2 "duplicate acknowledgment": same ack, same window, nothing else, data outstanding.
    const previous = lastAck[from];
    const pure = !occupies && s.ackno !== undefined;
    const outstanding = s.ackno !== undefined && highest[other(from)] > relative(s.ackno, isn[other(from)]);
    const duplicate = pure && outstanding && previous !== undefined && previous.ack === s.ackno && previous.window === s.window;
    duplicates[from] = duplicate ? duplicates[from] + 1 : 0;
    if (s.ackno !== undefined) lastAck[from] = { ack: s.ackno, window: s.window };
    highest[from] = Math.max(highest[from], relative(s.seqno, isn[from]) + length + (s.SYN ? 1 : 0) + (s.FIN ? 1 : 0));
    const segment: TimelineSegment = {
      index: segments.length,
      frame: sent.frame,
      from,
      sentAt: sent.time,
      arrivedAt: end.time,
      lost: end.event === 'lost',
      flags: segmentFlags(s),
      SYN: s.SYN,
      FIN: s.FIN,
      ACK: s.ackno !== undefined,
      seq: s.seqno,
      relSeq: relative(s.seqno, isn[from]),
      window: s.window,
      length,
      preview: length ? firstLine(s.payload) : '',
      retransmission,
      duplicateAck: duplicates[from],
    };
    if (s.ackno !== undefined) {
      segment.ack = s.ackno;
      segment.relAck = relative(s.ackno, isn[other(from)]);
    }
    segments.push(segment);
  }
  const byFrame = new Map(segments.map((s) => [s.frame, s]));

  // Steps: one per segment in sending order, plus a step for each change no segment stands for.
  // The same objects appear in `changes` and in the steps, so a step's change can be found in the list.
  const changes: SideChange[] = run.log.changes.map(({ cause: _cause, ...change }) => change);
  const stepOfSegment = new Map<number, TimelineStep>();
  const steps: TimelineStep[] = [];
  const attached = new Set<number>();
  const sendsByCause = new Map<string, number[]>();
  for (const send of run.log.sends) {
    const key = causeKey(send.side, send.cause);
    sendsByCause.set(key, [...(sendsByCause.get(key) ?? []), send.frame]);
  }
  // Place each change: on arrival, with the segment that arrived; by the application or a timer, with the first segment it sent; otherwise on a step of its own.
  const pendingAlone: SideChange[] = [];
  const changesOfFrame = new Map<number, SideChange[]>();
  run.log.changes.forEach(({ cause, side }, i) => {
    const plain = changes[i]!;
    let frame: number | undefined;
    if (cause.kind === 'arrival') frame = cause.frame;
    else frame = sendsByCause.get(causeKey(side, cause))?.[0];
    if (frame !== undefined && byFrame.has(frame)) {
      changesOfFrame.set(frame, [...(changesOfFrame.get(frame) ?? []), plain]);
      attached.add(i);
    } else {
      pendingAlone.push(plain);
    }
  });

  // Interleave: segment steps by send time; lone changes at their time (a passive open before the first segment, TIME-WAIT's end last).
  type Item = { time: number; order: number; segment?: TimelineSegment; change?: SideChange };
  const items: Item[] = [
    ...segments.map((segment) => ({ time: segment.sentAt, order: segment.index, segment })),
    ...pendingAlone.map((change, i) => ({ time: change.time, order: -1000 + i, change })),
  ].sort((a, b) => a.time - b.time || a.order - b.order);

  let states: States = { client: 'CLOSED', server: 'CLOSED' };
  for (const item of items) {
    const stepChanges = item.segment ? (changesOfFrame.get(item.segment.frame) ?? []) : [item.change!];
    // Changes caused by the sender's application come first (they happen before the segment leaves).
    stepChanges.sort((a, b) => a.time - b.time);
    for (const change of stepChanges) {
      if (states[change.side] !== change.from) {
        throw new Error(`tcp-timeline: ${change.side} changed from ${change.from} while the timeline has it in ${states[change.side]}`);
      }
      states = { ...states, [change.side]: change.to };
    }
    const time = item.segment ? item.segment.arrivedAt : item.change!.time;
    const step: TimelineStep = { changes: stepChanges, after: states, phase: 'data', time };
    if (item.segment) {
      step.segment = item.segment;
      stepOfSegment.set(item.segment.frame, step);
    }
    steps.push(step);
  }
  assignPhases(steps);

  const timeWait = changes.find((c) => c.to === 'TIME-WAIT');
  const timeWaitEnd = changes.find((c) => c.from === 'TIME-WAIT');
  return {
    seed,
    options,
    isn,
    segments,
    steps,
    changes,
    request: run.request,
    response: run.response,
    timeWaitMs: timeWait && timeWaitEnd ? timeWaitEnd.time - timeWait.time : 0,
    trace: run.topology.sim.trace.format(),
  };
}

function causeKey(side: Side, cause: Cause): string {
  return cause.kind === 'arrival' ? `${side}:arrival:${cause.frame}` : `${side}:${cause.kind}:${cause.id}`;
}

/** Opening up to the step that makes both sides ESTABLISHED; closing from the first FIN on. */
function assignPhases(steps: TimelineStep[]): void {
  const established = steps.findIndex((s) => s.after.client === 'ESTABLISHED' && s.after.server === 'ESTABLISHED');
  const firstFin = steps.findIndex((s) => s.segment?.FIN);
  steps.forEach((step, i) => {
    step.phase = i <= established ? 'open' : firstFin >= 0 && i >= firstFin ? 'close' : 'data';
  });
}

function firstLine(payload: Uint8Array): string {
  const text = decoder.decode(payload.subarray(0, 80));
  const line = text.split('\r\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

let cached: Timeline | undefined;

/** The chapter's timeline, computed once per build (the seed search runs a few dozen simulations). */
export function chapterTimeline(): Timeline {
  cached ??= buildTimeline();
  return cached;
}

/** Whether a change is a row of the lab's table. */
export function isTableRow(change: Pick<StateChange, 'from' | 'event' | 'to'>): boolean {
  return findTransition(change.from, change.event as TcpEvent)?.to === change.to;
}
