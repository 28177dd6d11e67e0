/**
 * The frame's vocabulary (RFC 6455 §5.2): the opcodes, one frame's shape and
 * how to decode it. frame.ts encodes and decodes frames of this shape; the
 * parser, the assembler and the connection pass them around.
 */

/** Opcodes (RFC 6455 §5.2, §11.8); 3-7 and 0xB-0xF are reserved. */
export const Opcode = {
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
} as const;

/** One frame, with its payload unmasked. */
export interface Frame {
  /** The final fragment of a message (§5.4). */
  fin: boolean;
  /** The three reserved bits as a number 0-7 (RSV1 = 4); non-zero only with an extension (§5.2). */
  rsv: number;
  /** One of Opcode (or, when decoded before validation fails, anything 0-15). */
  opcode: number;
  /** Application data, already unmasked. */
  payload: Uint8Array;
}

/** Who is decoding: a server requires masked frames, a client unmasked ones (RFC 6455 §5.1). */
export type Role = 'server' | 'client';

/** How to decode. */
export interface DecodeOptions {
  role: Role;
  /** Largest payload accepted, in bytes; a bigger one is refused with 1009. Default: no limit beyond 2^53 − 1. */
  maxPayload?: number;
}

/** A decoded frame, and how many bytes it took. */
export interface Decoded {
  value: Frame;
  bytesRead: number;
}

/** Largest payload of a control frame (§5.5: 125 bytes, so the length fits in the first 7 bits). */
export const MAX_CONTROL_PAYLOAD = 125;
