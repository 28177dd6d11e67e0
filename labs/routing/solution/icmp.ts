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
  const headerLength = (original[0]! & 0x0f) * 4;
  const quoted = original.subarray(0, Math.min(original.length, headerLength + 8));
  const message = new Uint8Array(8 + quoted.length);
  message[0] = type;
  message[1] = code;
  message.set(quoted, 8);
  const checksum = internetChecksum(message);
  message[2] = checksum >>> 8;
  message[3] = checksum & 0xff;
  return message;
}

/**
 * True when `datagram` is itself an ICMP error message. RFC 1122 §3.2.2: no ICMP
 * error is ever sent about one, or two routers could answer each other forever.
 */
export function isIcmpError(datagram: Uint8Array): boolean {
  const headerLength = (datagram[0]! & 0x0f) * 4;
  const type = datagram[headerLength];
  return datagram[9] === PROTOCOL_ICMP && type !== undefined && ERROR_TYPES.has(type);
}
