/**
 * A streaming frame parser: TCP delivers bytes, not frames, so a read may
 * hold half a header, or three frames and the start of a fourth. Bytes go in
 * as they come; whole frames come out, in order, and each payload byte is
 * copied once, into the payload the frame is handed out with.
 */
import { CloseCode, ProtocolError } from '@impl/close-codes.ts';
import type { DecodeOptions, Frame } from '@impl/frame-types.ts';
import { applyMask, decodeFrame, decodeHeader, MAX_HEADER_SIZE, type FrameHeader } from './frame.ts';

/** What #payload holds between frames: nothing, and never handed out. */
const NO_PAYLOAD: Uint8Array = new Uint8Array(0);

export class FrameParser {
  readonly #options: DecodeOptions;
  /** The start of a header cut by the end of a chunk: head[0, headHeld). */
  readonly #head = new Uint8Array(MAX_HEADER_SIZE);
  #headHeld = 0;
  /** The frame whose payload is still arriving, its final-size payload, and how much of it has come. */
  #header: FrameHeader | undefined;
  #key: Uint8Array | undefined;
  #payload = NO_PAYLOAD;
  #filled = 0;
  #error: ProtocolError | undefined;

  /** Decodes as `options.role` with `options.maxPayload` (see decodeFrame). */
  constructor(options: DecodeOptions) {
    this.#options = options;
  }

  /** Bytes held waiting for the rest of a frame. */
  get bytesBuffered(): number {
    return this.#header ? this.#header.size + this.#filled : this.#headHeld;
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
    let at = 0;
    while (at < chunk.length) {
      if (!this.#header && this.#headHeld === 0) {
        // Fast path: a whole frame in the chunk is decoded straight from it.
        const decoded = decodeFrame(chunk.subarray(at), this.#options);
        if (decoded) {
          frames.push(decoded.value);
          at += decoded.bytesRead;
          continue;
        }
      }
      if (!this.#header) {
        at = this.#takeHeader(chunk, at);
        if (!this.#header) break;
      }
      at = this.#takePayload(chunk, at);
      if (this.#filled < this.#payload.length) break;
      frames.push(this.#finish());
    }
    return frames;
  }

  /** Reads header bytes from chunk[at…]; once the header is whole, starts its frame's payload. Returns where reading stopped. */
  #takeHeader(chunk: Uint8Array, at: number): number {
    const taken = Math.min(MAX_HEADER_SIZE - this.#headHeld, chunk.length - at);
    this.#head.set(chunk.subarray(at, at + taken), this.#headHeld);
    const header = decodeHeader(this.#head.subarray(0, this.#headHeld + taken), this.#options);
    if (!header) {
      this.#headHeld += taken;
      return at + taken;
    }
    const used = header.size - this.#headHeld;
    this.#headHeld = 0;
    this.#header = header;
    // The header buffer is reused, so the key is copied out of it.
    this.#key = header.masked ? this.#head.slice(header.size - 4, header.size) : undefined;
    this.#payload = allocate(header.length);
    this.#filled = 0;
    return at + used;
  }

  /** Copies what chunk[at…] holds of the payload into place. Returns where reading stopped. */
  #takePayload(chunk: Uint8Array, at: number): number {
    const taken = Math.min(this.#payload.length - this.#filled, chunk.length - at);
    this.#payload.set(chunk.subarray(at, at + taken), this.#filled);
    this.#filled += taken;
    return at + taken;
  }

  /** The frame whose payload is complete, unmasked in place. */
  #finish(): Frame {
    const { fin, rsv, opcode } = this.#header!;
    const payload = this.#payload;
    if (this.#key) applyMask(payload, this.#key);
    this.#header = this.#key = undefined;
    this.#payload = NO_PAYLOAD;
    return { fin, rsv, opcode, payload };
  }
}

/**
 * The payload's final-size array. decodeHeader has refused a length over
 * maxPayload; without one, a length no array can hold is too big too (1009),
 * not a RangeError that would escape the connection.
 */
function allocate(length: number): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch {
    throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, `a payload of ${length} bytes is more than this endpoint can hold`);
  }
}
