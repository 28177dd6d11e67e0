/**
 * A whole TCP endpoint: a sender and a receiver sharing one stream of segments, and
 * the state machine of RFC 9293 §3.3.2 on top. Sans-I/O: the owner hands in segments
 * (`receive`) and elapsed time (`tick`), calls the application's operations (`connect`,
 * `listen`, `write`, `read`, `close`, `abort`), and gets every outgoing segment through
 * the `transmit` callback.
 *
 * Build it from your parts: a TcpSender over an outbound ByteStream, a TcpReceiver
 * over a Reassembler over an inbound ByteStream. Every outgoing segment is
 * segmentOf(the sender's message, receiver.send()). Every state change goes through
 * findTransition (connection-states.ts) and is appended to `history`.
 *
 * Simplifications, as in CS144: one connection per object (a reset closes it rather
 * than returning to LISTEN); no RST in reply to stray segments; the RTO is not
 * measured but starts at a fixed value.
 */
import type { Segment } from '@impl/segment.ts';
import type { TcpEvent, TcpState, Transition } from '@impl/state-types.ts';
import { DEFAULT_CAPACITY, DEFAULT_MAX_RETRANSMISSIONS, type ConnectionOptions, type SendSegment, type StateChange } from '@impl/connection-types.ts';
import { DEFAULT_INITIAL_RTO_MS } from '@impl/sender-types.ts';
import type { ByteStream } from './byte-stream.ts';

/** A TCP endpoint: application calls and segments in, segments out. */
export class TcpConnection {
  readonly #options: ConnectionOptions;
  readonly #transmit: SendSegment;

  constructor(options: ConnectionOptions, transmit: SendSegment) {
    this.#options = options;
    this.#transmit = transmit;
  }

  /** The current state (RFC 9293 §3.3.2); CLOSED at first. */
  get state(): TcpState {
    throw new Error('TODO(connection): the current state');
  }

  /** Every state change so far, in order. */
  get history(): readonly StateChange[] {
    throw new Error('TODO(connection): the transitions taken so far');
  }

  /** The bytes from the peer, for the application to read (the receiver's stream). */
  get inbound(): ByteStream {
    throw new Error('TODO(connection): the receiver\'s stream');
  }

  /** The bytes for the peer, as the application wrote them (the sender's stream). */
  get outbound(): ByteStream {
    throw new Error('TODO(connection): the sender\'s stream');
  }

  /** Active open: sends a SYN (CLOSED → SYN-SENT). Throws if the connection was opened before. */
  connect(): void {
    throw new Error('TODO(connection): active-open, then let the sender send its SYN');
  }

  /** Passive open: waits for a SYN (CLOSED → LISTEN). Throws if the connection was opened before. */
  listen(): void {
    throw new Error('TODO(connection): passive-open');
  }

  /** Writes what fits of `data` into the outbound stream and sends what the window allows (not in CLOSED or LISTEN); returns the bytes taken. */
  write(data: Uint8Array): number {
    throw new Error('TODO(connection): push into the outbound stream, then let the sender send');
  }

  /**
   * Takes every byte the inbound stream holds (a copy). If the last segment we sent
   * advertised a zero window, send an ACK at once: the window has reopened, and the
   * peer would otherwise only find out from its next probe (RFC 9293 §3.8.6.2.2).
   */
  read(): Uint8Array {
    throw new Error('TODO(connection): drain the inbound stream; send a window update if it was zero');
  }

  /** The application has nothing more to send: close the outbound stream (a FIN follows the data) and take the 'close' transition. */
  close(): void {
    throw new Error('TODO(connection): close the outbound stream, take "close", let the sender send its FIN');
  }

  /** Gives up: both streams get an error, 'abort' → CLOSED, and a RST (seqno = next) if the table's row sends one. */
  abort(): void {
    throw new Error('TODO(connection): errors on both streams, take "abort", send RST if the row says so');
  }

  /**
   * Handles one segment from the peer (RFC 9293 §3.10.7):
   * - CLOSED: ignore everything.
   * - LISTEN: ignore RST and anything with ACK; a SYN goes to the receiver (and its
   *   window to the sender), 'rcv-syn', and the SYN,ACK goes out.
   * - SYN-SENT: an ACK that does not acknowledge our SYN (ISN + 1) is ignored; a RST
   *   counts only if it does ('rcv-rst'); a SYN with that ACK is 'rcv-syn-ack', a SYN
   *   without ACK 'rcv-syn' (simultaneous open). Answer with an ACK.
   * - Otherwise: a RST resets ('rcv-rst', errors on both streams). Else give the
   *   segment to the receiver, its ackno and window to the sender (if it has an ACK),
   *   let the sender send, then take, in this order: 'rcv-ack-of-syn' (in
   *   SYN-RECEIVED, once our SYN is acknowledged), 'rcv-ack-of-fin' (our FIN was sent
   *   and nothing is in flight), 'rcv-fin' (the inbound stream has just closed). In
   *   TIME-WAIT, a FIN that comes again restarts the 2 × MSL wait.
   * - Whenever the segment occupied sequence numbers and nothing else was sent in
   *   reply, send an empty ACK (sender.makeEmptyMessage()).
   */
  receive(segment: Segment): void {
    throw new Error('TODO(connection): feed the receiver and the sender, then take the transitions that apply');
  }

  /**
   * Lets `ms` pass. In TIME-WAIT, count towards 2 × MSL and take 'time-wait-timeout'
   * when it is reached. In other open states, tick the sender; if its
   * consecutiveRetransmissions now exceeds maxRetransmissions, abort() instead of
   * sending that retransmission.
   */
  tick(ms: number): void {
    throw new Error('TODO(connection): tick the sender (or TIME-WAIT), give up after too many retransmissions');
  }
}
