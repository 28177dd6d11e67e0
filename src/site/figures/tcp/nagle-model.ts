/**
 * The TCP chapter's Nagle figure: a client writes one request in two pieces
 * (headers, then a small body) and waits for the response, over a netsim link,
 * once with Nagle's algorithm (RFC 896, RFC 9293 §3.7.4) and once with
 * TCP_NODELAY, against a server that delays its ACKs (RFC 9293 §3.8.6.3). A model
 * of the two rules, not the TCP lab's code, which has neither: it counts bytes
 * and segments, not sequence numbers, and nothing is lost.
 */
import { topology, type DeviceBehaviour, type DeviceContext, type Timer } from '../../../netsim/index.ts';

/** The scenario's settings. */
export interface NagleOptions {
  /** One-way delay of the link, ms. */
  delayMs: number;
  /** How long the server holds an ACK that nothing could ride on, ms (Linux's minimum is 40). */
  delayedAckMs: number;
  /** The two writes, bytes: headers, then body. Both smaller than one segment. */
  writes: [number, number];
  /** The response's size, bytes. */
  responseBytes: number;
}

/** A 20 ms round trip, Linux's 40 ms delayed ACK, a 180-byte header block and a 20-byte body. */
export const NAGLE_SCENARIO: NagleOptions = { delayMs: 10, delayedAckMs: 40, writes: [180, 20], responseBytes: 1200 };

/** What a segment carried: part of the request, the server's delayed ACK, or the response (with the ACK on it). */
export type NagleSegment =
  | { kind: 'request'; bytes: number; part: 'headers' | 'body' }
  | { kind: 'delayed-ack'; waitedMs: number }
  | { kind: 'response'; bytes: number };

/** One segment on the wire. */
export interface NagleEvent {
  /** When it left, ms. */
  time: number;
  from: 'client' | 'server';
  what: NagleSegment;
}

/** One run's segments and when the client had its response. */
export interface NagleRun {
  nodelay: boolean;
  events: NagleEvent[];
  /** When the whole response reached the client, ms. */
  doneAt: number;
}

const DATA = 0x44; // 'D'
const ACK = 0x41; // 'A'
const RESPONSE = 0x52; // 'R'

function frame(kind: number, bytes: number): Uint8Array {
  const f = new Uint8Array(3);
  f[0] = kind;
  new DataView(f.buffer).setUint16(1, bytes);
  return f;
}
const sizeOf = (f: Uint8Array) => new DataView(f.buffer, f.byteOffset, f.byteLength).getUint16(1);

/** The client: two writes at time 0; with Nagle, a small write waits while earlier data is unacknowledged. */
class Client implements DeviceBehaviour {
  doneAt = NaN;
  #unacked = 0;
  #held: number[] = [];
  readonly #options: NagleOptions;
  readonly #nodelay: boolean;
  readonly #log: (e: NagleEvent) => void;
  #ctx!: DeviceContext;

  constructor(options: NagleOptions, nodelay: boolean, log: (e: NagleEvent) => void) {
    this.#options = options;
    this.#nodelay = nodelay;
    this.#log = log;
  }

  start(ctx: DeviceContext): void {
    this.#ctx = ctx;
    this.#options.writes.forEach((bytes, i) => this.#write(bytes, i === 0 ? 'headers' : 'body'));
  }

  #write(bytes: number, part: 'headers' | 'body'): void {
    // RFC 9293 §3.7.4: with data in flight, a less-than-full segment waits (every write here is small).
    if (!this.#nodelay && this.#unacked > 0) {
      this.#held.push(bytes);
      return;
    }
    this.#send(bytes, part);
  }

  #send(bytes: number, part: 'headers' | 'body'): void {
    this.#unacked += bytes;
    this.#ctx.send('eth0', frame(DATA, bytes));
    this.#log({ time: this.#ctx.now, from: 'client', what: { kind: 'request', bytes, part } });
  }

  onFrame(ctx: DeviceContext, _iface: string, f: Uint8Array): void {
    if (f[0] === RESPONSE) this.doneAt = ctx.now;
    if (f[0] !== ACK && f[0] !== RESPONSE) return;
    this.#unacked = 0;
    const held = this.#held.splice(0).reduce((a, b) => a + b, 0);
    if (held > 0) this.#send(held, 'body');
  }
}

/** The server: answers once the whole request is in, and otherwise delays its ACK in the hope of answering. */
class Server implements DeviceBehaviour {
  #received = 0;
  #timer: Timer | undefined;
  readonly #options: NagleOptions;
  readonly #log: (e: NagleEvent) => void;

  constructor(options: NagleOptions, log: (e: NagleEvent) => void) {
    this.#options = options;
    this.#log = log;
  }

  onFrame(ctx: DeviceContext, iface: string, f: Uint8Array): void {
    if (f[0] !== DATA) return;
    this.#received += sizeOf(f);
    const whole = this.#options.writes[0] + this.#options.writes[1];
    if (this.#received >= whole) {
      // The response carries the ACK: nothing left to delay.
      this.#timer?.cancel();
      this.#timer = undefined;
      ctx.send(iface, frame(RESPONSE, this.#options.responseBytes));
      this.#log({ time: ctx.now, from: 'server', what: { kind: 'response', bytes: this.#options.responseBytes } });
      return;
    }
    this.#timer ??= ctx.schedule(this.#options.delayedAckMs, () => {
      this.#timer = undefined;
      ctx.send(iface, frame(ACK, 0));
      this.#log({ time: ctx.now, from: 'server', what: { kind: 'delayed-ack', waitedMs: this.#options.delayedAckMs } });
    });
  }
}

/** Runs the scenario with Nagle (nodelay false) or with TCP_NODELAY. */
export function runNagle(nodelay: boolean, options: NagleOptions = NAGLE_SCENARIO): NagleRun {
  const events: NagleEvent[] = [];
  const log = (e: NagleEvent) => events.push(e);
  const client = new Client(options, nodelay, log);
  topology({ seed: 1 })
    .host('client', { behaviour: client })
    .host('server', { behaviour: new Server(options, log) })
    .link('client:eth0', 'server:eth0', { delayMs: options.delayMs })
    .run({ until: 10_000, maxEvents: 1000 });
  return { nodelay, events, doneAt: client.doneAt };
}
