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
import { ETHERNET_HEADER_LENGTH, ETHERNET_MIN_FRAME_LENGTH, type EthernetFrame, type EthernetHeader } from '@impl/header-types.ts';
import { formatMac, parseMac } from './mac.ts';

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
