/**
 * A port number on the wire (RFC 793 §3.1: 16 bits, network byte order).
 * The learner's file: the starter's doc comments are the specification.
 */
import { readU16 } from '@impl/bytes.ts';

/** The largest port number. */
export const MAX_PORT = 0xffff;

/** The two bytes of `port`, most significant first; throws RangeError unless 0 ≤ port ≤ MAX_PORT is an integer. */
export function encodePort(port: number): Uint8Array {
  throw new Error(`TODO(encode): write ${port} as two big-endian bytes`);
}

/** The port number at `offset`; throws the given TruncatedError when the bytes end first. */
export function decodePort(bytes: Uint8Array, offset = 0): number {
  throw new Error(`TODO(decode): read the port at offset ${offset} of ${bytes.length} bytes (the given readU16 does the reading)`);
}
