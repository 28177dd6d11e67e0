/**
 * A port number on the wire (RFC 793 §3.1: 16 bits, network byte order).
 * The learner's file: the starter's doc comments are the specification.
 */
import { readU16 } from '@impl/bytes.ts';

/** The largest port number. */
export const MAX_PORT = 0xffff;

/** The two bytes of `port`, most significant first; throws RangeError unless 0 ≤ port ≤ MAX_PORT is an integer. */
export function encodePort(port: number): Uint8Array {
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new RangeError(`${port} is not a port number (0–${MAX_PORT})`);
  return new Uint8Array([port >> 8, port & 0xff]);
}

/** The port number at `offset`; throws the given TruncatedError when the bytes end first. */
export function decodePort(bytes: Uint8Array, offset = 0): number {
  return readU16(bytes, offset);
}
