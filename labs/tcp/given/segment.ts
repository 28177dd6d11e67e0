/**
 * What a TCP segment carries, split the way an endpoint uses it (as in CS144's
 * minnow): the sending half fills in the sequence number, SYN, payload and FIN; the
 * receiving half fills in the acknowledgment number and the window. Both may set RST.
 * A Segment is the two halves together, as they travel in one TCP header
 * (RFC 9293 §3.1). This file is complete: it is the vocabulary of the lab.
 */

/** The sending half of a segment (minnow's TCPSenderMessage). */
export interface SenderMessage {
  /** The 32-bit sequence number of the first sequence number the message occupies (of the SYN if set). */
  seqno: number;
  /** Synchronize: this message starts the stream; occupies one sequence number before the payload. */
  SYN: boolean;
  /** Stream bytes, one sequence number each. */
  payload: Uint8Array;
  /** Finish: the stream ends here; occupies one sequence number after the payload. */
  FIN: boolean;
  /** Reset: the connection failed. */
  RST: boolean;
}

/** The receiving half of a segment (minnow's TCPReceiverMessage). */
export interface ReceiverMessage {
  /** The next sequence number the receiver needs; absent until it has seen a SYN (then the ACK flag is clear). */
  ackno?: number;
  /** How many sequence numbers, from ackno on, the receiver is willing to accept (16-bit field, RFC 9293 §3.1). */
  window: number;
  /** Reset: the connection failed. */
  RST: boolean;
}

/**
 * One TCP segment: both halves in one header. The ACK flag is set exactly when
 * `ackno` is present; the acknowledgment field means nothing without it (RFC 9293 §3.1).
 */
export interface Segment {
  seqno: number;
  ackno?: number;
  SYN: boolean;
  FIN: boolean;
  RST: boolean;
  window: number;
  payload: Uint8Array;
}

/** The largest window a 16-bit window field can state without window scaling (RFC 7323). */
export const MAX_WINDOW = 65535;

/** How many sequence numbers a message occupies: SYN + payload bytes + FIN (RFC 9293 §3.4). */
export function sequenceLength(message: Pick<SenderMessage, 'SYN' | 'payload' | 'FIN'>): number {
  return (message.SYN ? 1 : 0) + message.payload.length + (message.FIN ? 1 : 0);
}

/** The segment that carries both halves; RST if either half says so. */
export function segmentOf(sender: SenderMessage, receiver: ReceiverMessage): Segment {
  const segment: Segment = {
    seqno: sender.seqno,
    SYN: sender.SYN,
    FIN: sender.FIN,
    RST: sender.RST || receiver.RST,
    window: receiver.window,
    payload: sender.payload,
  };
  if (receiver.ackno !== undefined) segment.ackno = receiver.ackno;
  return segment;
}

/** The sending half of a segment, for the peer's receiver. */
export function senderMessageOf(segment: Segment): SenderMessage {
  return { seqno: segment.seqno, SYN: segment.SYN, payload: segment.payload, FIN: segment.FIN, RST: segment.RST };
}

/** The receiving half of a segment, for the peer's sender. */
export function receiverMessageOf(segment: Segment): ReceiverMessage {
  const message: ReceiverMessage = { window: segment.window, RST: segment.RST };
  if (segment.ackno !== undefined) message.ackno = segment.ackno;
  return message;
}

/** The control bits that are set, in header order, e.g. "SYN|ACK" or "-" when none. */
export function segmentFlags(segment: Segment): string {
  const flags: string[] = [];
  if (segment.SYN) flags.push('SYN');
  if (segment.ackno !== undefined) flags.push('ACK');
  if (segment.FIN) flags.push('FIN');
  if (segment.RST) flags.push('RST');
  return flags.length ? flags.join('|') : '-';
}

/** A segment as one line, e.g. `SYN|ACK seq=1000 ack=5001 win=64000 len=0`, with a payload preview. */
export function formatSegment(segment: Segment): string {
  const parts = [segmentFlags(segment), `seq=${segment.seqno}`];
  if (segment.ackno !== undefined) parts.push(`ack=${segment.ackno}`);
  parts.push(`win=${segment.window}`, `len=${segment.payload.length}`);
  if (segment.payload.length) parts.push(previewPayload(segment.payload));
  return parts.join(' ');
}

/** Up to 24 bytes, as text when printable, else as hex. */
function previewPayload(payload: Uint8Array): string {
  const head = payload.subarray(0, 24);
  const more = payload.length > head.length ? '…' : '';
  const printable = head.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d);
  if (printable) return JSON.stringify(String.fromCharCode(...head) + more);
  return `0x${Array.from(head, (b) => b.toString(16).padStart(2, '0')).join('')}${more}`;
}
