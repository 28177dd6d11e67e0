/**
 * The IPv4 header (RFC 791 §3.1):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |    DSCP   |ECN|          Total Length         |
 *   |         Identification        |Flags|     Fragment Offset     |
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   |                       Source Address                          |
 *   |                    Destination Address                        |
 *   |                    Options (IHL > 5)                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 791 named the second octet "Type of Service"; RFC 2474 §3 made its top
 * six bits the DSCP and RFC 3168 §5 the bottom two the ECN field. Flags are
 * three bits: reserved (must be zero), DF (don't fragment), MF (more fragments).
 */
import { checkAvailable, checkRange, concat, getU16, setU16, type DecodeOptions, type Decoded } from '@impl/bytes.ts';
import { FrameError } from '@impl/errors.ts';
import { IPV4_MAX_HEADER_LENGTH, IPV4_MIN_HEADER_LENGTH, type Ipv4Header, type Ipv4Packet } from '@impl/header-types.ts';
import { internetChecksum, onesComplementSum } from './checksum.ts';
import { formatIpv4Address, parseIpv4Address } from './ipv4-address.ts';

/**
 * The header bytes, IHL × 4 of them, for a packet carrying `payloadLength`
 * bytes: version 4, IHL from the options' length, Total Length = header +
 * payload, flags and fragment offset in one 16-bit word, and the header
 * checksum computed over the header with the checksum field zero (RFC 791 §3.1).
 * Throws FrameError 'value-out-of-range' for a field too big for its bits,
 * options not a multiple of 4 or longer than 40, or a Total Length above
 * 65535; 'invalid-text' for a malformed address.
 */
export function encodeIpv4Header(header: Ipv4Header, payloadLength: number): Uint8Array {
  checkRange(header.dscp, 0x3f, 'DSCP');
  checkRange(header.ecn, 0x3, 'ECN');
  checkRange(header.identification, 0xffff, 'identification');
  checkRange(header.fragmentOffset, 0x1fff, 'fragment offset');
  checkRange(header.ttl, 0xff, 'TTL');
  checkRange(header.protocol, 0xff, 'protocol');
  const { options } = header;
  if (options.length % 4 !== 0 || options.length > IPV4_MAX_HEADER_LENGTH - IPV4_MIN_HEADER_LENGTH) {
    // RFC 791 §3.1: the header ends on a 32-bit boundary (pad options with zeros before calling).
    throw new FrameError('value-out-of-range', `${options.length} bytes of options: IHL counts 32-bit words, so options must be a multiple of 4 bytes, at most 40`);
  }
  const headerLength = IPV4_MIN_HEADER_LENGTH + options.length;
  checkRange(payloadLength, 0xffff - headerLength, 'payload length (Total Length is 16 bits)');

  const bytes = new Uint8Array(headerLength);
  bytes[0] = (4 << 4) | (headerLength / 4); // RFC 791 §3.1: IHL counts 32-bit words
  bytes[1] = (header.dscp << 2) | header.ecn;
  setU16(bytes, 2, headerLength + payloadLength);
  setU16(bytes, 4, header.identification);
  // Flags are the top three bits of the word: reserved (0), DF, MF; the fragment offset the low 13.
  setU16(bytes, 6, (Number(header.dontFragment) << 14) | (Number(header.moreFragments) << 13) | header.fragmentOffset);
  bytes[8] = header.ttl;
  bytes[9] = header.protocol;
  bytes.set(parseIpv4Address(header.source), 12);
  bytes.set(parseIpv4Address(header.destination), 16);
  bytes.set(options, 20);
  // RFC 791 §3.1: "For purposes of computing the checksum, the value of the checksum field is zero."
  setU16(bytes, 10, internetChecksum(bytes));
  return bytes;
}

/** Header followed by payload: a whole packet, ready to be an Ethernet payload. */
export function encodeIpv4Packet(header: Ipv4Header, payload: Uint8Array): Uint8Array {
  return concat(encodeIpv4Header(header, payload.length), payload);
}

/**
 * Reads the packet at `offset`; bytesRead is its Total Length, so bytes after
 * it (Ethernet padding) are left alone. Checks, in this order, each a
 * FrameError: fewer than 20 bytes 'truncated'; version not 4 'bad-version';
 * IHL below 5 'bad-ihl'; Total Length below IHL × 4 'bad-total-length';
 * Total Length beyond the bytes there 'total-length-beyond-buffer'; then,
 * unless options.verifyChecksum is false, a header that does not sum to
 * 0xffff 'bad-checksum'. The reserved flag bit is ignored.
 */
export function decodeIpv4Packet(bytes: Uint8Array, offset = 0, options: DecodeOptions = {}): Decoded<Ipv4Packet> {
  checkAvailable(bytes, offset, IPV4_MIN_HEADER_LENGTH, 'an IPv4 header');
  const version = bytes[offset]! >> 4;
  if (version !== 4) throw new FrameError('bad-version', `version ${version}, expected 4 (RFC 791 §3.1)`, offset);
  const headerLength = (bytes[offset]! & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER_LENGTH) {
    throw new FrameError('bad-ihl', `IHL ${headerLength / 4} words is shorter than the 5-word fixed header (RFC 791 §3.1)`, offset);
  }
  const totalLength = getU16(bytes, offset + 2);
  if (totalLength < headerLength) {
    throw new FrameError('bad-total-length', `Total Length ${totalLength} is less than the ${headerLength}-byte header it includes`, offset + 2);
  }
  const available = bytes.length - offset;
  if (totalLength > available) {
    throw new FrameError('total-length-beyond-buffer', `Total Length says ${totalLength} bytes, only ${available} are there`, offset + 2);
  }
  const headerBytes = bytes.subarray(offset, offset + headerLength);
  const checksum = getU16(bytes, offset + 10);
  if (options.verifyChecksum !== false && onesComplementSum(headerBytes) !== 0xffff) {
    throw new FrameError(
      'bad-checksum',
      `header checksum 0x${checksum.toString(16).padStart(4, '0')} does not verify: the header sums to 0x${onesComplementSum(headerBytes).toString(16)}, not 0xffff (RFC 1071 §1)`,
      offset + 10,
    );
  }
  const word = getU16(bytes, offset + 6);
  const header: Ipv4Header = {
    dscp: bytes[offset + 1]! >> 2,
    ecn: bytes[offset + 1]! & 0x3,
    identification: getU16(bytes, offset + 4),
    dontFragment: (word & 0x4000) !== 0,
    moreFragments: (word & 0x2000) !== 0,
    fragmentOffset: word & 0x1fff,
    ttl: bytes[offset + 8]!,
    protocol: bytes[offset + 9]!,
    source: formatIpv4Address(bytes, offset + 12),
    destination: formatIpv4Address(bytes, offset + 16),
    options: bytes.slice(offset + IPV4_MIN_HEADER_LENGTH, offset + headerLength),
  };
  return {
    value: { header, headerLength, totalLength, checksum, payload: bytes.slice(offset + headerLength, offset + totalLength) },
    bytesRead: totalLength,
  };
}
