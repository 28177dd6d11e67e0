/**
 * A point-to-point, full-duplex link. Each direction has its own transmitter: a frame
 * waits in a FIFO queue while earlier frames are serialized (length × 8 / bandwidth),
 * then propagates for `delayMs`. Loss, duplication and reordering are drawn from a
 * seeded stream per direction, so the same seed and traffic give the same trace.
 */
import type { Interface, SendOutcome } from './interface.ts';
import type { Random } from './random.ts';
import { SimEvent, type Simulator } from './simulator.ts';
import type { Trace } from './trace.ts';

/** How a link behaves; everything is optional and defaults to an ideal wire. */
export interface LinkOptions {
  /** Unique name; default "a:eth0-b:eth0". Also names the link's random streams. */
  name?: string;
  /** One-way propagation delay in ms. Default 0. */
  delayMs?: number;
  /** Bits per second; sets serialization delay. Default Infinity (none). */
  bandwidthBps?: number;
  /** Bytes that may wait behind the frame being serialized, per direction; beyond it, tail drop. Default Infinity. */
  queueBytes?: number;
  /** Probability that a transmitted frame never arrives. Default 0. */
  loss?: number;
  /** Probability that a frame arrives twice. Default 0. */
  duplicate?: number;
  /** Probability that a copy is held back by an extra delay, uniform in (0, reorderDelayMs]. Default 0. */
  reorder?: number;
  /** Largest extra delay for a reordered copy, in ms. Default max(1, delayMs). */
  reorderDelayMs?: number;
}

/** A link's settings with defaults filled in. */
export type LinkConfig = Readonly<Required<Omit<LinkOptions, 'name'>>>;

function resolve(options: LinkOptions): LinkConfig {
  const config: LinkConfig = {
    delayMs: options.delayMs ?? 0,
    bandwidthBps: options.bandwidthBps ?? Infinity,
    queueBytes: options.queueBytes ?? Infinity,
    loss: options.loss ?? 0,
    duplicate: options.duplicate ?? 0,
    reorder: options.reorder ?? 0,
    reorderDelayMs: options.reorderDelayMs ?? Math.max(1, options.delayMs ?? 0),
  };
  const check = (key: keyof LinkConfig, ok: (v: number) => boolean, want: string): void => {
    if (!ok(config[key])) throw new RangeError(`Link: ${key} must be ${want}, got ${config[key]}`);
  };
  check('delayMs', (v) => v >= 0 && v < Infinity, 'a finite number ≥ 0');
  check('bandwidthBps', (v) => v > 0, '> 0 (Infinity for no serialization delay)');
  check('queueBytes', (v) => v >= 0, '≥ 0 (Infinity for no limit)');
  check('reorderDelayMs', (v) => v >= 0 && v < Infinity, 'a finite number ≥ 0');
  for (const key of ['loss', 'duplicate', 'reorder'] as const) check(key, (v) => v >= 0 && v <= 1, 'a probability in [0, 1]');
  return Object.freeze(config);
}

/** One direction's transmitter and the frames waiting for it. */
class Direction {
  /** The trace's id for this direction. */
  readonly id: number;
  readonly from: Interface;
  readonly to: Interface;
  readonly random: Random;
  /** When the transmitter finishes the last accepted frame. */
  busyUntil = 0;
  /** Bytes accepted but not yet started on the wire. */
  queuedBytes = 0;
  // Waiting frames as a FIFO of (start time, length). Start times are known on arrival,
  // so no event is needed to start each transmission: we release lazily on the next send.
  readonly #starts: number[] = [];
  readonly #lengths: number[] = [];
  #head = 0;

  constructor(id: number, from: Interface, to: Interface, random: Random) {
    this.id = id;
    this.from = from;
    this.to = to;
    this.random = random;
  }

  /** Forgets waiting frames whose transmission has started by `now`. */
  release(now: number): void {
    const starts = this.#starts;
    let head = this.#head;
    if (head === starts.length) return; // nothing waiting: the common case
    while (head < starts.length && starts[head]! <= now) {
      this.queuedBytes -= this.#lengths[head]!;
      head++;
    }
    if (head === starts.length) {
      starts.length = 0;
      this.#lengths.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > starts.length) {
      // Compact now and then, so a long-busy queue does not keep every frame it ever held.
      starts.splice(0, head);
      this.#lengths.splice(0, head);
      head = 0;
    }
    this.#head = head;
  }

  /** Adds a frame that must wait until `start`. */
  wait(start: number, length: number): void {
    this.#starts.push(start);
    this.#lengths.push(length);
    this.queuedBytes += length;
  }
}

/** A frame reaching the far end: traced, then handed to the receiving device. */
class Delivery extends SimEvent {
  readonly #trace: Trace;
  readonly #dir: Direction;
  readonly #frame: number;
  readonly #length: number;
  readonly #kept: number;
  /** The frame when the trace kept only a prefix; otherwise the trace's copy is the frame. */
  readonly #whole: Uint8Array | undefined;

