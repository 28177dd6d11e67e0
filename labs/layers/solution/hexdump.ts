/**
 * A frame as a reader sees it in Wireshark: every byte labelled with the
 * field it belongs to, and the classic hex dump (`tshark -x`) beside it.
 * The chapter's colour-coded frame view is drawn from these annotations.
 */
import { getU16, getU32 } from '@impl/bytes.ts';
import { FrameError } from '@impl/errors.ts';
import { ETHERNET_HEADER_LENGTH, EtherType, IpProtocol, TCP_MIN_HEADER_LENGTH, UDP_HEADER_LENGTH } from '@impl/header-types.ts';
import type { AnnotationLayer, FieldAnnotation } from '@impl/annotation-types.ts';
import { formatIpv4Address } from './ipv4-address.ts';
import { decodeIpv4Packet } from './ipv4.ts';
import { formatMac } from './mac.ts';

/**
 * Labels every byte of `frame` exactly once, in order, without verifying
 * checksums and without throwing. Fields, with the form of their value:
 *
 *   ethernet.destination, ethernet.source   6  '02:00:00:00:00:50'
 *   ethernet.type                           2  '0x0800 (IPv4)'; also ARP, IPv6; others just '0x88b5'
 *   ipv4.version-ihl                        1  'version 4, header 20 bytes'
 *   ipv4.dscp-ecn                           1  'DSCP 0, ECN 0'
 *   ipv4.total-length                       2  '138'
 *   ipv4.identification                     2  '0xaed3'
 *   ipv4.flags-fragment-offset              2  'DF, offset 0' — DF and MF when set, then the offset in 8-byte units
 *   ipv4.ttl                                1  '64'
 *   ipv4.protocol                           1  '6 (TCP)'; also 17 (UDP), 1 (ICMP); others just '47'
 *   ipv4.checksum                           2  '0x0740'
 *   ipv4.source, ipv4.destination           4  '192.0.2.10'
 *   ipv4.options                            n  '4 bytes' (only when IHL > 5)
 *   tcp.source-port, tcp.destination-port   2  '80'
 *   tcp.sequence-number                     4  '4207605383' (the raw 32-bit number)
 *   tcp.acknowledgment-number               4  '3075500320'
 *   tcp.data-offset                         1  'header 32 bytes' (the byte also holds the reserved bits)
 *   tcp.flags                               1  'PSH, ACK' — set flags from FIN up to CWR, as tshark lists them; 'none'
 *   tcp.window                              2  '63'
 *   tcp.checksum                            2  '0x1990'
 *   tcp.urgent-pointer                      2  '0'
 *   tcp.options                             n  '12 bytes' (only when Data Offset > 5)
 *   udp.source-port, udp.destination-port   2  '53'
 *   udp.length                              2  '38'
 *   udp.checksum                            2  '0x179f'
 *   payload (layer 'payload')               n  '86 bytes' ('1 byte' for one)
 *   ethernet.padding                        n  '6 bytes' — bytes after the IPv4 Total Length
 *
 * Numbers are decimal unless shown in hex above (0x and four digits). Layers
 * are decoded while they can be: after a non-IPv4 EtherType, an IPv4 header
 * that does not decode, a fragment, a protocol other than TCP or UDP, or a
 * transport header that does not decode, the rest of the packet is one
 * 'payload' annotation (a frame under 14 bytes is all payload). No
 * zero-length annotations: an empty payload or padding is left out.
 */
export function annotateFrame(frame: Uint8Array): FieldAnnotation[] {
  const out: FieldAnnotation[] = [];
  const add = (layer: AnnotationLayer, name: string, offset: number, length: number, value: string) => {
    if (length > 0) out.push({ layer, name, offset, length, value });
  };
  const rest = (from: number, to = frame.length) => add('payload', 'payload', from, to - from, size(to - from));

  if (frame.length < ETHERNET_HEADER_LENGTH) {
    rest(0);
    return out;
  }
  const etherType = getU16(frame, 12);
  add('ethernet', 'ethernet.destination', 0, 6, formatMac(frame, 0));
  add('ethernet', 'ethernet.source', 6, 6, formatMac(frame, 6));
  add('ethernet', 'ethernet.type', 12, 2, hex(etherType) + named(etherType, ETHER_TYPE_NAMES));
  if (etherType !== EtherType.IPV4) {
    rest(ETHERNET_HEADER_LENGTH);
    return out;
  }

  const ip = ETHERNET_HEADER_LENGTH;
  let packet;
  try {
    packet = decodeIpv4Packet(frame, ip, { verifyChecksum: false }).value;
  } catch (error) {
    if (!(error instanceof FrameError)) throw error;
    rest(ip);
    return out;
  }
  const { header, headerLength, totalLength } = packet;
  const word = getU16(frame, ip + 6);
  add('ipv4', 'ipv4.version-ihl', ip, 1, `version 4, header ${headerLength} bytes`);
  add('ipv4', 'ipv4.dscp-ecn', ip + 1, 1, `DSCP ${header.dscp}, ECN ${header.ecn}`);
  add('ipv4', 'ipv4.total-length', ip + 2, 2, String(totalLength));
  add('ipv4', 'ipv4.identification', ip + 4, 2, hex(header.identification));
  const fragmentFlags = [...(word & 0x4000 ? ['DF'] : []), ...(word & 0x2000 ? ['MF'] : [])];
  add('ipv4', 'ipv4.flags-fragment-offset', ip + 6, 2, [...fragmentFlags, `offset ${header.fragmentOffset}`].join(', '));
  add('ipv4', 'ipv4.ttl', ip + 8, 1, String(header.ttl));
  add('ipv4', 'ipv4.protocol', ip + 9, 1, String(header.protocol) + named(header.protocol, PROTOCOL_NAMES));
  add('ipv4', 'ipv4.checksum', ip + 10, 2, hex(packet.checksum));
  add('ipv4', 'ipv4.source', ip + 12, 4, header.source);
  add('ipv4', 'ipv4.destination', ip + 16, 4, header.destination);
  add('ipv4', 'ipv4.options', ip + 20, headerLength - 20, size(headerLength - 20));

  const transport = ip + headerLength;
  const end = ip + totalLength;
  const fragment = header.moreFragments || header.fragmentOffset !== 0;
  if (!fragment && header.protocol === IpProtocol.TCP) annotateTcp(frame, transport, end, add);
  else if (!fragment && header.protocol === IpProtocol.UDP) annotateUdp(frame, transport, end, add);
  else rest(transport, end);
  add('ethernet', 'ethernet.padding', end, frame.length - end, size(frame.length - end));
  return out;
}

