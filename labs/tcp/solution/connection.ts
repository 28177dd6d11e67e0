/**
 * A whole TCP endpoint: a sender and a receiver sharing one stream of segments, and
 * the state machine of RFC 9293 §3.3.2 on top. Sans-I/O: the owner hands in segments
 * (`receive`) and elapsed time (`tick`), calls the application's operations (`connect`,
 * `listen`, `write`, `read`, `close`, `abort`), and gets every outgoing segment through
 * the `transmit` callback. Every state change is looked up in TRANSITIONS
 * (connection-states.ts) and recorded in `history`.
 *
 * Simplifications, as in CS144: one connection per object (a reset closes it rather
 * than returning to LISTEN); no RST in reply to stray segments; the RTO is not
 * measured but starts at a fixed value.
 */
import { receiverMessageOf, segmentOf, senderMessageOf, sequenceLength, type Segment, type SenderMessage } from '@impl/segment.ts';
import type { TcpEvent, TcpState, Transition } from '@impl/state-types.ts';
import { DEFAULT_INITIAL_RTO_MS } from '@impl/sender-types.ts';
import { DEFAULT_CAPACITY, DEFAULT_MAX_RETRANSMISSIONS, type ConnectionOptions, type SendSegment, type StateChange } from '@impl/connection-types.ts';
import { ByteStream } from './byte-stream.ts';
import { findTransition } from './connection-states.ts';
import { Reassembler } from './reassembler.ts';
import { TcpReceiver } from './receiver.ts';
import { TcpSender } from './sender.ts';
import { wrap } from './wrap32.ts';

/** A TCP endpoint: application calls and segments in, segments out. */
export class TcpConnection {
  readonly #transmit: SendSegment;
  readonly #isn: number;
  readonly #sender: TcpSender;
  readonly #receiver: TcpReceiver;
  readonly #timeWaitMs: number;
  readonly #maxRetransmissions: number;
  readonly #history: StateChange[] = [];
  #state: TcpState = 'CLOSED';
  /** Whether the peer's FIN (reached in sequence) has been handled. */
  #finReceived = false;
  /** Time spent in TIME-WAIT since it began or the peer's FIN last came again. */
  #lingered = 0;
  /** The window in the last segment sent, to know when the application's reading reopens it. */
  #lastWindow: number | undefined;
  /** Set whenever a segment goes out, to tell whether an ACK still has to be sent. */
  #sent = false;

  constructor(options: ConnectionOptions, transmit: SendSegment) {
    const capacity = options.capacity ?? DEFAULT_CAPACITY;
    const rto = options.initialRtoMs ?? DEFAULT_INITIAL_RTO_MS;
    this.#transmit = transmit;
    this.#isn = options.isn;
    this.#sender = new TcpSender(new ByteStream(capacity), options.isn, rto);
    this.#receiver = new TcpReceiver(new Reassembler(new ByteStream(capacity)));
    this.#timeWaitMs = 2 * (options.mslMs ?? 5 * rto);
    this.#maxRetransmissions = options.maxRetransmissions ?? DEFAULT_MAX_RETRANSMISSIONS;
  }

  /** The current state (RFC 9293 §3.3.2). */
  get state(): TcpState {
    return this.#state;
  }

  /** Every state change so far, in order. */
  get history(): readonly StateChange[] {
    return this.#history;
  }

  /** The bytes from the peer, for the application to read. */
  get inbound(): ByteStream {
    return this.#receiver.stream;
  }

  /** The bytes for the peer, as the application wrote them. */
  get outbound(): ByteStream {
    return this.#sender.stream;
  }

  /** Active open: sends a SYN (CLOSED → SYN-SENT). */
  connect(): void {
    this.#expectClosed('connect');
    this.#change('active-open');
    this.#push();
  }

  /** Passive open: waits for a SYN (CLOSED → LISTEN). */
  listen(): void {
    this.#expectClosed('listen');
    this.#change('passive-open');
  }

