/**
 * The pseudo-header that TCP and UDP checksums cover besides the segment
 * itself (RFC 9293 §3.1 "Checksum", RFC 768 "Fields"):
 *
 *   +--------+--------+--------+--------+
 *   |           Source Address          |
 *   |         Destination Address       |
 *   |  zero  |protocol|  TCP/UDP length |
 *   +--------+--------+--------+--------+
 *
 * It is never sent. Summing it anyway ties the segment to the addresses and
 * protocol it was meant for, so a packet delivered to the wrong host (a
 * corrupted IP address) fails the transport checksum there.
 */
import { checkRange, setU16 } from '@impl/bytes.ts';
import { PSEUDO_HEADER_LENGTH, type AddressPair } from '@impl/header-types.ts';
import { onesComplementSum } from './checksum.ts';
import { parseIpv4Address } from './ipv4-address.ts';

/**
 * The 12 pseudo-header bytes: source, destination, a zero octet, the protocol
 * number, and the TCP or UDP length (header plus data) as 16 bits.
 * Throws FrameError 'invalid-text' or 'value-out-of-range' for bad inputs.
 */
export function encodePseudoHeader(addresses: AddressPair, protocol: number, length: number): Uint8Array {
  checkRange(protocol, 0xff, 'protocol');
  checkRange(length, 0xffff, 'TCP/UDP length');
  const bytes = new Uint8Array(PSEUDO_HEADER_LENGTH);
  bytes.set(parseIpv4Address(addresses.source), 0);
  bytes.set(parseIpv4Address(addresses.destination), 4);
  bytes[9] = protocol;
  setU16(bytes, 10, length);
  return bytes;
}

/**
 * The folded one's-complement sum of the pseudo-header (not complemented), to
 * pass as `initial` to the checksum functions. It is also exactly what Linux
 * leaves in a TCP checksum field when it hands the rest to checksum offload.
 */
export function pseudoHeaderSum(addresses: AddressPair, protocol: number, length: number): number {
  return onesComplementSum(encodePseudoHeader(addresses, protocol, length));
}
