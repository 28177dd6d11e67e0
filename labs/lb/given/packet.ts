/**
 * Given code: just enough Ethernet II and IPv4 (RFC 894, RFC 791 §3.1) for a
 * layer-4 balancer to read a frame's addresses and flow. The layers and
 * routing labs build these headers in full; here they are only read.
 */

/** Destination MAC, source MAC, EtherType. */
export const ETHERNET_HEADER_LENGTH = 14;
/** EtherType of an IPv4 datagram (RFC 894). */
export const ETHERTYPE_IPV4 = 0x0800;
/** IPv4 protocol numbers of TCP and UDP. */
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;

/** The 6 bytes at `offset` as lower-case "02:00:00:00:00:0a". */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  return Array.from(bytes.subarray(offset, offset + 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

/** "02:00:00:00:00:0a" (any case) as 6 bytes; throws RangeError otherwise. */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{2}$/i.test(p))) throw new RangeError(`"${text}" is not a MAC address like 02:00:00:00:00:0a`);
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/** A TCP or UDP datagram's addressing, read from an Ethernet frame. */
export interface Flow {
  destinationMac: string;
  sourceMac: string;
  protocol: number;
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
  ttl: number;
}

const ip = (bytes: Uint8Array, offset: number): string => Array.from(bytes.subarray(offset, offset + 4)).join('.');

/**
 * The flow a frame carries, or undefined when it is not an IPv4 TCP or UDP
 * datagram whose header and ports fit in the frame, or when it is a later
 * fragment (no ports in it).
 */
export function readFlow(frame: Uint8Array): Flow | undefined {
  if (frame.length < ETHERNET_HEADER_LENGTH + 20) return undefined;
  if (((frame[12]! << 8) | frame[13]!) !== ETHERTYPE_IPV4) return undefined;
  const ipStart = ETHERNET_HEADER_LENGTH;
  if (frame[ipStart]! >> 4 !== 4) return undefined;
  const headerLength = (frame[ipStart]! & 0x0f) * 4;
  const protocol = frame[ipStart + 9]!;
  const fragmentOffset = ((frame[ipStart + 6]! & 0x1f) << 8) | frame[ipStart + 7]!;
  if (headerLength < 20 || fragmentOffset !== 0) return undefined;
  if (protocol !== PROTOCOL_TCP && protocol !== PROTOCOL_UDP) return undefined;
  const ports = ipStart + headerLength;
  if (frame.length < ports + 4) return undefined;
  return {
    destinationMac: formatMac(frame, 0),
    sourceMac: formatMac(frame, 6),
    protocol,
    sourceIp: ip(frame, ipStart + 12),
    destinationIp: ip(frame, ipStart + 16),
    sourcePort: (frame[ports]! << 8) | frame[ports + 1]!,
    destinationPort: (frame[ports + 2]! << 8) | frame[ports + 3]!,
    ttl: frame[ipStart + 8]!,
  };
}
