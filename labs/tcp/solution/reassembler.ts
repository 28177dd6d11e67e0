/**
 * The reassembler puts substrings of a byte stream, which may arrive out of order,
 * overlapping and duplicated, back in order, and pushes each byte into the output
 * ByteStream as soon as every byte before it is known (RFC 9293 §3.4: the receiver
 * uses sequence numbers to put segments back in order and drop duplicates).
 *
 * Stream indices: index 0 is the first byte of the stream. Relative to the output
 * stream, every index falls into one of four regions:
 *   [0, bytesPushed)                       already pushed (or popped): ignore
 *   [bytesPushed, firstUnacceptable)        the window: keep until it can be pushed
 *   [firstUnacceptable, ∞)                  beyond the capacity: discard
 * where firstUnacceptable = bytesPushed + availableCapacity.
 *
 * Pending bytes are kept as sorted, non-overlapping pieces, so each arriving byte is
 * copied at most once into the pending store and once into the stream.
 */
import type { ByteStream } from './byte-stream.ts';

/** Puts substrings back in stream order and writes them to `output`. */
export class Reassembler {
  readonly #output: ByteStream;
  /** Start index of each pending piece, ascending; pieces never overlap. */
  readonly #starts: number[] = [];
  readonly #pieces: Uint8Array[] = [];
  #pending = 0;
  /** Index just past the last byte of the stream, once the last substring has been seen. */
  #end: number | undefined;

  constructor(output: ByteStream) {
    this.#output = output;
  }

  /** The stream the reassembled bytes go to. */
  get output(): ByteStream {
    return this.#output;
  }

  /**
   * Accepts `data` whose first byte has stream index `firstIndex`. Keeps what falls in
   * the window, pushes every byte that is now in order, and closes the output once the
   * last byte (the end of the substring marked `isLastSubstring`) has been pushed.
   */
  insert(firstIndex: number, data: Uint8Array, isLastSubstring: boolean): void {
    const output = this.#output;
    if (isLastSubstring) this.#end = firstIndex + data.length;
    const next = output.bytesPushed;
    const limit = Math.min(next + output.availableCapacity, this.#end ?? Infinity);
    const start = Math.max(firstIndex, next);
    const end = Math.min(firstIndex + data.length, limit);

    if (start < end) {
      if (start === next) {
        // In order: straight into the stream, no stop in the pending store.
        output.push(data.subarray(start - firstIndex, end - firstIndex));
      } else {
        this.#store(start, data.subarray(start - firstIndex, end - firstIndex));
      }
      this.#flush();
    }
    if (this.#end !== undefined && output.bytesPushed === this.#end) output.close();
  }

  /** Bytes held (counted once, however often they arrived) and not yet pushed. */
  get bytesPending(): number {
    return this.#pending;
  }

  /** Saves the parts of `bytes` (starting at stream index `start`) no pending piece already holds. */
  #store(start: number, bytes: Uint8Array): void {
    const starts = this.#starts;
    const pieces = this.#pieces;
    const end = start + bytes.length;
    // Skip the pieces that end at or before `start` (binary search: ends ascend too).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! + pieces[mid]!.length <= start) lo = mid + 1;
      else hi = mid;
    }
    let i = lo;
    let cursor = start;
    while (cursor < end) {
      const pieceStart = starts[i];
      if (pieceStart !== undefined && pieceStart <= cursor) {
        cursor = Math.max(cursor, pieceStart + pieces[i]!.length);
        i++;
        continue;
      }
      const gapEnd = pieceStart === undefined ? end : Math.min(end, pieceStart);
      // A copy: the caller may reuse its buffer once insert returns.
      starts.splice(i, 0, cursor);
      pieces.splice(i, 0, bytes.slice(cursor - start, gapEnd - start));
      this.#pending += gapEnd - cursor;
      i++;
      cursor = gapEnd;
    }
  }

  /** Pushes pending pieces that are now in order; drops the parts already pushed. */
  #flush(): void {
    const output = this.#output;
    const starts = this.#starts;
    const pieces = this.#pieces;
    let done = 0;
    while (done < starts.length) {
      const next = output.bytesPushed;
      const pieceStart = starts[done]!;
      if (pieceStart > next) break;
      const piece = pieces[done]!;
      const skip = next - pieceStart;
      if (skip < piece.length) output.push(skip === 0 ? piece : piece.subarray(skip));
      this.#pending -= piece.length;
      done++;
    }
    if (done > 0) {
      starts.splice(0, done);
      pieces.splice(0, done);
    }
  }
}