  constructor(trace: Trace, dir: Direction, frame: number, length: number, kept: number, whole: Uint8Array | undefined) {
    super();
    this.#trace = trace;
    this.#dir = dir;
    this.#frame = frame;
    this.#length = length;
    this.#kept = kept;
    this.#whole = whole;
  }

  run(): void {
    const trace = this.#trace;
    const to = this.#dir.to;
    trace.add(this.time, this.#dir.id, this.#frame, 'delivered', this.#length, this.#kept);
    // The receiver owns what it gets: a buffer of its own (byteOffset 0) that nothing else
    // holds, unless it declared it only borrows frames.
    if (this.#whole !== undefined) to.device.receive(to, this.#whole);
    else if (!to.device.borrowsFrames) to.device.receive(to, trace.copy(this.#kept));
    else {
      try {
        to.device.receive(to, trace.lend(this.#kept));
      } finally {
        trace.endLend();
      }
    }
  }
}

/** A full-duplex link between two interfaces. */
export class Link {
  readonly sim: Simulator;
  readonly name: string;
  readonly a: Interface;
  readonly b: Interface;
  /** Settings with defaults filled in. */
  readonly config: LinkConfig;
  readonly #ab: Direction;
  readonly #ba: Direction;

  constructor(sim: Simulator, a: Interface, b: Interface, options: LinkOptions = {}) {
    if (a === b) throw new Error(`Link: cannot link ${a} to itself`);
    if (a.device.sim !== sim || b.device.sim !== sim) throw new Error(`Link: ${a} and ${b} must belong to this simulator`);
    this.sim = sim;
    this.name = options.name ?? `${a}-${b}`;
    this.a = a;
    this.b = b;
    this.config = resolve(options);
    for (const iface of [a, b]) {
      if (iface.link) throw new Error(`Link ${this.name}: ${iface} is already linked (${iface.link.name})`);
    }
    sim.addLink(this);
    a.attach(this);
    b.attach(this);
    const id = sim.trace.addLink(this.name, a.endpoint, b.endpoint);
    this.#ab = new Direction(id, a, b, sim.random.fork(`link:${this.name}:${a}>${b}`));
    this.#ba = new Direction(id + 1, b, a, sim.random.fork(`link:${this.name}:${b}>${a}`));
  }

  /** Bytes waiting to be serialized from `from` right now (not counting the frame on the wire). */
  queuedBytes(from: Interface): number {
    const dir = this.#direction(from);
    dir.release(this.sim.now);
    return dir.queuedBytes;
  }

  /** Accepts a frame from one end; called by `Interface.send`. */
  transmit(from: Interface, frame: Uint8Array): SendOutcome {
    const dir = this.#direction(from);
    const sim = this.sim;
    const config = this.config;
    const now = sim.now;
    const length = frame.length;
    const id = sim.nextFrameId();
    const trace = sim.trace;

    dir.release(now);
    const start = Math.max(now, dir.busyUntil);
    if (start > now) {
      if (dir.queuedBytes + length > config.queueBytes) {
        trace.add(now, dir.id, id, 'dropped-queue', length, trace.keep(frame));
        return 'dropped-queue';
      }
      dir.wait(start, length);
    }
    // length × 8 bits / bps s = length × 8000 / bps ms; written this way 1500 B at 1 Mbit/s is exactly 12.
    const finish = start + (length * 8000) / config.bandwidthBps;
    dir.busyUntil = finish;

    // Copied now because the sender may reuse its buffer as soon as send returns. The trace's
    // copy doubles as the frame in flight unless the trace keeps only a snaplen prefix.
    const kept = trace.keep(frame);
    const inFlight = trace.keptLength(kept) === length ? undefined : frame.slice();
    trace.add(now, dir.id, id, 'sent', length, kept);

    const arrival = finish + config.delayMs;
    const random = dir.random;
    // Draw only for enabled impairments, so an ideal link consumes no randomness.
    if (config.loss > 0 && random.chance(config.loss)) {
      sim.at(arrival, () => trace.add(sim.now, dir.id, id, 'lost', length, kept));
      return 'sent';
    }
    const copies = config.duplicate > 0 && random.chance(config.duplicate) ? 2 : 1;
    if (copies === 2) trace.add(now, dir.id, id, 'duplicated', length, kept);
    for (let copy = 0; copy < copies; copy++) {
      const extra = config.reorder > 0 && random.chance(config.reorder) ? (1 - random.next()) * config.reorderDelayMs : 0;
      sim.enqueue(new Delivery(trace, dir, id, length, kept, copies === 1 ? inFlight : inFlight?.slice()), arrival + extra);
    }
    return 'sent';
  }

  #direction(from: Interface): Direction {
    if (from === this.a) return this.#ab;
    if (from === this.b) return this.#ba;
    throw new Error(`Link ${this.name}: ${from} is not an end of this link`);
  }
}
