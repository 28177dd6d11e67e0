/**
 * The reassembler puts substrings of a byte stream, which may arrive out of order,
 * overlapping and duplicated, back in order, and pushes each byte into the output
 * ByteStream as soon as every byte before it is known (RFC 9293 §3.4: the receiver
 * uses sequence numbers to put segments back in order and drop duplicates).
 *
 * Stream indices: index 0 is the first byte of the stream. Relative to the output
 * stream, every index falls into one of three regions:
 *   [0, bytesPushed)                   already pushed (maybe read): ignore
 *   [bytesPushed, firstUnacceptable)   the window: keep until it can be pushed
 *   [firstUnacceptable, ∞)             beyond the capacity: discard
 * where firstUnacceptable = bytesPushed + availableCapacity of the output.
 */
import type { ByteStream } from './byte-stream.ts';

/** Puts substrings back in stream order and writes them to `output`. */
export class Reassembler {
  readonly #output: ByteStream;

  constructor(output: ByteStream) {
    this.#output = output;
  }

  /** The stream the reassembled bytes go to. */
  get output(): ByteStream {
    return this.#output;
  }

  /**
   * Accepts `data` whose first byte has stream index `firstIndex`.
   * - Bytes before the output's bytesPushed were already pushed: ignore them.
   * - Bytes at or after firstUnacceptable do not fit: discard them.
   * - Keep the rest until every byte before them is known, then push them, in order.
   * - `isLastSubstring` says that the stream ends with this substring's last byte
   *   (at firstIndex + data.length), even when part of it had to be discarded.
   *   Close the output once every byte up to that end has been pushed.
   * Keep a copy of what you store: the caller may reuse `data`.
   */
  insert(firstIndex: number, data: Uint8Array, isLastSubstring: boolean): void {
    throw new Error('TODO(reassembler): push what is in order, keep what fits in the window, close at the end');
  }

  /** Bytes held and not yet pushed, each counted once however often it arrived. */
  get bytesPending(): number {
    throw new Error('TODO(reassembler): count the distinct bytes you are holding');
  }
}
