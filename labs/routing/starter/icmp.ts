/**
 * ICMP error messages (RFC 792) that a router sends back to a datagram's
 * source: Time Exceeded when the TTL runs out, Destination Unreachable when
 * there is no route. Both quote the start of the datagram that caused them,
 * so the source can tell which of its packets it was (traceroute reads them).
 */
import { internetChecksum } from '@impl/checksum.ts';
import { PROTOCOL_ICMP } from '@impl/ipv4.ts';

/** ICMP types that are errors (RFC 1122 §3.2.2): Destination Unreachable, Source Quench, Redirect, Time Exceeded, Parameter Problem. */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

/**
 * Builds an ICMP error message (the ICMP part, without an IP header):
 *
 *   offset 0  type      1 byte
 *          1  code      1 byte
 *          2  checksum  2 bytes, RFC 1071 over the whole ICMP message
 *          4  unused    4 bytes, zero
 *          8  the original datagram's IP header and the first 8 bytes of its payload
 *
 * Quotes exactly the header (IHL × 4 bytes) plus 8 bytes, RFC 792's minimum, or
 * the whole datagram when it is shorter than that. (RFC 1812 §4.3.2.3 lets a
 * router quote as much as fits in 576 bytes, and Linux does; the minimum keeps
 * the bytes predictable.)
 */
export function buildIcmpError(type: number, code: number, original: Uint8Array): Uint8Array {
  throw new Error('TODO(router): 8 bytes of ICMP header, then the quote; compute the checksum over the whole message with the field at 0 (checksum.ts)');
}

/**
 * True when `datagram` is itself an ICMP error message. RFC 1122 §3.2.2: no ICMP
 * error is ever sent about one, or two routers could answer each other forever.
 */
export function isIcmpError(datagram: Uint8Array): boolean {
  throw new Error('TODO(router): protocol 1, and the ICMP type (first byte after the IP header) is one of 3, 4, 5, 11, 12');
}
