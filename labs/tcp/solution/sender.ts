/**
 * The sending half of a TCP endpoint: reads the outbound byte stream, cuts it into
 * segments that fit the receiver's window, keeps each segment until it is
 * acknowledged, and retransmits the oldest one when the retransmission timer
 * expires (RFC 9293 §3.8, timer rules from RFC 6298 §5).
 *
 * Bookkeeping is in absolute sequence numbers (see wrap32.ts): `#acked` is the
 * oldest unacknowledged one (SND.UNA in RFC 9293 §3.3.1) and `#next` the next to
 * send (SND.NXT); what lies between is in flight.
 */
import { sequenceLength, type ReceiverMessage, type SenderMessage } from '@impl/segment.ts';
import { DEFAULT_INITIAL_RTO_MS, MAX_PAYLOAD_SIZE, type Transmit } from '@impl/sender-types.ts';
import type { ByteStream } from './byte-stream.ts';
import { RetransmissionTimer } from './timer.ts';
import { unwrap, wrap } from './wrap32.ts';

const EMPTY = new Uint8Array(0);

/** A segment sent and not yet fully acknowledged. */
interface Outstanding {
  /** Absolute sequence number of its first sequence number. */
  start: number;
  message: SenderMessage;
}

/** The sending half of an endpoint: outbound stream in, segments out, acknowledgments in. */
export class TcpSender {
  readonly #input: ByteStream;
  readonly #isn: number;
  readonly #timer: RetransmissionTimer;
  readonly #outstanding: Outstanding[] = [];
  #next = 0;
  #acked = 0;
  /** The receiver's last advertised window; 1 until it has said anything, so the SYN can go. */
  #window = 1;
  #synSent = false;
  #finSent = false;
  #retransmissions = 0;

  constructor(input: ByteStream, isn: number, initialRtoMs: number = DEFAULT_INITIAL_RTO_MS) {
    this.#input = input;
    this.#isn = isn;
    this.#timer = new RetransmissionTimer(initialRtoMs);
  }

  /** The outbound stream the application writes. */
  get stream(): ByteStream {
    return this.#input;
  }

  /** The absolute sequence number of the next new sequence number to send (SND.NXT; 0 before the SYN). */
  get nextAbsoluteSeqno(): number {
    return this.#next;
  }

  /** Sequence numbers sent and not yet acknowledged (SYN and FIN count one each). */
  get sequenceNumbersInFlight(): number {
    return this.#next - this.#acked;
  }

  /** Retransmissions since new data was last acknowledged. */
  get consecutiveRetransmissions(): number {
    return this.#retransmissions;
  }

  /** Sends as many new segments as the window allows: SYN first, payload, then FIN once the stream is finished. */
  push(transmit: Transmit): void {
    const input = this.#input;
    // RFC 9293 §3.8.6.1: with a zero window, keep one sequence number in flight as a
    // probe, so the sender learns when the window opens again.
    const window = this.#window === 0 ? 1 : this.#window;
    while (!this.#finSent) {
      const room = this.#acked + window - this.#next;
      if (room <= 0) return;
      const SYN = !this.#synSent;
      const payload = this.#read(Math.min(MAX_PAYLOAD_SIZE, room - (SYN ? 1 : 0), input.bytesBuffered));
      // The FIN needs a sequence number of its own inside the window.
      const FIN = input.isFinished && room > (SYN ? 1 : 0) + payload.length;
      const message: SenderMessage = { seqno: wrap(this.#next, this.#isn), SYN, payload, FIN, RST: input.hasError };
      const length = sequenceLength(message);
      if (length === 0) return;
      transmit(message);
      this.#outstanding.push({ start: this.#next, message });
      this.#next += length;
      this.#synSent = true;
      if (FIN) this.#finSent = true;
      // RFC 6298 (5.1): start the timer when a segment goes out and it is not running.
      if (!this.#timer.running) this.#timer.start();
    }
  }

  /** Takes the receiving half of a segment from the peer: its acknowledgment and window. */
  receive(message: ReceiverMessage): void {
    if (message.RST) {
      this.#input.setError();
      return;
    }
    if (message.ackno !== undefined) {
      const ackno = unwrap(message.ackno, this.#isn, this.#next);
      // An ackno beyond anything sent cannot be right (RFC 9293 §3.10.7.4): ignore the message.
      if (ackno > this.#next) return;
      if (ackno > this.#acked) this.#acknowledge(ackno);
    }
    this.#window = message.window;
  }

  /** Lets `ms` pass; when the retransmission timer expires, re-sends the oldest outstanding segment. */
  tick(ms: number, transmit: Transmit): void {
    if (!this.#timer.tick(ms)) return;
    const oldest = this.#outstanding[0];
    if (oldest === undefined) return;
    // RFC 6298 (5.4)–(5.6): retransmit the earliest unacknowledged segment, back off, restart.
    transmit(oldest.message);
    // A zero window is not congestion: the probe is expected to go unanswered, so neither
    // back off nor count it towards giving up (as in CS144).
    if (this.#window > 0) {
      this.#retransmissions++;
      this.#timer.doubleRto();
    }
    this.#timer.start();
  }

  /** A message that occupies no sequence numbers, at the next seqno: for pure ACKs and RSTs. */
  makeEmptyMessage(): SenderMessage {
    return { seqno: wrap(this.#next, this.#isn), SYN: false, payload: EMPTY, FIN: false, RST: this.#input.hasError };
  }

  /** New data acknowledged up to absolute `ackno`: forget what it covers, reset backoff, restart the timer. */
  #acknowledge(ackno: number): void {
    this.#acked = ackno;
    const outstanding = this.#outstanding;
    let done = 0;
    while (done < outstanding.length) {
      const { start, message } = outstanding[done]!;
      if (start + sequenceLength(message) > ackno) break;
      done++;
    }
    if (done > 0) outstanding.splice(0, done);
    this.#timer.resetRto();
    this.#retransmissions = 0;
    // RFC 6298 (5.2), (5.3): stop when nothing is outstanding, otherwise restart for the rest.
    if (outstanding.length > 0) this.#timer.start();
    else this.#timer.stop();
  }

  /** Pops up to `count` bytes from the outbound stream into a new array. */
  #read(count: number): Uint8Array {
    if (count <= 0) return EMPTY;
    const input = this.#input;
    const payload = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const view = input.peek();
      if (view.length === 0) break;
      const n = Math.min(view.length, count - filled);
      payload.set(n === view.length ? view : view.subarray(0, n), filled);
      input.pop(n);
      filled += n;
    }
    return filled === count ? payload : payload.subarray(0, filled);
  }
}
