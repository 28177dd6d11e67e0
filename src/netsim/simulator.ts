/**
 * The simulator: a virtual clock and an event loop. Nothing here waits on real time;
 * `run` pops the earliest event, sets `now` to its time and calls it, so a second of
 * simulated traffic takes as long as its events take to compute, and two runs with
 * the same seed and inputs do exactly the same thing.
 */
import { EventQueue } from './event-queue.ts';
import { Random } from './random.ts';
import { Trace } from './trace.ts';
import type { Device } from './device.ts';
import type { Link } from './link.ts';

/** Default bound on events per `run`: large enough for any lab, small enough to stop a runaway loop in seconds. */
export const DEFAULT_MAX_EVENTS = 10_000_000;

/** Options for a new simulator. */
export interface SimulatorOptions {
  /** Seed for every random choice (loss, duplication, reordering, `ctx.random`). Default 1. */
  seed?: number;
  /** Bytes of each frame kept in the trace (like tcpdump -s). Default: whole frames. */
  traceSnaplen?: number;
}

/** Bounds for `run`. */
export interface RunOptions {
  /** Stop after the events due at or before this virtual time, and advance the clock to it. */
  until?: number;
  /** Throw `SimulationLimitError` rather than run more events than this. Default `DEFAULT_MAX_EVENTS`. */
  maxEvents?: number;
}

/** How a run ended. */
export interface RunResult {
  /** Events executed by this run. */
  events: number;
  /** The clock when the run returned. */
  now: number;
  /** `idle`: nothing left to do; `until`: events remain after the `until` time. */
  reason: 'idle' | 'until';
}

/** A scheduled callback that can be cancelled before it fires (a retransmission timer, say). */
export interface Timer {
  /** Virtual time the callback is due. */
  readonly time: number;
  /** True once cancelled. */
  readonly cancelled: boolean;
  /** Stops the callback from firing; harmless after it fired or was cancelled. */
  cancel(): void;
}

/** Thrown when a run would exceed its event bound: usually a behaviour that reschedules itself forever. */
export class SimulationLimitError extends Error {
  override name = 'SimulationLimitError';
  /** The bound that was reached. */
  readonly maxEvents: number;
  /** Virtual time when the bound was reached. */
  readonly now: number;

  constructor(maxEvents: number, now: number) {
    super(
      `netsim: run() reached maxEvents (${maxEvents}) at t=${now} ms with events still due; ` +
        `something may be rescheduling itself forever (a periodic timer?). ` +
        `Pass run({ until }) to stop at a time, or raise maxEvents.`,
    );
    this.maxEvents = maxEvents;
    this.now = now;
  }
}

/**
 * Something the simulator runs at a time; the queue stores these directly. `schedule` wraps
 * a callback in one. netsim's per-frame path (link delivery) subclasses it instead, which
 * saves a closure and its context per frame.
 */
export abstract class SimEvent {
  /** Virtual time it is due; set by `Simulator.enqueue`. */
  time = 0;
  /** Scheduling order, so equal times run first in, first out; set by `Simulator.enqueue`. */
  seq = 0;
  /** A cancelled event stays queued and is skipped when it comes up. */
  cancelled = false;
  /** Does the work; `sim.now` is already `time`. */
  abstract run(): void;
}

/** A callback scheduled by `schedule` or `at`, cancellable through its Timer face. */
class CallbackEvent extends SimEvent implements Timer {
  readonly fn: () => void;
  fired = false;
  readonly #sim: Simulator;

  constructor(sim: Simulator, fn: () => void) {
    super();
    this.#sim = sim;
    this.fn = fn;
  }

  run(): void {
    this.fired = true;
    this.fn();
  }

  cancel(): void {
    if (this.cancelled || this.fired) return;
    this.cancelled = true;
    this.#sim.forgetCancelled();
  }
}

/** A deterministic discrete-event simulator: virtual clock, event queue, seeded randomness, trace and the network's registry. */
export class Simulator {
  /** The seed everything random derives from; print it when a test fails. */
  readonly seed: number;
  /** The root random stream; links and devices use forks of it. */
  readonly random: Random;
  /** Every frame event on every link. */
  readonly trace: Trace;

  readonly #queue = new EventQueue<SimEvent>();
  readonly #devices = new Map<string, Device>();
  readonly #links = new Map<string, Link>();
  #now = 0;
  #live = 0;
  #seq = 0;
  #running = false;
  #frameIds = 0;
  #macs = 0;

  constructor(options: SimulatorOptions = {}) {
    this.random = new Random(options.seed ?? 1);
    this.seed = this.random.seed;
    this.trace = new Trace(options.traceSnaplen);
  }

  /** Virtual milliseconds since the start. */
  get now(): number {
    return this.#now;
  }

  /** Number of scheduled callbacks that have not fired or been cancelled. */
  get pending(): number {
    return this.#live;
  }

  /** Time of the next live event, or undefined when idle (a step-through's "next at"). */
  nextEventTime(): number | undefined {
    return this.#peekLive()?.time;
  }

  /** Calls `fn` after `delayMs` of virtual time (0 = after everything already due now). */
  schedule(delayMs: number, fn: () => void): Timer {
    if (!(delayMs >= 0) || delayMs === Infinity) {
      throw new RangeError(`Simulator.schedule: delay must be a finite number ≥ 0 ms, got ${delayMs}`);
    }
    return this.#enqueueCallback(this.#now + delayMs, fn);
  }

