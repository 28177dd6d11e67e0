/**
 * The Internet checksum (RFC 1071), used by the IPv4 header, ICMP, UDP and
 * TCP: add the data as 16-bit big-endian words in one's-complement
 * arithmetic (a carry out of bit 15 is added back in at bit 0, the
 * "end-around carry"), then send the complement of the sum.
 *
 * Why it verifies so simply: the receiver sums everything, checksum field
 * included. The data sums to S, the field holds ~S, and S + ~S is 0xffff
 * ("all ones", negative zero) whenever the bytes arrived unchanged.
 */
import { checkRange } from '@impl/bytes.ts';

/**
 * The folded 16-bit one's-complement sum of `data` read as big-endian 16-bit
 * words, plus `initial` (a partial sum to continue from, e.g. a pseudo-header's).
 * An odd final byte counts as the high byte of a word whose low byte is zero
 * (RFC 1071 §4.1; RFC 9293 §3.1, "padded on the right with zeros"). Returns
 * 0–0xffff, NOT complemented.
 */
export function onesComplementSum(data: Uint8Array, initial = 0): number {
  throw new Error('TODO(checksum): add up the big-endian 16-bit words (an odd last byte is the high half of a word), then add the carries above bit 15 back in until the sum fits 16 bits');
}

/**
 * The checksum to put in a header: the complement of onesComplementSum(data, initial),
 * computed with the checksum field itself set to zero (RFC 1071 §1 (2)).
 */
export function internetChecksum(data: Uint8Array, initial = 0): number {
  throw new Error('TODO(checksum): the complement of onesComplementSum, kept to 16 bits');
}

/**
 * True when `data`, checksum field included, sums to 0xffff — the receiver's
 * check (RFC 1071 §1 (3)). Equivalently, internetChecksum(data, initial) is 0.
 */
export function verifyChecksum(data: Uint8Array, initial = 0): boolean {
  throw new Error('TODO(checksum): compare onesComplementSum(data, initial) with 0xffff');
}

/**
 * Updates `checksum` after one 16-bit word of the covered data changed from
 * `oldWord` to `newWord`, without summing everything again, as a router does
 * when it decrements the TTL: HC' = ~(~HC + ~m + m') (RFC 1624 §3, eqn. 3).
 * Throws FrameError 'value-out-of-range' for an argument outside 0–0xffff.
 */
export function updateChecksum(checksum: number, oldWord: number, newWord: number): number {
  throw new Error("TODO(checksum): one's-complement add ~checksum, ~oldWord and newWord (16-bit complements), fold the carries, complement the result");
}
