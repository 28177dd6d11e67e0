/**
 * The trace: one record for everything that happens to every frame on every link.
 * Records are appended when they happen, so the list is in time order (ties in
 * scheduling order); that is what step-throughs replay and what pcap export reads.
 */
import type { PcapFrame } from './pcap.ts';

/** What happened to a frame on a link. */
export type TraceEvent = 'sent' | 'delivered' | 'lost' | 'dropped-queue' | 'duplicated';

/** One end of a link: a device's interface, by name (plain data, so traces cross postMessage). */
export interface Endpoint {
  readonly device: string;
  readonly iface: string;
}

/**
 * One frame event. Times: `sent` and `dropped-queue` when the device handed the frame
 * to the link, `duplicated` when the link made the extra copy (also at send time),
 * `delivered` when the last bit reached the far interface, `lost` when it would have.
 */
export interface TraceRecord {
  /** Virtual milliseconds since simulation start. */
  readonly time: number;
  /** Name of the link. */
  readonly link: string;
  /** Frame id, shared by every record about the same send (both copies of a duplicate too). */
  readonly frame: number;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly event: TraceEvent;
  /** Length of the frame on the wire, in bytes. */
  readonly length: number;
  /**
   * The frame's bytes (at most the trace's snaplen). Read-only, and a view into a shared
   * chunk: use `bytes.byteOffset` with `bytes.buffer` (or `slice()` it before posting one
   * record to another thread, which would otherwise copy the whole chunk).
   */
  readonly bytes: Uint8Array;
}

/** A filter over records; every given field must match. `iface` needs `device`. */
export interface TraceQuery {
  link?: string;
  /** Matches records whose `from` or `to` is this device. */
  device?: string;
  iface?: string;
  /** Matches records sent by this device. */
  from?: string;
  /** Matches records addressed to this device. */
  to?: string;
  event?: TraceEvent | readonly TraceEvent[];
}

/**
 * Where a capture is taken: at an interface (what tcpdump on it would see: frames it
 * sent and frames delivered to it) or on a link (every frame put on the wire, both
 * directions, as a tap next to each sender would see them, including frames later lost).
 */
export type CapturePoint = { device: string; iface: string } | { link: string };

/** One record as a line for transcripts and failure messages. */
export function formatRecord(record: TraceRecord): string {
  const { from, to } = record;
  return (
    `${record.time.toFixed(3).padStart(10)} ms  #${record.frame}  ` +
    `${from.device}:${from.iface} → ${to.device}:${to.iface}  ${record.event}  ${record.length} B`
  );
}

function matches(endpoint: Endpoint, device: string, iface: string | undefined): boolean {
  return endpoint.device === device && (iface === undefined || endpoint.iface === iface);
}

/** Bytes per storage chunk: big enough that chunk allocation is rare, small enough to waste little. */
const CHUNK_BYTES = 1 << 20;
/** Frames above this get their own buffer, so a chunk never wastes more than this much at its end. */
const LARGEST_CHUNKED_FRAME = CHUNK_BYTES >> 4;

const EVENTS: readonly TraceEvent[] = ['sent', 'delivered', 'lost', 'dropped-queue', 'duplicated'];
const EVENT_CODES: Readonly<Record<TraceEvent, number>> = {
  sent: 0,
  delivered: 1,
  lost: 2,
  'dropped-queue': 3,
  duplicated: 4,
};

function grown<T extends Float64Array | Uint32Array | Uint8Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

/**
 * The simulator's record of every frame event; query it by link, device or event.
 *
 * Stored as columns of numbers, with frame bytes packed into shared 1 MiB chunks, and turned
 * into TraceRecord objects only when read. With an object and a buffer per record, a long run
 * spent most of its time in the garbage collector re-marking the trace (2.3× slower overall).
 */
export class Trace {
  /** Bytes kept per frame; longer frames keep their `length` but only this many bytes (like tcpdump -s). */
  readonly snaplen: number;

  // Link directions, registered by links: direction id → link name and ends.
  readonly #dirLink: string[] = [];
  readonly #dirFrom: Endpoint[] = [];
  readonly #dirTo: Endpoint[] = [];

