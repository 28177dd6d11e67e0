/**
 * A TCP socket on a simulated host: the tcp piece's TcpConnection, with its
 * segments carried in real TCP headers (the layers piece's codec) and its
 * clock moved by simulator timers. The application sees bytes and three
 * moments: open, data, end.
 */
import { makeTcpFlags } from '../../labs/layers/given/header-types.ts';
import type { Segment } from '../../labs/tcp/given/segment.ts';
import type { TcpConnection } from '../../labs/tcp/solution/connection.ts';
import type { DeviceContext, Timer } from '../netsim/index.ts';
import type { PieceSet } from './pieces.ts';

/** One end of a connection. */
export interface SocketAddress {
  ip: string;
  port: number;
}

/** What the application hears from a socket. */
export interface SocketHandlers {
  onOpen?(): void;
  onData?(bytes: Uint8Array): void;
  /** The peer finished sending (its FIN arrived in order). */
  onEnd?(): void;
}

/** How a socket hands a TCP segment (header and payload, checksummed) to the IP layer. */
export type SendTcp = (destination: string, source: string, segment: Uint8Array) => void;

/** How often a socket's clock advances while the connection lives, in simulated ms. */
export const TICK_MS = 20;

/** A connection's clock moves in ticks; the initial RTO is RFC 6298's 1 s. */
export class TcpSocket {
  readonly connection: TcpConnection;
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
  handlers: SocketHandlers = {};
  readonly #pieces: PieceSet;
  readonly #ctx: DeviceContext;
  readonly #sendTcp: SendTcp;
  #timer: Timer | undefined;
  #opened = false;
  #ended = false;

  constructor(pieces: PieceSet, ctx: DeviceContext, local: SocketAddress, remote: SocketAddress, sendTcp: SendTcp) {
    this.#pieces = pieces;
    this.#ctx = ctx;
    this.local = local;
    this.remote = remote;
    this.#sendTcp = sendTcp;
    const { TcpConnection } = pieces.tcp.modules['connection.ts'];
    const isn = ctx.random.int(2 ** 32);
    this.connection = new TcpConnection({ isn }, (segment: Segment) => this.#transmit(segment));
  }

  /** Active open (SYN). */
  connect(): void {
    this.connection.connect();
    this.#after();
  }

  /** Passive open, for a segment that arrived on a listening port. */
  listen(): void {
    this.connection.listen();
  }

  /** Queues bytes for the peer. */
  write(bytes: Uint8Array): void {
    const written = this.connection.write(bytes);
    if (written !== bytes.length) throw new Error(`TCP accepted ${written} of ${bytes.length} bytes`);
    this.#after();
  }

  /** Finishes sending (FIN). */
  close(): void {
    this.connection.close();
    this.#after();
  }

  /** Gives up on the connection: RST to the peer if it was synchronized, CLOSED either way. */
  abort(): void {
    this.connection.abort();
    this.#after();
  }

  /** True once the connection is CLOSED (aborted, reset, or closed by both sides). */
  get closed(): boolean {
    return this.connection.state === 'CLOSED';
  }

  /** A segment from the peer, already checked and decoded by the IP layer. */
  receive(header: { sequenceNumber: number; acknowledgmentNumber: number; flags: { syn: boolean; fin: boolean; rst: boolean; ack: boolean }; window: number }, payload: Uint8Array): void {
    const segment: Segment = {
      seqno: header.sequenceNumber,
      SYN: header.flags.syn,
      FIN: header.flags.fin,
      RST: header.flags.rst,
      window: header.window,
      payload,
    };
    if (header.flags.ack) segment.ackno = header.acknowledgmentNumber;
    this.connection.receive(segment);
    this.#after();
  }

  #transmit(segment: Segment): void {
    const { encodeTcpSegment } = this.#pieces.layers.modules['tcp.ts'];
    const header = {
      sourcePort: this.local.port,
      destinationPort: this.remote.port,
      sequenceNumber: segment.seqno,
      acknowledgmentNumber: segment.ackno ?? 0,
      flags: makeTcpFlags({ syn: segment.SYN, fin: segment.FIN, rst: segment.RST, ack: segment.ackno !== undefined, psh: segment.payload.length > 0 }),
      window: segment.window,
      urgentPointer: 0,
      options: new Uint8Array(0),
    };
    const bytes = encodeTcpSegment(header, segment.payload, { source: this.local.ip, destination: this.remote.ip });
    this.#sendTcp(this.remote.ip, this.local.ip, bytes);
  }

  /** After anything happened: tell the application, and keep the clock running while the connection lives. */
  #after(): void {
    const state = this.connection.state;
    if (!this.#opened && state === 'ESTABLISHED') {
      this.#opened = true;
      this.handlers.onOpen?.();
    }
    const inbound = this.connection.read();
    if (inbound.length > 0) this.handlers.onData?.(inbound);
    if (!this.#ended && this.connection.inbound.isFinished) {
      this.#ended = true;
      this.handlers.onEnd?.();
    }
    if (state !== 'CLOSED' && this.#timer === undefined) {
      this.#timer = this.#ctx.schedule(TICK_MS, () => {
        this.#timer = undefined;
        this.connection.tick(TICK_MS);
        this.#after();
      });
    }
  }
}
