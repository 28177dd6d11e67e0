/**
 * A streaming frame parser: TCP delivers bytes, not frames, so a read may
 * hold half a header, or three frames and the start of a fourth. Bytes go in
 * as they come; whole frames come out, in order, and nothing is copied more
 * than once.
 */
import { ProtocolError } from '@impl/close-codes.ts';
import { decodeFrame, type DecodeOptions, type Frame } from './frame.ts';

export class FrameParser {
  readonly #options: DecodeOptions;
  /** Bytes received but not yet part of a decoded frame: buffer[start, end). */
  #buffer = new Uint8Array(0);
  #start = 0;
  #end = 0;
  #error: ProtocolError | undefined;

  /** Decodes as `options.role` with `options.maxPayload` (see decodeFrame). */
  constructor(options: DecodeOptions) {
    this.#options = options;
  }

  /** Bytes held waiting for the rest of a frame. */
  get bytesBuffered(): number {
    return this.#end - this.#start;
  }

  /**
   * Takes the next chunk of the stream and returns every frame it completes,
   * in order. Throws the decoder's ProtocolError at the first bad frame (the
   * frames before it in the same chunk are lost with the connection), and
   * the same error on every later push: a failed stream stays failed (§7.1.7).
   */
  push(chunk: Uint8Array): Frame[] {
    if (this.#error) throw this.#error;
    try {
      return this.#frames(chunk);
    } catch (error) {
      if (error instanceof ProtocolError) this.#error = error;
      throw error;
    }
  }

  #frames(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let rest = chunk;
    if (this.bytesBuffered === 0) {
      // Fast path: decode straight from the chunk; only a partial frame at its end is kept.
      let decoded;
      while ((decoded = decodeFrame(rest, this.#options))) {
        frames.push(decoded.value);
        rest = rest.subarray(decoded.bytesRead);
      }
      this.#append(rest);
      return frames;
    }
    this.#append(rest);
    let decoded;
    while ((decoded = decodeFrame(this.#buffer.subarray(this.#start, this.#end), this.#options))) {
      frames.push(decoded.value);
      this.#start += decoded.bytesRead;
    }
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return frames;
  }

  /** Appends to the buffer, compacting or doubling it as needed, so each byte is copied in once. */
  #append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const held = this.#end - this.#start;
    if (this.#end + bytes.length > this.#buffer.length) {
      const needed = held + bytes.length;
      if (2 * needed <= this.#buffer.length) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        const bigger = new Uint8Array(Math.max(1024, 2 * needed));
        bigger.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = bigger;
      }
      this.#start = 0;
      this.#end = held;
    }
    this.#buffer.set(bytes, this.#end);
    this.#end += bytes.length;
  }
}
