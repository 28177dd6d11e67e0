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
  checkRange(header.sourcePort, 0xffff, 'source port');
  checkRange(header.destinationPort, 0xffff, 'destination port');
  const length = UDP_HEADER_LENGTH + payload.length;
  checkRange(length, 0xffff, 'UDP length');
  const datagram = concat(new Uint8Array(UDP_HEADER_LENGTH), payload);
  setU16(datagram, 0, header.sourcePort);
  setU16(datagram, 2, header.destinationPort);
  setU16(datagram, 4, length);
  if (options.checksum !== false) {
    const checksum = internetChecksum(datagram, pseudoHeaderSum(addresses, IpProtocol.UDP, length));
    // RFC 768: "If the computed checksum is zero, it is transmitted as all ones" — the same value in one's complement.
    setU16(datagram, 6, checksum === 0 ? 0xffff : checksum);
  }
  return datagram;
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
  if (bytes.length < UDP_HEADER_LENGTH) {
    throw new FrameError('truncated', `a UDP header needs ${UDP_HEADER_LENGTH} bytes, only ${bytes.length} are there`, 0);
  }
  const length = getU16(bytes, 4);
  if (length < UDP_HEADER_LENGTH || length > bytes.length) {
    throw new FrameError('bad-udp-length', `Length ${length}, but it counts the 8-byte header and only ${bytes.length} bytes are there (RFC 768)`, 4);
  }
  const datagram = bytes.subarray(0, length);
  const checksum = getU16(bytes, 6);
  if (checksum !== 0 && options.verifyChecksum !== false) {
    const sum = onesComplementSum(datagram, pseudoHeaderSum(addresses, IpProtocol.UDP, length));
    if (sum !== 0xffff) {
      throw new FrameError(
        'bad-checksum',
        `checksum 0x${checksum.toString(16).padStart(4, '0')} does not verify: pseudo-header + datagram sum to 0x${sum.toString(16)}, not 0xffff (RFC 768)`,
        6,
      );
    }
  }
  return {
    value: { header: { sourcePort: getU16(bytes, 0), destinationPort: getU16(bytes, 2) }, length, checksum, payload: bytes.slice(UDP_HEADER_LENGTH, length) },
    bytesRead: length,
  };
}