  // One row per record.
  #count = 0;
  #time = new Float64Array(0);
  #dir = new Uint32Array(0);
  #frame = new Float64Array(0);
  #event = new Uint8Array(0);
  #length = new Uint32Array(0);
  #kept = new Uint32Array(0);

  // One row per kept frame (shared by the records about it): where its bytes are.
  #keptCount = 0;
  #keptChunk = new Uint32Array(0);
  #keptOffset = new Uint32Array(0);
  #keptLength = new Uint32Array(0);
  readonly #chunks: Uint8Array[] = [];
  #chunk = new Uint8Array(0);
  #chunkIndex = -1;
  #used = 0;
  #lent: Uint8Array | undefined;
  #lentKept = 0;

  constructor(snaplen = Infinity) {
    if (!(snaplen >= 0)) throw new RangeError(`Trace: snaplen must be ≥ 0, got ${snaplen}`);
    this.snaplen = snaplen;
  }

  /** Number of records. */
  get length(): number {
    return this.#count;
  }

  /** Every record so far, in time order (a new array each call: for long traces use `at` or `slice`). */
  get records(): TraceRecord[] {
    return this.slice();
  }

  /** Record `index` (negative counts from the end), or undefined. */
  at(index: number): TraceRecord | undefined {
    const i = index < 0 ? this.#count + index : index;
    return i >= 0 && i < this.#count ? this.#materialize(i) : undefined;
  }

