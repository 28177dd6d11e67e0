/**
 * Byte-level helpers shared by every codec: the `{ value, bytesRead }` shape
 * decoders return, big-endian reads (RFC 791 Appendix B: "network order",
 * most significant octet first) that fail with FrameError 'truncated' instead
 * of reading `undefined`, and range checks for values about to be written.
 */
import { FrameError } from './errors.ts';

/** What every decoder returns: the value, and how many bytes it consumed starting at `offset`. */
export interface Decoded<T> {
  value: T;
  bytesRead: number;
}

/** Options every decoder that checks a checksum accepts. */
export interface DecodeOptions {
  /** Throw FrameError 'bad-checksum' when a checksum does not verify. Default true. */
  verifyChecksum?: boolean;
}

/** Throws FrameError 'truncated' unless `bytes` holds `length` bytes from `offset`; `what` names the field. */
export function checkAvailable(bytes: Uint8Array, offset: number, length: number, what: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + length > bytes.length) {
    throw new FrameError(
      'truncated',
      `${what} needs ${length} byte${length === 1 ? '' : 's'}, only ${Math.max(0, bytes.length - Math.max(0, offset))} left`,
      offset,
    );
  }
}

/** Reads a big-endian 16-bit unsigned integer; the caller has checked the bytes are there. */
export function getU16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/** Reads a big-endian 32-bit unsigned integer; the caller has checked the bytes are there. */
export function getU32(bytes: Uint8Array, offset: number): number {
  // Multiply instead of `<< 24`, which would make the result negative when the top bit is set.
  return (bytes[offset] ?? 0) * 0x1000000 + (((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
}

/** Writes a big-endian 16-bit value at `offset`. */
export function setU16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 8) & 0xff;
  bytes[offset + 1] = value & 0xff;
}

/** Writes a big-endian 32-bit value at `offset`. */
export function setU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/** Throws FrameError 'value-out-of-range' unless `value` is an integer in [0, max]. */
export function checkRange(value: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new FrameError('value-out-of-range', `${field} ${value} does not fit (0–${max})`);
  }
}

/** The concatenation of `parts`. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
