/**
 * Ethernet II framing (IEEE 802.3 with an EtherType, as RFC 894 carries IPv4):
 * destination MAC, source MAC, EtherType, payload. The frame check sequence is
 * the NIC's business and never appears here, as in a capture. Taught in the
 * layers lab; complete here.
 */
import { PacketFormatError } from './errors.ts';

/** EtherType of an IPv4 datagram (RFC 894). */
export const ETHERTYPE_IPV4 = 0x0800;
/** EtherType of an ARP message (RFC 826). */
export const ETHERTYPE_ARP = 0x0806;
/** The broadcast address: every station on the link accepts it. */
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
/** Destination, source, EtherType. */
export const ETHERNET_HEADER_LENGTH = 14;

/** A frame with its MACs in text form, "02:70:6a:00:00:0a". */
export interface EthernetFrame {
  destination: string;
  source: string;
  etherType: number;
  payload: Uint8Array;
}

/** Parses "02:70:6a:00:00:0a" (or with dashes, any case) into 6 bytes; throws RangeError otherwise. */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((part) => !/^[0-9a-f]{2}$/i.test(part))) {
    throw new RangeError(`"${text}" is not a MAC address like 02:70:6a:00:00:0a`);
  }
  return Uint8Array.from(parts, (part) => parseInt(part, 16));
}

/** The 6 bytes at `offset` as lower-case "02:70:6a:00:00:0a". */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  const parts: string[] = [];
  for (let i = offset; i < offset + 6; i++) parts.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':');
}

/** Lower-case form of a MAC in text, so two spellings compare equal. */
export function normalizeMac(text: string): string {
  return formatMac(parseMac(text));
}

/** Builds a frame: 14 header bytes then the payload, unpadded (a NIC pads to 60 bytes on the wire). */
export function encodeEthernet(frame: EthernetFrame): Uint8Array {
  const bytes = new Uint8Array(ETHERNET_HEADER_LENGTH + frame.payload.length);
  bytes.set(parseMac(frame.destination), 0);
  bytes.set(parseMac(frame.source), 6);
  bytes[12] = frame.etherType >>> 8;
  bytes[13] = frame.etherType & 0xff;
  bytes.set(frame.payload, ETHERNET_HEADER_LENGTH);
  return bytes;
}

/** Reads a frame; the payload is a view into `bytes` and includes any padding. Throws PacketFormatError 'truncated'. */
export function decodeEthernet(bytes: Uint8Array): EthernetFrame {
  if (bytes.length < ETHERNET_HEADER_LENGTH) {
    throw new PacketFormatError('truncated', `an Ethernet header is 14 bytes, got ${bytes.length}`);
  }
  return {
    destination: formatMac(bytes, 0),
    source: formatMac(bytes, 6),
    etherType: (bytes[12]! << 8) | bytes[13]!,
    payload: bytes.subarray(ETHERNET_HEADER_LENGTH),
  };
}
