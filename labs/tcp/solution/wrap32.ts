/**
 * Sequence numbers wrap; stream positions do not. A TCP sequence number is 32 bits
 * and starts at a random initial sequence number (ISN) (RFC 9293 §3.4.1), so on the
 * wire byte k of a connection is (ISN + k) mod 2^32. Inside the endpoint we count
 * with absolute sequence numbers that start at 0 (the SYN) and never wrap.
 *
 * Choice of type: absolute sequence numbers are plain JavaScript numbers. Integers are
 * exact up to 2^53, and the arithmetic below never goes more than 2^32 above its
 * inputs, so everything is exact for absolute numbers below 2^53 − 2^32 (about 9 PB
 * in one connection: more than any transfer needs). Numbers keep the hot path free of
 * BigInt allocations and let seqnos, indices and lengths mix without conversions.
 */

/** 2^32: the size of the sequence number space (RFC 9293 §3.4). */
export const SEQUENCE_SPACE = 2 ** 32;

/** The 32-bit sequence number of absolute sequence number `n` for a connection whose ISN is `isn`. */
export function wrap(n: number, isn: number): number {
  // n mod 2^32 first, so the sum never leaves the exact range of a double.
  return ((n % SEQUENCE_SPACE) + isn) % SEQUENCE_SPACE;
}

/**
 * The absolute sequence number that wraps to `seqno` and lies closest to `checkpoint`
 * (a recent absolute sequence number, e.g. the next byte expected). Many absolute numbers
 * wrap to the same seqno, 2^32 apart; the checkpoint picks the one the peer must mean,
 * since a real peer never has more than 2^31 bytes in flight (RFC 9293 §3.4).
 * Never negative; when two candidates are equally close, either may be returned.
 */
export function unwrap(seqno: number, isn: number, checkpoint: number): number {
  // Distance from the ISN, in [0, 2^32): the absolute number modulo 2^32.
  const offset = (((seqno - isn) % SEQUENCE_SPACE) + SEQUENCE_SPACE) % SEQUENCE_SPACE;
  // The candidate in the same 2^32-sized block as the checkpoint; the nearest is it or a neighbour.
  const candidate = checkpoint - (checkpoint % SEQUENCE_SPACE) + offset;
  const half = SEQUENCE_SPACE / 2;
  if (candidate > checkpoint + half && candidate >= SEQUENCE_SPACE) return candidate - SEQUENCE_SPACE;
  if (candidate + half < checkpoint) return candidate + SEQUENCE_SPACE;
  return candidate;
}
