/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's
 * complement sum of the data taken as big-endian 16-bit words. IPv4 covers its
 * header with it (RFC 791 §3.1); ICMP its message (RFC 792); UDP and TCP their
 * segment plus a pseudo-header of addresses (RFC 768, RFC 9293 §3.1). Taught in
 * the layers lab; complete here.
 */
import { parseIpv4 } from './ipv4-address.ts';

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
 * The UDP or TCP checksum of `segment` (its checksum field zeroed) between two
 * addresses: the sum covers a pseudo-header of source, destination, zero,
 * protocol and segment length, then the segment (RFC 768; RFC 9293 §3.1).
 * A UDP caller writes 0xffff when this returns 0, since 0 means "no checksum".
 */
export function transportChecksum(source: string, destination: string, protocol: number, segment: Uint8Array): number {
  const src = parseIpv4(source);
  const dst = parseIpv4(destination);
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + segment.length;
  sum = onesComplementSum(segment, sum);
  return ~sum & 0xffff;
}
