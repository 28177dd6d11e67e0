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
  const bytes = new Uint8Array(ARP_MESSAGE_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, HTYPE_ETHERNET);
  view.setUint16(2, PTYPE_IPV4);
  bytes[4] = 6;
  bytes[5] = 4;
  view.setUint16(6, message.operation === 'request' ? OPER_REQUEST : OPER_REPLY);
  bytes.set(parseMac(message.senderMac), 8);
  writeIpv4(bytes, 14, message.senderIp);
  bytes.set(parseMac(message.targetMac), 18);
  writeIpv4(bytes, 24, message.targetIp);
  return bytes;
}

/**
 * Decodes the message at `offset`; bytes after its 28 (Ethernet padding) are
 * not read. Throws PacketFormatError: 'truncated', 'unsupported-hardware'
 * (HTYPE ≠ 1 or HLEN ≠ 6), 'unsupported-protocol' (PTYPE ≠ 0x0800 or PLEN ≠ 4),
 * 'bad-operation' (OPER not 1 or 2).
 */
export function decodeArp(bytes: Uint8Array, offset = 0): { value: ArpMessage; bytesRead: number } {
  if (offset < 0 || bytes.length - offset < ARP_MESSAGE_LENGTH) {
    throw new PacketFormatError('truncated', `an ARP message for IPv4 over Ethernet is 28 bytes, got ${Math.max(0, bytes.length - offset)}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, ARP_MESSAGE_LENGTH);
  const htype = view.getUint16(0);
  const ptype = view.getUint16(2);
  const hlen = view.getUint8(4);
  const plen = view.getUint8(5);
  const oper = view.getUint16(6);
  // RFC 826: a station checks hardware and protocol type (and their lengths) before anything else.
  if (htype !== HTYPE_ETHERNET || hlen !== 6) throw new PacketFormatError('unsupported-hardware', `HTYPE ${htype} HLEN ${hlen}, expected 1 (Ethernet) and 6`);
  if (ptype !== PTYPE_IPV4 || plen !== 4) {
    throw new PacketFormatError('unsupported-protocol', `PTYPE 0x${ptype.toString(16).padStart(4, '0')} PLEN ${plen}, expected 0x0800 (IPv4) and 4`);
  }
  if (oper !== OPER_REQUEST && oper !== OPER_REPLY) throw new PacketFormatError('bad-operation', `OPER ${oper}, expected 1 (request) or 2 (reply)`);
  return {
    value: {
      operation: oper === OPER_REQUEST ? 'request' : 'reply',
      senderMac: formatMac(bytes, offset + 8),
      senderIp: readIpv4(bytes, offset + 14),
      targetMac: formatMac(bytes, offset + 18),
      targetIp: readIpv4(bytes, offset + 24),
    },
    bytesRead: ARP_MESSAGE_LENGTH,
  };
}
