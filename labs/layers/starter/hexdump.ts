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
  throw new Error('TODO(hexdump): label the Ethernet header; if the EtherType is IPv4, decode the packet without verifying and label its fields; then TCP or UDP when they decode; whatever is left of the packet is payload, and bytes after Total Length are ethernet.padding');
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
  throw new Error('TODO(hexdump): for every 16 bytes: the offset in hex (4 digits unless the last offset needs more), 2 spaces, the hex pairs joined by spaces and padded to 47 characters, 3 spaces, the text column; join the lines with \\n');
}
