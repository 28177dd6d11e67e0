/** The sender's limits and defaults (RFC 6298 for the initial RTO) and how it hands a segment to the wire. */
import type { SenderMessage } from './segment.ts';

/** The most payload bytes in one segment (a stand-in for the MSS, RFC 9293 §3.7.1). */
export const MAX_PAYLOAD_SIZE = 1000;

/** The initial retransmission timeout, 1 s as RFC 6298 §2.1 recommends. */
export const DEFAULT_INITIAL_RTO_MS = 1000;

/** Where the sender hands each segment it sends (or re-sends). */
export type Transmit = (message: SenderMessage) => void;
