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
  throw new Error("TODO(ipv4): check each field's range and the options' length (a multiple of 4, at most 40), then fill IHL × 4 bytes: version and IHL, DSCP and ECN, Total Length, identification, the flags word, TTL, protocol, the addresses, the options — and last the checksum over it all with the checksum field zero");
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
  throw new Error('TODO(ipv4): run the checks in the documented order (truncated, bad-version, bad-ihl, bad-total-length, total-length-beyond-buffer, bad-checksum), then take the fields apart; the payload runs from IHL × 4 to Total Length');
}