type Add = (layer: AnnotationLayer, name: string, offset: number, length: number, value: string) => void;

function annotateTcp(frame: Uint8Array, start: number, end: number, add: Add): void {
  const headerLength = end - start >= TCP_MIN_HEADER_LENGTH ? (frame[start + 12]! >> 4) * 4 : 0;
  if (headerLength < TCP_MIN_HEADER_LENGTH || start + headerLength > end) {
    add('payload', 'payload', start, end - start, size(end - start));
    return;
  }
  const flags = TCP_FLAG_NAMES.filter((_, bit) => frame[start + 13]! & (1 << bit));
  add('tcp', 'tcp.source-port', start, 2, String(getU16(frame, start)));
  add('tcp', 'tcp.destination-port', start + 2, 2, String(getU16(frame, start + 2)));
  add('tcp', 'tcp.sequence-number', start + 4, 4, String(getU32(frame, start + 4)));
  add('tcp', 'tcp.acknowledgment-number', start + 8, 4, String(getU32(frame, start + 8)));
  add('tcp', 'tcp.data-offset', start + 12, 1, `header ${headerLength} bytes`);
  add('tcp', 'tcp.flags', start + 13, 1, flags.length ? flags.join(', ') : 'none');
  add('tcp', 'tcp.window', start + 14, 2, String(getU16(frame, start + 14)));
  add('tcp', 'tcp.checksum', start + 16, 2, hex(getU16(frame, start + 16)));
  add('tcp', 'tcp.urgent-pointer', start + 18, 2, String(getU16(frame, start + 18)));
  add('tcp', 'tcp.options', start + 20, headerLength - 20, size(headerLength - 20));
  add('payload', 'payload', start + headerLength, end - start - headerLength, size(end - start - headerLength));
}

function annotateUdp(frame: Uint8Array, start: number, end: number, add: Add): void {
  const length = end - start >= UDP_HEADER_LENGTH ? getU16(frame, start + 4) : 0;
  if (length < UDP_HEADER_LENGTH || start + length > end) {
    add('payload', 'payload', start, end - start, size(end - start));
    return;
  }
  add('udp', 'udp.source-port', start, 2, String(getU16(frame, start)));
  add('udp', 'udp.destination-port', start + 2, 2, String(getU16(frame, start + 2)));
  add('udp', 'udp.length', start + 4, 2, String(length));
  add('udp', 'udp.checksum', start + 6, 2, hex(getU16(frame, start + 6)));
  // Bytes past the UDP Length but inside the IP packet are not UDP's; show them as payload too.
  add('payload', 'payload', start + 8, end - start - 8, size(end - start - 8));
}

const ETHER_TYPE_NAMES: Readonly<Record<number, string>> = { [EtherType.IPV4]: 'IPv4', [EtherType.ARP]: 'ARP', [EtherType.IPV6]: 'IPv6' };
const PROTOCOL_NAMES: Readonly<Record<number, string>> = { [IpProtocol.ICMP]: 'ICMP', [IpProtocol.TCP]: 'TCP', [IpProtocol.UDP]: 'UDP' };
/** Bit 0 first: the order tshark lists set flags in ("[FIN, ACK]"). */
const TCP_FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

function hex(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

/** '1 byte', '86 bytes'. */
function size(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function named(value: number, names: Readonly<Record<number, string>>): string {
  const name = names[value];
  return name === undefined ? '' : ` (${name})`;
}

/**
 * The classic hex dump, as `tshark -x` prints it: one line per 16 bytes, the
 * offset in lower-case hex (4 digits, or as many as the last byte's offset
 * needs, the same width on every line), two spaces, the bytes as
 * lower-case hex pairs separated by single spaces (the last line padded with
 * spaces to where a full line's 16th byte ends), three spaces, then the same
 * bytes as text, 0x20–0x7e as themselves and every other byte as '.'.
 * Lines are joined with '\n', with no newline after the last; no bytes, ''.
 */
export function formatHexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  // Wireshark's print_hex_data_buffer: at least 4 digits, more only when the last offset needs them.
  const digits = Math.max(4, (bytes.length - 1).toString(16).length);
  for (let start = 0; start < bytes.length; start += 16) {
    const row = bytes.subarray(start, start + 16);
    const hexes = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = Array.from(row, (b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${start.toString(16).padStart(digits, '0')}  ${hexes.padEnd(16 * 3 - 1)}   ${text}`);
  }
  return lines.join('\n');
}
