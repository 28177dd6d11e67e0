/**
 * The Dubbo frame: the 16-byte header of given/frame-layout.ts, then the body;
 * and a decoder for a stream of them.
 */
// given/bytes.ts has what you need: readU16, readU32, readU64, writeU16, writeU32, writeU64, concat.
import { DEFAULT_MAX_BODY, type DecodeEvent, type Frame, type FrameHeader } from '@impl/frame-layout.ts';

/** The frame's bytes: header then body. Throws RangeError for a field out of its range. */
export function encodeFrame(frame: Frame): Uint8Array {
  throw new Error('TODO(frame): write the 16-byte header, then the body');
}

/** The header fields and body length of the 16 bytes at `offset` (the magic is the decoder's to check). */
export function decodeHeader(bytes: Uint8Array, offset = 0): FrameHeader & { length: number } {
  throw new Error('TODO(frame): read the flags, status, request id and body length');
}

/**
 * Turns a byte stream, in chunks cut anywhere, into frames. Bytes that do not
 * yet make a frame are kept; an oversize body is counted off as it arrives,
 * never kept; after a bad magic nothing more is decoded.
 */
export class FrameDecoder {
  /** The largest body accepted; a longer one is reported and skipped. */
  readonly maxBody: number;

  constructor(options: { maxBody?: number } = {}) {
    this.maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  }

  /** True once a bad magic was seen: the connection must be closed. */
  get failed(): boolean {
    throw new Error('TODO(frame): say whether a bad magic was seen');
  }

  /** Takes the next chunk; returns what it completed, in order. */
  push(chunk: Uint8Array): DecodeEvent[] {
    throw new Error('TODO(frame): keep the bytes, and return every frame they complete');
  }

  /** The stream has ended: reports the frame it ended inside, if any. */
  end(): DecodeEvent[] {
    throw new Error('TODO(frame): report a frame the stream ended inside');
  }
}
