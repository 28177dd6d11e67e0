/**
 * The sending half of a TCP endpoint: reads the outbound byte stream, cuts it into
 * segments that fit the receiver's window, keeps each segment until it is
 * acknowledged, and retransmits the oldest one when the retransmission timer
 * expires (RFC 9293 §3.8, timer rules from RFC 6298 §5).
 *
 * Keep your bookkeeping in absolute sequence numbers (wrap32.ts): the oldest
 * unacknowledged one (SND.UNA in RFC 9293 §3.3.1) and the next one to send
 * (SND.NXT); what lies between is in flight. wrap() when you build a message,
 * unwrap() when an ackno arrives.
 */
import type { ReceiverMessage, SenderMessage } from '@impl/segment.ts';
import { DEFAULT_INITIAL_RTO_MS, MAX_PAYLOAD_SIZE, type Transmit } from '@impl/sender-types.ts';
import type { ByteStream } from './byte-stream.ts';

/** The sending half of an endpoint: outbound stream in, segments out, acknowledgments in. */
export class TcpSender {
  readonly #input: ByteStream;

  constructor(input: ByteStream, isn: number, initialRtoMs: number = DEFAULT_INITIAL_RTO_MS) {
    this.#input = input;
  }

  /** The outbound stream the application writes. */
  get stream(): ByteStream {
    return this.#input;
  }

  /** The absolute sequence number of the next new sequence number to send (SND.NXT; 0 before the SYN). */
  get nextAbsoluteSeqno(): number {
    throw new Error('TODO(sender): absolute seqno of the next sequence number to send');
  }

  /** Sequence numbers sent and not yet acknowledged (SYN and FIN count one each). */
  get sequenceNumbersInFlight(): number {
    throw new Error('TODO(sender): next to send − oldest unacknowledged');
  }

  /** Retransmissions since new data was last acknowledged. */
  get consecutiveRetransmissions(): number {
    throw new Error('TODO(sender): count retransmissions, reset on new acknowledgments');
  }

  /**
   * Sends as many new segments as the window allows, each through `transmit`:
   * - the window is the receiver's last advertised one, measured from the oldest
   *   unacknowledged seqno; before the receiver has said anything it is 1 (room for
   *   the SYN). A zero window counts as 1, so that one probe stays in flight
   *   (RFC 9293 §3.8.6.1).
   * - the first segment carries SYN; payloads come from the stream, at most
   *   MAX_PAYLOAD_SIZE bytes each; FIN goes once the stream is finished (closed and
   *   everything read), and only if the window has room for it too. Never send
   *   anything after the FIN, nor an empty segment.
   * - keep every segment sent until it is acknowledged, and start the retransmission
   *   timer if it is not running (RFC 6298 (5.1)).
   * - RST is set on every message once the stream has an error.
   */
  push(transmit: Transmit): void {
    throw new Error('TODO(sender): fill the window with segments from the stream');
  }

  /**
   * Takes the receiving half of a segment from the peer.
   * - RST: set the stream's error.
   * - An ackno beyond anything sent is impossible: ignore the whole message.
   * - Otherwise take the window. An ackno that acknowledges new data (moves forward):
   *   forget the segments it covers entirely, set the RTO back to its initial value,
   *   reset consecutiveRetransmissions to 0, and restart the timer if anything is still
   *   outstanding, or stop it if not (RFC 6298 (5.2), (5.3)).
   */
  receive(message: ReceiverMessage): void {
    throw new Error('TODO(sender): process the ackno and the window');
  }

  /**
   * Lets `ms` pass. When the timer expires: retransmit the oldest outstanding segment
   * (only that one), and, if the last advertised window is not zero, count a
   * consecutive retransmission and double the RTO; then restart the timer
   * (RFC 6298 (5.4)–(5.6)). With a zero window the probe is re-sent without backing off.
   */
  tick(ms: number, transmit: Transmit): void {
    throw new Error('TODO(sender): on expiry, retransmit the oldest outstanding segment and back off');
  }

  /** A message that occupies no sequence numbers, at the next seqno (RST if the stream has an error): for pure ACKs and RSTs. */
  makeEmptyMessage(): SenderMessage {
    throw new Error('TODO(sender): seqno = wrap(next absolute seqno), no SYN, no payload, no FIN');
  }
}
