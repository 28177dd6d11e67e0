/**
 * The ARP message (RFC 826, "Packet format") for IPv4 over Ethernet, 28 bytes
 * in the payload of a frame with EtherType 0x0806:
 *
 *   offset  0  HTYPE  2 bytes  1 = Ethernet
 *           2  PTYPE  2 bytes  0x0800 = IPv4
 *           4  HLEN   1 byte   6
 *           5  PLEN   1 byte   4
 *           6  OPER   2 bytes  1 = request, 2 = reply
 *           8  SHA    6 bytes  sender MAC
 *          14  SPA    4 bytes  sender IPv4
 *          18  THA    6 bytes  target MAC (zero in a request: it is what is asked)
 *          24  TPA    4 bytes  target IPv4
 */
import { PacketFormatError } from '@impl/errors.ts';
import { formatMac, parseMac } from '@impl/ethernet.ts';
import { readIpv4, writeIpv4 } from '@impl/ipv4-address.ts';
import { ARP_MESSAGE_LENGTH, HTYPE_ETHERNET, OPER_REPLY, OPER_REQUEST, PTYPE_IPV4, type ArpMessage } from '@impl/arp-types.ts';

/** Encodes a message into its 28 bytes; throws RangeError for a malformed MAC or address. */
export function encodeArp(message: ArpMessage): Uint8Array {
  throw new Error('TODO(arp): write the nine fields in the order above, big-endian; parseMac and writeIpv4 do the addresses');
}

/**
 * Decodes the message at `offset`; bytes after its 28 (Ethernet padding) are
 * not read. Throws PacketFormatError: 'truncated', 'unsupported-hardware'
 * (HTYPE ≠ 1 or HLEN ≠ 6), 'unsupported-protocol' (PTYPE ≠ 0x0800 or PLEN ≠ 4),
 * 'bad-operation' (OPER not 1 or 2).
 */
export function decodeArp(bytes: Uint8Array, offset = 0): { value: ArpMessage; bytesRead: number } {
  throw new Error('TODO(arp): check that 28 bytes are there, check HTYPE/HLEN, PTYPE/PLEN and OPER, then read the four addresses (formatMac, readIpv4)');
}
