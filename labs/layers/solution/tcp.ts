/**
 * The TCP header (RFC 9293 §3.1, which replaced RFC 793 in 2022):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  Data |       |C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *   |       |       |R|E|G|K|H|T|N|N|                               |
 *   |           Checksum            |         Urgent Pointer        |
 *   |                     Options (Data Offset > 5)                 |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A segment has no length field: it is whatever the IP packet carries after
 * its own header, which is why decoding needs the exact IP payload.
 */
import { checkRange, concat, getU16, getU32, setU16, setU32, type DecodeOptions, type Decoded } from '@impl/bytes.ts';
import { FrameError } from '@impl/errors.ts';
import { IpProtocol, makeTcpFlags, TCP_MAX_HEADER_LENGTH, TCP_MIN_HEADER_LENGTH, type AddressPair, type TcpFlags, type TcpHeader, type TcpSegment } from '@impl/header-types.ts';
import { internetChecksum, onesComplementSum } from './checksum.ts';
import { pseudoHeaderSum } from './pseudo-header.ts';

/**
 * The segment's bytes: header (Data Offset from the options' length, reserved
 * bits zero, the flags byte CWR…FIN from bit 7 to bit 0) and payload, with the
 * checksum over pseudo-header + header + payload (RFC 9293 §3.1).
 * Throws FrameError 'value-out-of-range' for a field too big for its bits,
 * options not a multiple of 4 or longer than 40, or a segment over 65535 bytes.
 */
export function encodeTcpSegment(header: TcpHeader, payload: Uint8Array, addresses: AddressPair): Uint8Array {
  checkRange(header.sourcePort, 0xffff, 'source port');
  checkRange(header.destinationPort, 0xffff, 'destination port');
  checkRange(header.sequenceNumber, 0xffffffff, 'sequence number');
  checkRange(header.acknowledgmentNumber, 0xffffffff, 'acknowledgment number');
  checkRange(header.window, 0xffff, 'window');
  checkRange(header.urgentPointer, 0xffff, 'urgent pointer');
  const { options } = header;
  if (options.length % 4 !== 0 || options.length > TCP_MAX_HEADER_LENGTH - TCP_MIN_HEADER_LENGTH) {
    // RFC 9293 §3.1: "The TCP header padding is used to ensure that the TCP header ends ... on a 32-bit boundary."
    throw new FrameError('value-out-of-range', `${options.length} bytes of options: Data Offset counts 32-bit words, so options must be a multiple of 4 bytes, at most 40`);
  }
  const headerLength = TCP_MIN_HEADER_LENGTH + options.length;
  checkRange(headerLength + payload.length, 0xffff, 'segment length (the pseudo-header length is 16 bits)');

  const head = new Uint8Array(headerLength);
  setU16(head, 0, header.sourcePort);
  setU16(head, 2, header.destinationPort);
  setU32(head, 4, header.sequenceNumber);
  setU32(head, 8, header.acknowledgmentNumber);
  head[12] = (headerLength / 4) << 4; // RFC 9293 §3.1: Data Offset counts 32-bit words; Rsrvd stays zero
  head[13] = flagsByte(header.flags);
  setU16(head, 14, header.window);
  setU16(head, 18, header.urgentPointer);
  head.set(options, 20);
  const segment = concat(head, payload);
  const initial = pseudoHeaderSum(addresses, IpProtocol.TCP, segment.length);
  setU16(segment, 16, internetChecksum(segment, initial));
  return segment;
}

/**
 * Reads a whole segment — `segment` is exactly the IP payload — sent between
 * `addresses`; bytesRead is segment.length. Checks, in this order, each a
 * FrameError: fewer than 20 bytes 'truncated'; Data Offset below 5 or past
 * the end of the segment 'bad-data-offset'; then, unless
 * options.verifyChecksum is false, pseudo-header + segment not summing to
 * 0xffff 'bad-checksum'. The reserved bits are ignored.
 */
export function decodeTcpSegment(segment: Uint8Array, addresses: AddressPair, options: DecodeOptions = {}): Decoded<TcpSegment> {
  if (segment.length < TCP_MIN_HEADER_LENGTH) {
    throw new FrameError('truncated', `a TCP header needs ${TCP_MIN_HEADER_LENGTH} bytes, the segment has ${segment.length}`, 0);
  }
  const headerLength = (segment[12]! >> 4) * 4;
  if (headerLength < TCP_MIN_HEADER_LENGTH || headerLength > segment.length) {
    throw new FrameError(
      'bad-data-offset',
      `Data Offset ${headerLength / 4} words = ${headerLength} bytes, but a header is 20–60 bytes and the segment has ${segment.length} (RFC 9293 §3.1)`,
      12,
    );
  }
  const checksum = getU16(segment, 16);
  if (options.verifyChecksum !== false) {
    const sum = onesComplementSum(segment, pseudoHeaderSum(addresses, IpProtocol.TCP, segment.length));
    if (sum !== 0xffff) {
      throw new FrameError(
        'bad-checksum',
        `checksum 0x${checksum.toString(16).padStart(4, '0')} does not verify: pseudo-header + segment sum to 0x${sum.toString(16)}, not 0xffff (RFC 9293 §3.1)`,
        16,
      );
    }
  }
  const header: TcpHeader = {
    sourcePort: getU16(segment, 0),
    destinationPort: getU16(segment, 2),
    sequenceNumber: getU32(segment, 4),
    acknowledgmentNumber: getU32(segment, 8),
    flags: parseFlagsByte(segment[13]!),
    window: getU16(segment, 14),
    urgentPointer: getU16(segment, 18),
    options: segment.slice(TCP_MIN_HEADER_LENGTH, headerLength),
  };
  return { value: { header, headerLength, checksum, payload: segment.slice(headerLength) }, bytesRead: segment.length };
}

const FLAG_ORDER = ['cwr', 'ece', 'urg', 'ack', 'psh', 'rst', 'syn', 'fin'] as const;

function flagsByte(flags: TcpFlags): number {
  return FLAG_ORDER.reduce((byte, name, i) => byte | (Number(flags[name]) << (7 - i)), 0);
}

function parseFlagsByte(byte: number): TcpFlags {
  const flags = makeTcpFlags();
  FLAG_ORDER.forEach((name, i) => (flags[name] = (byte & (1 << (7 - i))) !== 0));
  return flags;
}