  /** Writes what fits of `data` into the outbound stream and sends what the window allows; returns the bytes taken. */
  write(data: Uint8Array): number {
    const taken = this.outbound.push(data);
    this.#push();
    return taken;
  }

  /** Takes every byte the inbound stream holds; if we had advertised a zero window, tells the peer it reopened. */
  read(): Uint8Array {
    const stream = this.inbound;
    const bytes = new Uint8Array(stream.bytesBuffered);
    let filled = 0;
    while (filled < bytes.length) {
      const view = stream.peek();
      if (view.length === 0) break;
      bytes.set(view, filled);
      stream.pop(view.length);
      filled += view.length;
    }
    // RFC 9293 §3.8.6.2.2: the peer only probes a zero window now and then; say at once that it opened.
    if (filled > 0 && this.#lastWindow === 0 && this.#synchronizing()) this.#send(this.#sender.makeEmptyMessage());
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  }

  /** The application has nothing more to send: close the outbound stream; a FIN follows the data. */
  close(): void {
    this.outbound.close();
    this.#change('close');
    this.#push();
  }

  /** Gives up on the connection: CLOSED, both streams in error, and a RST where RFC 9293 §3.10.5 sends one. */
  abort(): void {
    this.inbound.setError();
    this.outbound.setError();
    const transition = this.#change('abort');
    // makeEmptyMessage carries RST now that the outbound stream has an error.
    if (transition?.send === 'RST') this.#send(this.#sender.makeEmptyMessage());
  }

  /** Handles one segment from the peer (RFC 9293 §3.10.7). */
  receive(segment: Segment): void {
    switch (this.#state) {
      case 'CLOSED':
        return;
      case 'LISTEN':
        return this.#receiveInListen(segment);
      case 'SYN-SENT':
        return this.#receiveInSynSent(segment);
      default:
        return this.#receiveSynchronized(segment);
    }
  }

  /** Lets `ms` pass: retransmissions, giving up, and the end of TIME-WAIT. */
  tick(ms: number): void {
    if (this.#state === 'CLOSED' || this.#state === 'LISTEN') return;
    if (this.#state === 'TIME-WAIT') {
      this.#lingered += ms;
      if (this.#lingered >= this.#timeWaitMs) this.#change('time-wait-timeout');
      return;
    }
    // Hold what the sender re-sends until we know it has not just used up its last try.
    const resent: SenderMessage[] = [];
    this.#sender.tick(ms, (message) => resent.push(message));
    if (this.#sender.consecutiveRetransmissions > this.#maxRetransmissions) {
      this.abort();
      return;
    }
    for (const message of resent) this.#send(message);
  }

  // RFC 9293 §3.10.7.2: in LISTEN, a RST is ignored, an ACK would get a RST (not sent
  // here), and a SYN starts the connection.
  #receiveInListen(segment: Segment): void {
    if (segment.RST || segment.ackno !== undefined || !segment.SYN) return;
    this.#sent = false;
    this.#receiver.receive(senderMessageOf(segment));
    this.#sender.receive(receiverMessageOf(segment));
    this.#change('rcv-syn');
    this.#noticeFin();
    // The sender's SYN leaves with the receiver's ACK of the peer's SYN: SYN,ACK.
    this.#reply(segment);
  }

  // RFC 9293 §3.10.7.3.
  #receiveInSynSent(segment: Segment): void {
    const acksOurSyn = segment.ackno === wrap(1, this.#isn);
    // "first, check the ACK bit": an ACK of anything but our SYN is not for this connection.
    if (segment.ackno !== undefined && !acksOurSyn) return;
    // "second, check the RST bit": believe a RST only if it acknowledges our SYN.
    if (segment.RST) {
      if (acksOurSyn) this.#reset();
      return;
    }
    if (!segment.SYN) return;
    this.#sent = false;
    this.#receiver.receive(senderMessageOf(segment));
    this.#sender.receive(receiverMessageOf(segment));
    // SYN,ACK completes our handshake; a bare SYN is a simultaneous open (RFC 9293 Figure 7).
    this.#change(acksOurSyn ? 'rcv-syn-ack' : 'rcv-syn');
    this.#noticeFin();
    this.#reply(segment);
  }

  // RFC 9293 §3.10.7.4, in its order: RST, then the text, then the ACK, then the FIN.
  #receiveSynchronized(segment: Segment): void {
    if (segment.RST) {
      this.#reset();
      return;
    }
    this.#sent = false;
    this.#receiver.receive(senderMessageOf(segment));
    if (segment.ackno !== undefined) this.#sender.receive(receiverMessageOf(segment));
    // The ACK may let the FIN go out at last; only then can we tell whether it was acknowledged.
    this.#push();

    const sender = this.#sender;
    const outbound = this.outbound;
    const acknowledged = sender.nextAbsoluteSeqno - sender.sequenceNumbersInFlight;
    if (this.#state === 'SYN-RECEIVED' && acknowledged >= 1) this.#change('rcv-ack-of-syn');
    // Our FIN is the sequence number after SYN and every byte pushed.
    const finSent = outbound.isClosed && sender.nextAbsoluteSeqno === outbound.bytesPushed + 2;
    if (finSent && sender.sequenceNumbersInFlight === 0) this.#change('rcv-ack-of-fin');

    if (!this.#noticeFin() && this.#state === 'TIME-WAIT' && segment.FIN) {
      // The peer sent its FIN again, so our last ACK was lost: ACK again and wait 2 MSL anew (RFC 9293 §3.10.7.4 "eighth").
      this.#lingered = 0;
    }
    if (this.#state !== 'CLOSED') this.#reply(segment);
  }

  /** Takes 'rcv-fin' the first time the inbound stream is closed, i.e. the peer's FIN was reached in sequence; says whether it did. */
  #noticeFin(): boolean {
    if (this.#finReceived || !this.inbound.isClosed) return false;
    this.#finReceived = true;
    this.#change('rcv-fin');
    return true;
  }

  /** Sends what the sender has; a segment that took sequence numbers is acknowledged even when there is nothing else to say. */
  #reply(segment: Segment): void {
    this.#push();
    // RFC 9293 §3.10.7.4: acknowledge every segment that occupied sequence space, including
    // duplicates, whose earlier ACK may have been lost.
    if (!this.#sent && sequenceLength(segment) > 0) this.#send(this.#sender.makeEmptyMessage());
  }

  /** Lets the sender send new segments, except where the state forbids it. */
  #push(): void {
    if (this.#state === 'CLOSED' || this.#state === 'LISTEN') return;
    this.#sender.push((message) => this.#send(message));
  }

  /** Sends the sender's half together with the receiver's acknowledgment and window. */
  #send(message: SenderMessage): void {
    const segment = segmentOf(message, this.#receiver.send());
    this.#lastWindow = segment.window;
    this.#sent = true;
    this.#transmit(segment);
  }

  /** A RST arrived: the connection is gone and both streams report the error. */
  #reset(): void {
    this.inbound.setError();
    this.outbound.setError();
    this.#change('rcv-rst');
  }

  /** Takes the table's transition for `event`, if any, and records it. */
  #change(event: TcpEvent): Transition | undefined {
    const transition = findTransition(this.#state, event);
    if (transition === undefined) return undefined;
    this.#history.push({ from: transition.from, event, to: transition.to });
    this.#state = transition.to;
    if (transition.to === 'TIME-WAIT') this.#lingered = 0;
    return transition;
  }

  #synchronizing(): boolean {
    return this.#state !== 'CLOSED' && this.#state !== 'LISTEN' && this.#state !== 'SYN-SENT';
  }

  #expectClosed(call: string): void {
    // RFC 9293 §3.10.1: OPEN on an existing connection is an error.
    if (this.#state !== 'CLOSED' || this.#history.length > 0) {
      throw new Error(`TcpConnection.${call}(): the connection already exists (state ${this.#state})`);
    }
  }
}
