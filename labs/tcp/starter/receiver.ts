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
import type { ReceiverMessage, SenderMessage } from '@impl/segment.ts';

/** The receiving half of an endpoint: segments in, acknowledgments and windows out. */
export class TcpReceiver {
  readonly #reassembler: Reassembler;

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

  /**
   * Takes the sending half of a segment from the peer.
   * - RST: set the stream's error, nothing else.
   * - Before any SYN has arrived, ignore everything else; the first SYN's seqno is the ISN.
   * - Insert the payload at its stream index (unwrap the seqno with the next needed
   *   absolute seqno as checkpoint; the SYN, if set, comes before the payload), with the
   *   FIN flag as "last substring". A segment without SYN whose seqno is the ISN
   *   itself is invalid: ignore it.
   */
  receive(message: SenderMessage): void {
    throw new Error('TODO(receiver): ISN from the SYN, then payload into the reassembler at its stream index');
  }

  /**
   * What to tell the peer now:
   * - ackno: absent until a SYN has arrived; then the seqno of the next sequence number
   *   needed: SYN + bytes pushed into the stream + FIN once the stream is closed.
   * - window: the stream's available capacity, at most 65535 (MAX_WINDOW: the 16-bit
   *   field, no window scaling).
   * - RST: whether the stream has an error.
   */
  send(): ReceiverMessage {
    throw new Error('TODO(receiver): ackno (after SYN), window = min(available capacity, 65535), RST');
  }
}
