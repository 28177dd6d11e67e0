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
import { internetChecksum, onesComplementSum } from './checksum.ts';
import { FrameError } from '@impl/errors.ts';
import { IpProtocol } from './ipv4.ts';
import { pseudoHeaderSum, type AddressPair } from './pseudo-header.ts';

/** A header without options: Data Offset 5. */
export const TCP_MIN_HEADER_LENGTH = 20;
/** Data Offset is 4 bits, so at most 15 words: 60 bytes, 40 of them options. */
export const TCP_MAX_HEADER_LENGTH = 60;

/** The eight control bits, from the most significant (CWR) to the least (FIN). */
export interface TcpFlags {
  /** Congestion Window Reduced (RFC 3168 §6.1). */
  cwr: boolean;
  /** ECN-Echo (RFC 3168 §6.1). */
  ece: boolean;
  /** The Urgent Pointer field is significant. */
  urg: boolean;
  /** The Acknowledgment Number field is significant — set in every segment after the first SYN. */
  ack: boolean;
  /** Push: deliver to the application without waiting for more. */
  psh: boolean;
  /** Reset the connection. */
  rst: boolean;
  /** Synchronize sequence numbers: the first segment from each side. */
  syn: boolean;
  /** No more data from the sender. */
  fin: boolean;
}

/** All flags clear, overridden by `changes`: makeTcpFlags({ psh: true, ack: true }). */
export function makeTcpFlags(changes: Partial<TcpFlags> = {}): TcpFlags {
  return { cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: false, fin: false, ...changes };
}

/** The fields a sender chooses; the data offset and checksum follow from them. */
export interface TcpHeader {
  sourcePort: number;
  destinationPort: number;
  /** Sequence number of the first data byte (of the SYN itself in a SYN), 32 bits. */
  sequenceNumber: number;
  /** Next sequence number the sender expects to receive; meaningful only when flags.ack is set. */
  acknowledgmentNumber: number;
  flags: TcpFlags;
  /** Receive window, 16 bits, as on the wire (before any window scaling, RFC 7323 §2). */
  window: number;
  /** Offset from the sequence number of the last urgent byte; meaningful only with flags.urg. */
  urgentPointer: number;
  /** Option bytes exactly as on the wire (MSS, window scale, timestamps, SACK…), a multiple of 4, at most 40. */
  options: Uint8Array;
}

/** A decoded segment: the header fields, the derived ones as read, and the data. */
export interface TcpSegment {
  header: TcpHeader;
  /** Data Offset × 4: 20 plus the options. */
  headerLength: number;
  /** The Checksum field as read. */
  checksum: number;
  /** The data after the header: for the shopper, the HTTP request. */
  payload: Uint8Array;
}

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
