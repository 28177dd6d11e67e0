/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's
 * complement sum of the data taken as big-endian 16-bit words. IPv4 covers its
 * header with it (RFC 791 §3.1); ICMP its message (RFC 792); UDP and TCP their
 * segment plus a pseudo-header of addresses (RFC 768, RFC 9293 §3.1), which is
 * why a NAT that rewrites an address must fix both. Taught in the layers lab;
 * complete here.
 */

/** Adds `bytes` as big-endian 16-bit words to `sum`, folding carries; an odd last byte is padded with a zero. */
export function onesComplementSum(bytes: Uint8Array, sum = 0): number {
  let total = sum;
  for (let i = 0; i + 1 < bytes.length; i += 2) total += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length % 2 === 1) total += bytes[bytes.length - 1]! << 8;
  // RFC 1071 §4.1: fold the carries back in until the sum fits 16 bits.
  while (total > 0xffff) total = (total & 0xffff) + (total >>> 16);
  return total;
}

/** The checksum to write into a zeroed checksum field: ~sum of the bytes (RFC 1071). */
export function internetChecksum(bytes: Uint8Array): number {
  return ~onesComplementSum(bytes) & 0xffff;
}

/**
 * A checksum adjusted for changed 16-bit words, without summing the data again
 * (RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m') for each word m that became m'): what
 * a NAT does to a TCP or UDP checksum when it rewrites an address or a port
 * (RFC 3022 §4.2). It moves by exactly the change, so a segment damaged before
 * the rewrite still fails its checksum afterwards.
 */
export function adjustChecksum(checksum: number, before: readonly number[], after: readonly number[]): number {
  let sum = ~checksum & 0xffff;
  for (const word of before) sum += ~word & 0xffff;
  for (const word of after) sum += word;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