  /** Calls `fn` at virtual time `timeMs`, which must not be in the past. */
  at(timeMs: number, fn: () => void): Timer {
    if (!(timeMs >= this.#now) || timeMs === Infinity) {
      throw new RangeError(`Simulator.at: time must be finite and ≥ now (${this.#now} ms), got ${timeMs}`);
    }
    return this.#enqueueCallback(timeMs, fn);
  }

  /** Queues an event object at `timeMs` (not in the past); the callback-free form of `at`. */
  enqueue(event: SimEvent, timeMs: number): void {
    if (!(timeMs >= this.#now) || timeMs === Infinity) {
      throw new RangeError(`Simulator.enqueue: time must be finite and ≥ now (${this.#now} ms), got ${timeMs}`);
    }
    event.time = timeMs;
    event.seq = this.#seq++;
    this.#queue.push(event);
    this.#live++;
  }

  /** Runs the next event, if any; returns whether one ran. For step-throughs. */
  step(): boolean {
    this.#enter('step');
    try {
      const entry = this.#peekLive();
      if (entry === undefined) return false;
      this.#queue.pop();
      this.#fire(entry);
      return true;
    } finally {
      this.#running = false;
    }
  }

  /** Runs events in time order until idle or past `until`; always bounded by `maxEvents`. */
  run(options: RunOptions = {}): RunResult {
    const { until, maxEvents = DEFAULT_MAX_EVENTS } = options;
    if (until !== undefined && !(until >= this.#now)) {
      throw new RangeError(`Simulator.run: until must be ≥ now (${this.#now} ms), got ${until}`);
    }
    if (!(maxEvents >= 0)) throw new RangeError(`Simulator.run: maxEvents must be ≥ 0, got ${maxEvents}`);
    this.#enter('run');
    let events = 0;
    try {
      for (;;) {
        const entry = this.#peekLive();
        if (entry === undefined || (until !== undefined && entry.time > until)) break;
        if (events >= maxEvents) throw new SimulationLimitError(maxEvents, this.#now);
        this.#queue.pop();
        this.#fire(entry);
        events++;
      }
    } finally {
      this.#running = false;
    }
    const idle = this.#live === 0;
    if (until !== undefined && until > this.#now) this.#now = until;
    return { events, now: this.#now, reason: idle ? 'idle' : 'until' };
  }

  /** Every device, by name. */
  get devices(): ReadonlyMap<string, Device> {
    return this.#devices;
  }

  /** Every link, by name. */
  get links(): ReadonlyMap<string, Link> {
    return this.#links;
  }

  /** The device with this name; throws, listing the names there are, when none. */
  device(name: string): Device {
    const device = this.#devices.get(name);
    if (device === undefined) {
      throw new Error(`netsim: no device "${name}" (devices: ${[...this.#devices.keys()].join(', ') || 'none'})`);
    }
    return device;
  }

  /** The link with this name; throws, listing the names there are, when none. */
  link(name: string): Link {
    const link = this.#links.get(name);
    if (link === undefined) {
      throw new Error(`netsim: no link "${name}" (links: ${[...this.#links.keys()].join(', ') || 'none'})`);
    }
    return link;
  }

  /** Registers a device; called by the Device constructor. */
  addDevice(device: Device): void {
    if (this.#devices.has(device.name)) throw new Error(`netsim: a device named "${device.name}" already exists`);
    this.#devices.set(device.name, device);
  }

  /** Registers a link; called by the Link constructor. */
  addLink(link: Link): void {
    if (this.#links.has(link.name)) throw new Error(`netsim: a link named "${link.name}" already exists`);
    this.#links.set(link.name, link);
  }

  /** A fresh frame id for the trace. */
  nextFrameId(): number {
    return ++this.#frameIds;
  }

  /**
   * A fresh MAC, 02:00:00:00:00:01 upward: the 0x02 bit marks it locally administered
   * (IEEE 802 U/L bit), so it can never clash with a real vendor's address.
   */
  nextMac(): Uint8Array {
    const n = ++this.#macs;
    return Uint8Array.of(0x02, 0, (n / 2 ** 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }

  /** Bookkeeping for Timer.cancel. */
  forgetCancelled(): void {
    this.#live--;
  }

  #enqueueCallback(time: number, fn: () => void): Timer {
    const event = new CallbackEvent(this, fn);
    this.enqueue(event, time);
    return event;
  }

  /** The earliest event that is not cancelled; cancelled ones are discarded here (lazy deletion). */
  #peekLive(): SimEvent | undefined {
    let entry = this.#queue.peek();
    while (entry !== undefined && entry.cancelled) {
      this.#queue.pop();
      entry = this.#queue.peek();
    }
    return entry;
  }

  #fire(event: SimEvent): void {
    this.#now = event.time;
    this.#live--;
    event.run();
  }

  #enter(what: string): void {
    // An event callback that calls run() would run later events before its own finished.
    if (this.#running) throw new Error(`netsim: ${what}() called from inside an event; schedule work instead`);
    this.#running = true;
  }
}
