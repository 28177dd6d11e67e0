/** What a TCP connection is built with and what it reports: its options, defaults, outgoing segments and state changes. */
import type { TcpEvent, TcpState } from './state-types.ts';
import type { Segment } from './segment.ts';

/** Capacity of each byte stream unless the options say otherwise. */
export const DEFAULT_CAPACITY = 64000;

/** Retransmissions of one segment before the connection gives up (RFC 9293 §3.8.3's R2, counted; CS144 uses 8). */
export const DEFAULT_MAX_RETRANSMISSIONS = 8;

/** How to build a connection. */
export interface ConnectionOptions {
  /** Our initial sequence number (RFC 9293 §3.4.1 wants it unpredictable; the caller chooses it, e.g. from a seeded RNG). */
  isn: number;
  /** Capacity of the inbound and of the outbound byte stream. Default DEFAULT_CAPACITY. */
  capacity?: number;
  /** Initial retransmission timeout in ms. Default 1000 (RFC 6298 §2.1). */
  initialRtoMs?: number;
  /**
   * Maximum segment lifetime in ms; TIME-WAIT lasts 2 × MSL (RFC 9293 §3.4.2 suggests
   * MSL = 2 minutes; Linux waits 60 s in all). Default 5 × initialRtoMs, so TIME-WAIT
   * lasts 10 initial RTOs, as CS144's linger.
   */
  mslMs?: number;
  /** Abort once a segment would be retransmitted more than this many times in a row. Default DEFAULT_MAX_RETRANSMISSIONS. */
  maxRetransmissions?: number;
}

/** Where the connection hands each segment it sends. */
export type SendSegment = (segment: Segment) => void;

/** One entry of `history`: a row of TRANSITIONS the connection took. */
export interface StateChange {
  from: TcpState;
  event: TcpEvent;
  to: TcpState;
}
