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
  checkRange(header.etherType, 0xffff, 'EtherType');
  const bytes = new Uint8Array(ETHERNET_HEADER_LENGTH);
  bytes.set(parseMac(header.destination), 0);
  bytes.set(parseMac(header.source), 6);
  setU16(bytes, 12, header.etherType);
  return bytes;
}

/**
 * Reads the header at `offset`; bytesRead is always 14.
 * Throws FrameError 'truncated' when fewer than 14 bytes are left.
 */
export function decodeEthernetHeader(bytes: Uint8Array, offset = 0): Decoded<EthernetHeader> {
  checkAvailable(bytes, offset, ETHERNET_HEADER_LENGTH, 'the Ethernet header');
  return {
    value: {
      destination: formatMac(bytes, offset),
      source: formatMac(bytes, offset + 6),
      etherType: getU16(bytes, offset + 12),
    },
    bytesRead: ETHERNET_HEADER_LENGTH,
  };
}

/**
 * Header + payload, padded with zero bytes to 60 bytes when shorter
 * (ETHERNET_MIN_FRAME_LENGTH), as the sending card would.
 */
export function encodeEthernetFrame(header: EthernetHeader, payload: Uint8Array): Uint8Array {
  const frame = concat(encodeEthernetHeader(header), payload);
  if (frame.length >= ETHERNET_MIN_FRAME_LENGTH) return frame;
  const padded = new Uint8Array(ETHERNET_MIN_FRAME_LENGTH);
  padded.set(frame);
  return padded;
}

/**
 * Splits a captured frame into its header and everything after it (a copy);
 * bytesRead is the whole frame. Throws FrameError 'truncated' below 14 bytes.
 */
export function decodeEthernetFrame(frame: Uint8Array): Decoded<EthernetFrame> {
  const { value: header } = decodeEthernetHeader(frame, 0);
  return { value: { header, payload: frame.slice(ETHERNET_HEADER_LENGTH) }, bytesRead: frame.length };
}
