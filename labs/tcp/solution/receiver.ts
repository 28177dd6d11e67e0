/**
 * The receiving half of a TCP endpoint: turns the peer's segments into the inbound
 * byte stream, and says what to acknowledge and how much more it may send.
 *
 * Absolute sequence numbers vs stream indices (RFC 9293 §3.4): the SYN takes absolute
 * sequence number 0, so stream byte i has absolute sequence number i + 1, and the FIN
 * takes the one after the last byte.
 *
 *   element          SYN   'c'   'a'   't'   FIN
 *   seqno            isn  isn+1 isn+2 isn+3 isn+4
 *   absolute seqno    0     1     2     3     4
 *   stream index            0     1     2
 */
import type { ByteStream } from './byte-stream.ts';
import type { Reassembler } from './reassembler.ts';
import { MAX_WINDOW, type ReceiverMessage, type SenderMessage } from '@impl/segment.ts';
import { unwrap, wrap } from './wrap32.ts';

/** The receiving half of an endpoint: segments in, acknowledgments and windows out. */
export class TcpReceiver {
  readonly #reassembler: Reassembler;
  /** The peer's initial sequence number, once its SYN has arrived. */
  #isn: number | undefined;

  constructor(reassembler: Reassembler) {
    this.#reassembler = reassembler;
  }

  /** The reassembler the payloads go into. */
  get reassembler(): Reassembler {
    return this.#reassembler;
  }

  /** The inbound stream the application reads (the reassembler's output). */
  get stream(): ByteStream {
    return this.#reassembler.output;
  }

  /** Takes the sending half of a segment from the peer. */
  receive(message: SenderMessage): void {
    const stream = this.stream;
    // RFC 9293 §3.10.7.4: a reset aborts the connection; the application sees an error.
    if (message.RST) {
      stream.setError();
      return;
    }
    if (this.#isn === undefined) {
      // Before the SYN there is no ISN, so no way to place anything: drop it.
      if (!message.SYN) return;
      this.#isn = message.seqno;
    }
    // The next absolute seqno we need is the best guess of where the peer is (RFC 9293 §3.4).
    const checkpoint = stream.bytesPushed + 1;
    const absolute = unwrap(message.seqno, this.#isn, checkpoint);
    const streamIndex = absolute + (message.SYN ? 1 : 0) - 1;
    // A segment without SYN whose seqno is the ISN claims the SYN's place: invalid.
    if (streamIndex < 0) return;
    this.#reassembler.insert(streamIndex, message.payload, message.FIN);
  }

  /** What to tell the peer now: the next seqno needed (after the SYN), the window, and RST on error. */
  send(): ReceiverMessage {
    const stream = this.stream;
    // RFC 9293 §3.8.6: the window is the free buffer space; without window scaling
    // (RFC 7323) the 16-bit field cannot say more than 65535.
    const message: ReceiverMessage = { window: Math.min(stream.availableCapacity, MAX_WINDOW), RST: stream.hasError };
    if (this.#isn !== undefined) {
      // SYN + bytes assembled, + FIN once the stream is closed (all bytes before it are in).
      const next = 1 + stream.bytesPushed + (stream.isClosed ? 1 : 0);
      message.ackno = wrap(next, this.#isn);
    }
    return message;
  }
}
