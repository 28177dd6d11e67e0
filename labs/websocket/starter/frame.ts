/**
 * The base framing protocol (RFC 6455 §5.2): one frame to bytes and back.
 *
 *   0               1               2               3
 *   FIN RSV1-3 opcode(4) | MASK len(7) | ext. len (0, 2 or 8 bytes) | masking key (0 or 4) | payload
 *
 * `decodeFrame` checks everything the header alone can break as soon as the
 * bytes for it are there, so a hostile peer is refused before its payload
 * arrives.
 */
import { CloseCode, ProtocolError } from '@impl/close-codes.ts';
import { MAX_CONTROL_PAYLOAD, Opcode, type Decoded, type DecodeOptions, type Frame } from '@impl/frame-types.ts';

/** True for Close, Ping and Pong (opcodes with the high bit set, §5.5). */
export function isControl(opcode: number): boolean {
  throw new Error('TODO(frames): control opcodes are 0x8 and up');
}

/** Masks (or unmasks: XOR is its own inverse) `data` in place with the 4-byte `key`, as if `data` began at payload offset `offset` (§5.3). */
export function applyMask(data: Uint8Array, key: Uint8Array, offset = 0): void {
  throw new Error('TODO(frames): byte i is XORed with key[(offset + i) mod 4]');
}

/** Bytes of header a payload of `length` needs, without a masking key: 2, 4 or 10 (§5.2). */
export function headerLength(length: number): number {
  throw new Error('TODO(frames): 0-125 fit in the second byte; 126 announces 16 bits, 127 announces 64');
}

/**
 * Encodes `frame`. With `maskKey` (4 bytes), sets MASK, writes the key and
 * masks the payload, as every client frame must be (§5.3); the caller's
 * payload is never changed. Lengths use the shortest form (§5.2).
 */
export function encodeFrame(frame: Frame, maskKey?: Uint8Array): Uint8Array {
  throw new Error('TODO(frames): FIN, RSV and opcode; MASK and the length; the key; the (masked) payload');
}

/**
 * Decodes the frame at the start of `bytes`, or returns null when more bytes
 * are needed. Throws ProtocolError as soon as the bytes present show a
 * violation: reserved bits set (no extension is negotiated), a reserved
 * opcode, a fragmented or over-long control frame, a client frame without
 * MASK or a server frame with it, a length not in its shortest form or with
 * the 64-bit length's top bit set — all 1002 — and a payload over
 * `maxPayload` (1009).
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions): Decoded | null {
  throw new Error('TODO(frames): read the header field by field, checking each rule as soon as its bytes are there');
}
