/**
 * A streaming frame parser: TCP delivers bytes, not frames, so a read may
 * hold half a header, or three frames and the start of a fourth. Bytes go in
 * as they come; whole frames come out, in order, and nothing is copied more
 * than once.
 */
import { ProtocolError } from '@impl/close-codes.ts';
import type { DecodeOptions, Frame } from '@impl/frame-types.ts';
import { decodeFrame } from './frame.ts';

export class FrameParser {
  readonly #options: DecodeOptions;

  /** Decodes as `options.role` with `options.maxPayload` (see decodeFrame). */
  constructor(options: DecodeOptions) {
    this.#options = options;
  }

  /** Bytes held waiting for the rest of a frame. */
  get bytesBuffered(): number {
    throw new Error('TODO(parser): how many bytes are held for an unfinished frame');
  }

  /**
   * Takes the next chunk of the stream and returns every frame it completes,
   * in order. Throws the decoder's ProtocolError at the first bad frame (the
   * frames before it in the same chunk are lost with the connection), and
   * the same error on every later push: a failed stream stays failed (§7.1.7).
   */
  push(chunk: Uint8Array): Frame[] {
    throw new Error('TODO(parser): append the chunk to what is held, then decodeFrame in a loop until it returns null');
  }
}
