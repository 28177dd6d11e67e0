/**
 * The IPv4 header (RFC 791 §3.1), read and built. Fields a router touches sit
 * at fixed offsets: TTL at byte 8, protocol 9, header checksum 10–11, source
 * 12–15, destination 16–19. Taught in the layers lab; complete here.
 */
import { internetChecksum } from './checksum.ts';
import { PacketFormatError } from './errors.ts';
import { readIpv4, writeIpv4 } from './ipv4-address.ts';

/** Protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
export const PROTOCOL_ICMP = 1;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;

/** Byte offsets of the fields this lab changes. */
export const TTL_OFFSET = 8;
export const CHECKSUM_OFFSET = 10;
export const SOURCE_OFFSET = 12;
export const DESTINATION_OFFSET = 16;

/** The header's fields, addresses in text form. */
export interface Ipv4Header {
  /** Bytes, IHL × 4: 20 without options. */
  headerLength: number;
  /** Type of service / DSCP+ECN byte. */
  tos: number;
  /** Header plus payload, in bytes. */
  totalLength: number;
  identification: number;
  dontFragment: boolean;
  moreFragments: boolean;
  /** In 8-byte units. */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  checksum: number;
  source: string;
  destination: string;
}

/**
 * Reads and sanity-checks the header at the start of `datagram`: version 4,
 * IHL ≥ 5, header and Total Length present (RFC 1812 §5.2.2). Does not check
 * the checksum: see `headerChecksumOk`. Throws PacketFormatError.
 */
export function decodeIpv4Header(datagram: Uint8Array): Ipv4Header {
  if (datagram.length < 20) throw new PacketFormatError('truncated', `an IPv4 header is at least 20 bytes, got ${datagram.length}`);
  const version = datagram[0]! >>> 4;
  if (version !== 4) throw new PacketFormatError('bad-version', `version ${version}, expected 4`);
  const headerLength = (datagram[0]! & 0x0f) * 4;
  const totalLength = (datagram[2]! << 8) | datagram[3]!;
  if (headerLength < 20 || headerLength > datagram.length) {
    throw new PacketFormatError('bad-length', `IHL gives a ${headerLength}-byte header in ${datagram.length} bytes`);
  }
  if (totalLength < headerLength || totalLength > datagram.length) {
    throw new PacketFormatError('bad-length', `Total Length ${totalLength} with a ${headerLength}-byte header in ${datagram.length} bytes`);
  }
  const flagsAndOffset = (datagram[6]! << 8) | datagram[7]!;
  return {
    headerLength,
    tos: datagram[1]!,
    totalLength,
    identification: (datagram[4]! << 8) | datagram[5]!,
    dontFragment: (flagsAndOffset & 0x4000) !== 0,
    moreFragments: (flagsAndOffset & 0x2000) !== 0,
    fragmentOffset: flagsAndOffset & 0x1fff,
    ttl: datagram[TTL_OFFSET]!,
    protocol: datagram[9]!,
    checksum: (datagram[CHECKSUM_OFFSET]! << 8) | datagram[CHECKSUM_OFFSET + 1]!,
    source: readIpv4(datagram, SOURCE_OFFSET),
    destination: readIpv4(datagram, DESTINATION_OFFSET),
  };
}

/** True when the header checksum verifies: the sum over the whole header, checksum included, is 0xffff (RFC 1071 §1). */
export function headerChecksumOk(datagram: Uint8Array): boolean {
  const headerLength = (datagram[0]! & 0x0f) * 4;
  return datagram.length >= headerLength && internetChecksum(datagram.subarray(0, headerLength)) === 0;
}

/** Recomputes the header checksum in place: zero the field, sum the header, write the complement (RFC 791 §3.1). */
export function writeHeaderChecksum(datagram: Uint8Array): void {
  const headerLength = (datagram[0]! & 0x0f) * 4;
  datagram[CHECKSUM_OFFSET] = 0;
  datagram[CHECKSUM_OFFSET + 1] = 0;
  const checksum = internetChecksum(datagram.subarray(0, headerLength));
  datagram[CHECKSUM_OFFSET] = checksum >>> 8;
  datagram[CHECKSUM_OFFSET + 1] = checksum & 0xff;
}

/** The payload after the header, up to Total Length (so Ethernet padding is left out). */
export function ipv4Payload(datagram: Uint8Array): Uint8Array {
  const header = decodeIpv4Header(datagram);
  return datagram.subarray(header.headerLength, header.totalLength);
}

/** What `buildIpv4Datagram` needs; anything left out gets the value in brackets. */
export interface Ipv4DatagramOptions {
  source: string;
  destination: string;
  protocol: number;
  payload: Uint8Array;
  /** [64] */
  ttl?: number;
  /** [0] */
  tos?: number;
  /** [0] */
  identification?: number;
  /** [false] */
  dontFragment?: boolean;
}

/** Builds a datagram with a 20-byte header (no options) and a correct checksum. */
export function buildIpv4Datagram(options: Ipv4DatagramOptions): Uint8Array {
  const totalLength = 20 + options.payload.length;
  if (totalLength > 0xffff) throw new RangeError(`an IPv4 datagram holds at most 65535 bytes, got ${totalLength}`);
  const datagram = new Uint8Array(totalLength);
  datagram[0] = 0x45; // version 4, IHL 5 words
  datagram[1] = options.tos ?? 0;
  datagram[2] = totalLength >>> 8;
  datagram[3] = totalLength & 0xff;
  const identification = options.identification ?? 0;
  datagram[4] = identification >>> 8;
  datagram[5] = identification & 0xff;
  datagram[6] = options.dontFragment ? 0x40 : 0;
  datagram[TTL_OFFSET] = options.ttl ?? 64;
  datagram[9] = options.protocol;
  writeIpv4(datagram, SOURCE_OFFSET, options.source);
  writeIpv4(datagram, DESTINATION_OFFSET, options.destination);
  datagram.set(options.payload, 20);
  writeHeaderChecksum(datagram);
  return datagram;
}
