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
import { MAX_CONTROL_PAYLOAD, Opcode, type DecodeOptions, type Decoded, type Frame } from '@impl/frame-types.ts';

/** True for Close, Ping and Pong (opcodes with the high bit set, §5.5). */
export function isControl(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** Whether this machine stores a Uint32Array's words little-end first (every current JS platform does). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The opcodes in use, as bits: 0x0-0x2 and 0x8-0xA. */
const KNOWN_OPCODES = 0b0000_0111_0000_0111;

/** Payloads this long or longer are masked a 32-bit word at a time; for shorter ones a word view costs more than it saves. */
const WORD_MASK_FROM = 64;

/** Masks (or unmasks: XOR is its own inverse) `data` in place with the 4-byte `key`, as if `data` began at payload offset `offset` (§5.3). */
export function applyMask(data: Uint8Array, key: Uint8Array, offset = 0): void {
  // The key bytes in the order data[0], data[1], data[2], data[3] meet them.
  const k0 = key[offset & 3]!;
  const k1 = key[(offset + 1) & 3]!;
  const k2 = key[(offset + 2) & 3]!;
  const k3 = key[(offset + 3) & 3]!;
  let i = 0;
  if (data.length >= WORD_MASK_FROM && data.byteOffset % 4 === 0) {
    const word = LITTLE_ENDIAN ? (k0 | (k1 << 8) | (k2 << 16) | (k3 << 24)) >>> 0 : ((k0 << 24) | (k1 << 16) | (k2 << 8) | k3) >>> 0;
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
    for (let w = 0; w < words.length; w++) words[w]! ^= word;
    i = words.length * 4;
  }
  for (; i + 4 <= data.length; i += 4) {
    data[i]! ^= k0;
    data[i + 1]! ^= k1;
    data[i + 2]! ^= k2;
    data[i + 3]! ^= k3;
  }
  for (; i < data.length; i++) data[i]! ^= key[(offset + i) & 3]!;
}

/** Bytes of header a payload of `length` needs, without a masking key: 2, 4 or 10 (§5.2). */
export function headerLength(length: number): number {
  return length < 126 ? 2 : length <= 0xffff ? 4 : 10;
}

/**
 * Encodes `frame`. With `maskKey` (4 bytes), sets MASK, writes the key and
 * masks the payload, as every client frame must be (§5.3); the caller's
 * payload is never changed. Lengths use the shortest form (§5.2).
 */
export function encodeFrame(frame: Frame, maskKey?: Uint8Array): Uint8Array {
  const length = frame.payload.length;
  if (maskKey && maskKey.length !== 4) throw new RangeError(`a masking key is 4 bytes, got ${maskKey.length}`);
  if (!Number.isInteger(frame.opcode) || frame.opcode < 0 || frame.opcode > 15) throw new RangeError(`opcode must be 0-15, got ${frame.opcode}`);
  if (!Number.isInteger(frame.rsv) || frame.rsv < 0 || frame.rsv > 7) throw new RangeError(`rsv must be 0-7, got ${frame.rsv}`);
  const start = headerLength(length) + (maskKey ? 4 : 0);
  const out = new Uint8Array(start + length);
  out[0] = (frame.fin ? 0x80 : 0) | (frame.rsv << 4) | frame.opcode;
  const mask = maskKey ? 0x80 : 0;
  if (length < 126) {
    out[1] = mask | length;
  } else if (length <= 0xffff) {
    out[1] = mask | 126;
    out[2] = length >>> 8;
    out[3] = length & 0xff;
  } else {
    out[1] = mask | 127;
    const view = new DataView(out.buffer);
    view.setUint32(2, Math.floor(length / 2 ** 32));
    view.setUint32(6, length >>> 0);
  }
  out.set(frame.payload, start);
  if (maskKey) {
    out.set(maskKey, start - 4);
    applyMask(out.subarray(start), maskKey);
  }
  return out;
}

/** A frame's header, decoded and checked: everything but the payload. */
export interface FrameHeader {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  /** The payload's length in bytes. */
  length: number;
  /** The header's own length, masking key included: the payload starts this many bytes in. */
  size: number;
}

/** The longest header: 2 bytes, a 64-bit length and a masking key. */
export const MAX_HEADER_SIZE = 14;

/**
 * Decodes and checks the header at the start of `bytes`, or returns null when
 * more bytes are needed; throws as decodeFrame does. The masking key, when
 * `masked`, is the header's last 4 bytes.
 */
export function decodeHeader(bytes: Uint8Array, options: DecodeOptions): FrameHeader | null {
  if (bytes.length < 2) return null;
  const b0 = bytes[0]!;
  const b1 = bytes[1]!;
  const fin = (b0 & 0x80) !== 0;
  const rsv = (b0 >>> 4) & 0x7;
  const opcode = b0 & 0x0f;
  const masked = (b1 & 0x80) !== 0;
  const length7 = b1 & 0x7f;

  // §5.2: RSV1-3 MUST be 0 unless an extension defines them.
  if (rsv !== 0) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `reserved bits set (RSV ${rsv.toString(2).padStart(3, '0')}) with no extension negotiated`);
  if (((KNOWN_OPCODES >>> opcode) & 1) === 0) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `reserved opcode 0x${opcode.toString(16)}`);
  if (isControl(opcode)) {
    // §5.5: control frames MUST NOT be fragmented and MUST have a payload of 125 bytes or less.
    if (!fin) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `a control frame (opcode 0x${opcode.toString(16)}) must not be fragmented`);
    if (length7 > MAX_CONTROL_PAYLOAD) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `a control frame's payload is at most 125 bytes (length code ${length7})`);
  }
  // §5.1: a server MUST close on an unmasked frame; a client MUST close on a masked one.
  if (options.role === 'server' && !masked) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'a client frame must be masked');
  if (options.role === 'client' && masked) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'a server frame must not be masked');

  let length = length7;
  let size = 2;
  if (length7 === 126) {
    if (bytes.length < 4) return null;
    length = (bytes[2]! << 8) | bytes[3]!;
    // §5.2: "the minimal number of bytes MUST be used to encode the length".
    if (length < 126) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `length ${length} sent in the 16-bit form; it fits in 7 bits`);
    size = 4;
  } else if (length7 === 127) {
    if (bytes.length < 10) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, 10);
    const high = view.getUint32(2);
    // §5.2: the most significant bit of the 64-bit length MUST be 0.
    if (high & 0x80000000) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'the 64-bit length has its most significant bit set');
    length = high * 2 ** 32 + view.getUint32(6);
    if (length <= 0xffff) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `length ${length} sent in the 64-bit form; it fits in 16 bits`);
    size = 10;
  }
  if (length > (options.maxPayload ?? Number.MAX_SAFE_INTEGER)) {
    throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, `a payload of ${length} bytes is over the limit of ${options.maxPayload}`);
  }
  if (masked) size += 4;
  if (bytes.length < size) return null;
  return { fin, rsv, opcode, masked, length, size };
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
  const header = decodeHeader(bytes, options);
  if (!header) return null;
  const { fin, rsv, opcode, masked, length, size } = header;
  if (bytes.length < size + length) return null;
  // A copy: the caller may reuse its buffer, and unmasking must not change the bytes it holds.
  const payload = bytes.slice(size, size + length);
  if (masked) applyMask(payload, bytes.subarray(size - 4, size));
  return { value: { fin, rsv, opcode, payload }, bytesRead: size + length };
}
