/**
 * The UDP header (RFC 768):
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   | Destination Port|
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *
 * Length counts header and data. The checksum covers the same pseudo-header
 * as TCP's; over IPv4 it is optional, and 0 means "the sender computed none".
 */
import { checkRange, concat, getU16, setU16, type DecodeOptions, type Decoded } from '@impl/bytes.ts';
import { FrameError } from '@impl/errors.ts';
import { IpProtocol, UDP_HEADER_LENGTH, type AddressPair, type UdpDatagram, type UdpEncodeOptions, type UdpHeader } from '@impl/header-types.ts';
import { internetChecksum, onesComplementSum } from './checksum.ts';
import { pseudoHeaderSum } from './pseudo-header.ts';

/**
 * The datagram's bytes: ports, Length = 8 + payload, the checksum over
 * pseudo-header + header + payload — sent as 0xffff when it computes to 0,
 * since 0 means "none" (RFC 768) — then the payload.
 * Throws FrameError 'value-out-of-range' for a port above 65535 or a datagram over 65535 bytes.
 */
export function encodeUdpDatagram(header: UdpHeader, payload: Uint8Array, addresses: AddressPair, options: UdpEncodeOptions = {}): Uint8Array {
  throw new Error('TODO(transport): ports, Length = 8 + payload, checksum 0 for now, the payload; then unless options.checksum is false compute internetChecksum with pseudoHeaderSum(addresses, 17, length) — and send 0xffff if it came out 0');
}

/**
 * Reads a datagram from `bytes`, the IP payload, sent between `addresses`;
 * bytesRead is the Length field. Checks, in this order, each a FrameError:
 * fewer than 8 bytes 'truncated'; Length below 8 or beyond the bytes there
 * 'bad-udp-length'; then, when the Checksum field is not 0 and
 * options.verifyChecksum is not false, pseudo-header + datagram not summing
 * to 0xffff 'bad-checksum'.
 */
export function decodeUdpDatagram(bytes: Uint8Array, addresses: AddressPair, options: DecodeOptions = {}): Decoded<UdpDatagram> {
  throw new Error('TODO(transport): at least 8 bytes (truncated); Length between 8 and bytes.length (bad-udp-length); a non-zero checksum must verify over the first Length bytes (bad-checksum); the payload is bytes 8 to Length');
}
