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
  let sum = initial;
  const even = data.length - (data.length % 2);
  for (let i = 0; i < even; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  // RFC 1071 §4.1: "Add left-over byte, if any" — as the high half of a zero-padded word.
  if (even < data.length) sum += data[even]! << 8;
  return fold(sum);
}

/**
 * The checksum to put in a header: the complement of onesComplementSum(data, initial),
 * computed with the checksum field itself set to zero (RFC 1071 §1 (2)).
 */
export function internetChecksum(data: Uint8Array, initial = 0): number {
  return ~onesComplementSum(data, initial) & 0xffff;
}

/**
 * True when `data`, checksum field included, sums to 0xffff — the receiver's
 * check (RFC 1071 §1 (3)). Equivalently, internetChecksum(data, initial) is 0.
 */
export function verifyChecksum(data: Uint8Array, initial = 0): boolean {
  return onesComplementSum(data, initial) === 0xffff;
}

/**
 * Updates `checksum` after one 16-bit word of the covered data changed from
 * `oldWord` to `newWord`, without summing everything again, as a router does
 * when it decrements the TTL: HC' = ~(~HC + ~m + m') (RFC 1624 §3, eqn. 3).
 * Throws FrameError 'value-out-of-range' for an argument outside 0–0xffff.
 */
export function updateChecksum(checksum: number, oldWord: number, newWord: number): number {
  checkRange(checksum, 0xffff, 'checksum');
  checkRange(oldWord, 0xffff, 'old word');
  checkRange(newWord, 0xffff, 'new word');
  // Eqn. 3 rather than RFC 1141's eqn. 2, which can yield 0x0000 where a full recomputation gives 0xffff (RFC 1624 §2–3).
  return ~fold((~checksum & 0xffff) + (~oldWord & 0xffff) + newWord) & 0xffff;
}

/** Adds the carries above bit 15 back in until the sum fits 16 bits (the end-around carry). */
function fold(sum: number): number {
  // Division instead of `>>> 16`: a long buffer's sum can pass 2^32, where bit operators wrap.
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}