  /** Records from `start` to before `end`, like Array.slice; a step-through reads what one step added. */
  slice(start = 0, end = this.#count): TraceRecord[] {
    const from = Math.max(0, start < 0 ? this.#count + start : start);
    const to = Math.min(this.#count, end < 0 ? this.#count + end : end);
    const out: TraceRecord[] = [];
    for (let i = from; i < to; i++) out.push(this.#materialize(i));
    return out;
  }

  *[Symbol.iterator](): IterableIterator<TraceRecord> {
    for (let i = 0; i < this.#count; i++) yield this.#materialize(i);
  }

  /** Registers a link's two directions (a→b, then b→a at id + 1); returns the a→b id. Called by links. */
  addLink(name: string, a: Endpoint, b: Endpoint): number {
    const id = this.#dirLink.length;
    this.#dirLink.push(name, name);
    this.#dirFrom.push(a, b);
    this.#dirTo.push(b, a);
    return id;
  }

  /** Copies the first `snaplen` bytes of a frame into the trace; returns an id for `add`. Called by links. */
  keep(frame: Uint8Array): number {
    // A borrowed frame passed on unchanged (a switch forwarding) is already kept: reuse it.
    if (frame === this.#lent) return this.#lentKept;
    const length = Math.min(frame.length, this.snaplen);
    const source = length === frame.length ? frame : frame.subarray(0, length);
    let chunk: number;
    let offset = 0;
    if (length > LARGEST_CHUNKED_FRAME) {
      chunk = this.#chunks.push(source.slice()) - 1;
    } else {
      if (this.#chunkIndex < 0 || this.#used + length > CHUNK_BYTES) {
        this.#chunk = new Uint8Array(CHUNK_BYTES);
        this.#chunkIndex = this.#chunks.push(this.#chunk) - 1;
        this.#used = 0;
      }
      chunk = this.#chunkIndex;
      offset = this.#used;
      this.#chunk.set(source, offset);
      this.#used = offset + length;
    }
    const id = this.#keptCount++;
    if (id === this.#keptChunk.length) {
      const capacity = Math.max(1024, id * 2);
      this.#keptChunk = grown(this.#keptChunk, capacity);
      this.#keptOffset = grown(this.#keptOffset, capacity);
      this.#keptLength = grown(this.#keptLength, capacity);
    }
    this.#keptChunk[id] = chunk;
    this.#keptOffset[id] = offset;
    this.#keptLength[id] = length;
    return id;
  }

  /** How many bytes were kept for a `keep` id (less than the frame when it exceeds snaplen). */
  keptLength(kept: number): number {
    return this.#keptLength[kept]!;
  }

  /** A copy of a kept frame in a buffer of its own (byteOffset 0), for a receiver to own. */
  copy(kept: number): Uint8Array {
    const offset = this.#keptOffset[kept]!;
    return this.#chunks[this.#keptChunk[kept]!]!.slice(offset, offset + this.#keptLength[kept]!);
  }

  /**
   * Lends a kept frame to a behaviour that only borrows frames, until `endLend`; if the
   * behaviour sends that very view on, `keep` recognizes it and copies nothing.
   */
  lend(kept: number): Uint8Array {
    this.#lentKept = kept;
    return (this.#lent = this.view(kept));
  }

  /** Ends the current loan: the view is the behaviour's problem from now on (it promised not to keep it). */
  endLend(): void {
    this.#lent = undefined;
  }

  /** A read-only view of a kept frame. */
  view(kept: number): Uint8Array {
    const offset = this.#keptOffset[kept]!;
    return this.#chunks[this.#keptChunk[kept]!]!.subarray(offset, offset + this.#keptLength[kept]!);
  }

  /** Appends a record; called by links. `direction` comes from `addLink`, `kept` from `keep`. */
  add(time: number, direction: number, frame: number, event: TraceEvent, length: number, kept: number): void {
    const i = this.#count++;
    if (i === this.#time.length) {
      const capacity = Math.max(1024, i * 2);
      this.#time = grown(this.#time, capacity);
      this.#dir = grown(this.#dir, capacity);
      this.#frame = grown(this.#frame, capacity);
      this.#event = grown(this.#event, capacity);
      this.#length = grown(this.#length, capacity);
      this.#kept = grown(this.#kept, capacity);
    }
    this.#time[i] = time;
    this.#dir[i] = direction;
    this.#frame[i] = frame;
    this.#event[i] = EVENT_CODES[event];
    this.#length[i] = length;
    this.#kept[i] = kept;
  }

  /** Records matching every field of the query, in time order. */
  select(query: TraceQuery): TraceRecord[] {
    const { link, device, iface, from, to, event } = query;
    if (iface !== undefined && device === undefined) {
      throw new TypeError(`Trace.select: iface "${iface}" needs a device (interface names repeat across devices)`);
    }
    const events = event === undefined ? undefined : typeof event === 'string' ? [event] : event;
    const codes = events?.map((e) => EVENT_CODES[e]);
    // Decide per link direction once, then scan the columns.
    const directionMatches = this.#dirLink.map((name, d) => {
      const f = this.#dirFrom[d]!;
      const t = this.#dirTo[d]!;
      return (
        (link === undefined || name === link) &&
        (device === undefined || matches(f, device, iface) || matches(t, device, iface)) &&
        (from === undefined || f.device === from) &&
        (to === undefined || t.device === to)
      );
    });
    const out: TraceRecord[] = [];
    for (let i = 0; i < this.#count; i++) {
      if (directionMatches[this.#dir[i]!] && (codes === undefined || codes.includes(this.#event[i]!))) {
        out.push(this.#materialize(i));
      }
    }
    return out;
  }

  /** Records on one link. */
  byLink(link: string): TraceRecord[] {
    return this.select({ link });
  }

  /** Records to or from one device. */
  byDevice(device: string): TraceRecord[] {
    return this.select({ device });
  }

  /** The frames seen at a capture point, ready for `writePcap`. */
  capture(point: CapturePoint): PcapFrame[] {
    const picked =
      'link' in point
        ? this.select({ link: point.link, event: 'sent' })
        : [
            ...this.select({ device: point.device, iface: point.iface, event: ['sent', 'delivered'] }).filter(
              (r) => matches(r.event === 'sent' ? r.from : r.to, point.device, point.iface),
            ),
          ];
    return picked.map((r) => ({ timeMs: r.time, bytes: r.bytes, originalLength: r.length }));
  }

  /** The records (all, or the ones given) as lines, one per record. */
  format(records: Iterable<TraceRecord> = this): string {
    return Array.from(records, formatRecord).join('\n');
  }

  #materialize(i: number): TraceRecord {
    const d = this.#dir[i]!;
    return {
      time: this.#time[i]!,
      link: this.#dirLink[d]!,
      frame: this.#frame[i]!,
      from: this.#dirFrom[d]!,
      to: this.#dirTo[d]!,
      event: EVENTS[this.#event[i]!]!,
      length: this.#length[i]!,
      bytes: this.view(this.#kept[i]!),
    };
  }
}
