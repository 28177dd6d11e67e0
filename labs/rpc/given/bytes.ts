/**
 * Given code: the learner reads it and imports it as `@impl/bytes.ts`, but
 * never edits it. Given files import only other given files.
 */

/** Bytes that end before the field being read. */
export class TruncatedError extends Error {
  override name = 'TruncatedError';
}

/** The big-endian 16-bit number at `offset`; throws TruncatedError when fewer than two bytes are left. */
export function readU16(bytes: Uint8Array, offset: number): number {
  if (offset < 0 || offset + 2 > bytes.length) throw new TruncatedError(`need 2 bytes at offset ${offset}, have ${Math.max(0, bytes.length - offset)}`);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}
