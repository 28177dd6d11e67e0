/**
 * Ethernet II framing (IEEE 802.3 §3.1.1, the "DIX" type interpretation):
 *
 *   0                   6                  12       14
 *   +-------------------+-------------------+--------+------------------+
 *   |  destination MAC  |    source MAC     |  type  | payload (+ pad)  |
 *   +-------------------+-------------------+--------+------------------+
 *
 * What a capture holds starts at the destination MAC. The preamble and
 * start-of-frame delimiter before it, and the 4-byte frame check sequence
 * (a CRC-32) after the payload, are added and removed by the network card:
 * pcap files and tshark never show them, so neither does this lab.
 *
 * A frame is at least 64 bytes with the FCS (IEEE 802.3 §4.4.2,
 * minFrameSize), so at least 60 without it: a sender pads shorter payloads
 * with zeros. The padding is not part of the IP packet — that is why IPv4
 * carries its own total length.
 */
import { checkAvailable, checkRange, concat, getU16, setU16, type Decoded } from '@impl/bytes.ts';
import { formatMac, parseMac } from './mac.ts';

/** Bytes of the Ethernet II header: two MACs and the EtherType. */
export const ETHERNET_HEADER_LENGTH = 14;

/** Smallest frame on the wire without its 4-byte FCS: 64 − 4 (IEEE 802.3 §4.4.2). */
export const ETHERNET_MIN_FRAME_LENGTH = 60;

/** EtherType values of the protocols the course meets (IEEE registry, listed in RFC 9542). */
export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  IPV6: 0x86dd,
} as const;

/** The 14-byte Ethernet II header. */
export interface EthernetHeader {
  /** Where the frame goes on this link, e.g. '02:00:00:00:00:50' (the next hop, not the final server). */
  destination: string;
  /** The sending interface, e.g. '02:00:00:00:00:0a'. */
  source: string;
  /** What the payload is: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6. Values below 0x0600 are 802.3 lengths instead (IEEE 802.3 §3.2.6). */
  etherType: number;
}

/** A whole frame taken apart: the header, and every byte after it (padding included). */
export interface EthernetFrame {
  header: EthernetHeader;
  /** Bytes 14 to the end. The link layer cannot tell payload from padding; the layer above can. */
  payload: Uint8Array;
}

/**
 * The 14 header bytes: destination MAC, source MAC, EtherType (big-endian).
 * Throws FrameError 'invalid-text' for a malformed MAC and 'value-out-of-range'
 * for an EtherType outside 0–0xffff.
 */
export function encodeEthernetHeader(header: EthernetHeader): Uint8Array {
  throw new Error('TODO(ethernet): 14 bytes: parseMac(destination) at 0, parseMac(source) at 6, the EtherType big-endian at 12 (check its range first)');
}

/**
 * Reads the header at `offset`; bytesRead is always 14.
 * Throws FrameError 'truncated' when fewer than 14 bytes are left.
 */
export function decodeEthernetHeader(bytes: Uint8Array, offset = 0): Decoded<EthernetHeader> {
  throw new Error('TODO(ethernet): checkAvailable(bytes, offset, 14, …), then formatMac at offset and offset + 6, and the 16-bit EtherType at offset + 12');
}

/**
 * Header + payload, padded with zero bytes to 60 bytes when shorter
 * (ETHERNET_MIN_FRAME_LENGTH), as the sending card would.
 */
export function encodeEthernetFrame(header: EthernetHeader, payload: Uint8Array): Uint8Array {
  throw new Error('TODO(ethernet): header + payload; if that is under 60 bytes, copy it into a zero-filled 60-byte array');
}

/**
 * Splits a captured frame into its header and everything after it (a copy);
 * bytesRead is the whole frame. Throws FrameError 'truncated' below 14 bytes.
 */
export function decodeEthernetFrame(frame: Uint8Array): Decoded<EthernetFrame> {
  throw new Error('TODO(ethernet): decodeEthernetHeader(frame, 0), and a copy of every byte after the first 14 as the payload');
}
