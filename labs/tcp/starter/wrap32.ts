/**
 * Sequence numbers wrap; stream positions do not. A TCP sequence number is 32 bits
 * and starts at a random initial sequence number (ISN) (RFC 9293 §3.4.1), so on the
 * wire absolute sequence number n is (ISN + n) mod 2^32. Inside the endpoint we count
 * with absolute sequence numbers that start at 0 (the SYN) and never wrap.
 *
 * Absolute sequence numbers are plain JavaScript numbers: integers are exact up to
 * 2^53, which is plenty for one connection, as long as no step of your arithmetic
 * goes far beyond its inputs (watch out for n + isn with n near 2^53, and note that
 * `%` keeps the sign of its left operand: (−1) % 2^32 is −1).
 */

/** 2^32: the size of the sequence number space (RFC 9293 §3.4). */
export const SEQUENCE_SPACE = 2 ** 32;

/** The 32-bit sequence number of absolute sequence number `n` (0 ≤ n < 2^53) when the ISN is `isn`: (isn + n) mod 2^32. */
export function wrap(n: number, isn: number): number {
  throw new Error('TODO(wrap32): (isn + n) mod 2^32, without leaving the exact range of a number');
}

/**
 * The absolute sequence number that wraps to `seqno` and lies closest to `checkpoint`
 * (a recent absolute sequence number, e.g. the next byte expected). Many absolute
 * numbers wrap to the same seqno, 2^32 apart; the checkpoint picks the one the peer
 * must mean. Never negative; when two are equally close (2^31 away), either will do.
 */
export function unwrap(seqno: number, isn: number, checkpoint: number): number {
  throw new Error('TODO(wrap32): find the offset from the ISN, then the candidate nearest the checkpoint');
}
