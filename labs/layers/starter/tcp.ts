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
  throw new Error('TODO(transport): check ranges and options, write the 20 fixed bytes + options + payload with the checksum field zero, then put internetChecksum(segment, pseudoHeaderSum(addresses, 6, segment.length)) at offset 16');
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
  throw new Error('TODO(transport): check the length (truncated) and the data offset (bad-data-offset), verify pseudo-header + segment sum to 0xffff unless told not to (bad-checksum), then read the fields; the flags are byte 13, CWR in bit 7 down to FIN in bit 0');
}
