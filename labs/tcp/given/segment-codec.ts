/**
 * Segments to bytes and back: the 20-byte TCP header of RFC 9293 §3.1, no options,
 * with the checksum over the IPv4 pseudo-header (RFC 9293 §3.1, RFC 1071). The
 * integration stage carries every segment through this codec inside IPv4 and
 * Ethernet frames, so a capture of the simulated link opens in Wireshark.
 * This file is complete (chapter 1 builds headers); read it, no need to change it.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  Data |       |C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *   |           Checksum            |         Urgent Pointer        |
 */
import type { Segment } from './segment.ts';

/** Bytes in a TCP header without options. */
export const TCP_HEADER_LENGTH = 20;

/** IP protocol number of TCP, used in the pseudo-header (RFC 9293 §3.1). */
export const IP_PROTOCOL_TCP = 6;

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;

/** The two ports of a segment. */
export interface Ports {
  source: number;
  destination: number;
}

/** The IPv4 addresses the checksum covers through the pseudo-header, 4 bytes each. */
export interface PseudoHeader {
  source: Uint8Array;
  destination: Uint8Array;
}

/** A decoded segment and its ports. */
export interface DecodedSegment {
  segment: Segment;
  ports: Ports;
}

/** Why bytes are not a TCP segment. */
export type TcpFormatProblem = 'truncated' | 'bad-data-offset' | 'bad-checksum';

/** Thrown by decodeSegment for bytes that are not a valid segment. */
export class TcpFormatError extends Error {
  override name = 'TcpFormatError';
  readonly problem: TcpFormatProblem;

  constructor(problem: TcpFormatProblem, detail: string) {
    super(`TCP segment ${problem}: ${detail}`);
    this.problem = problem;
  }
}

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit words, complemented. */
export function internetChecksum(chunks: readonly Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined; // a byte left over from a chunk of odd length
  for (const chunk of chunks) {
    let i = 0;
    if (odd !== undefined && chunk.length > 0) {
      sum += (odd << 8) | chunk[0]!;
      odd = undefined;
      i = 1;
    }
    for (; i + 1 < chunk.length; i += 2) sum += (chunk[i]! << 8) | chunk[i + 1]!;
    if (i < chunk.length) odd = chunk[i]!;
    // Fold now and then so the sum stays a small integer.
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The 12-byte IPv4 pseudo-header for a TCP segment of `length` bytes (RFC 9293 §3.1). */
function pseudoHeader(addresses: PseudoHeader, length: number): Uint8Array {
  const bytes = new Uint8Array(12);
  bytes.set(addresses.source, 0);
  bytes.set(addresses.destination, 4);
  bytes[9] = IP_PROTOCOL_TCP;
  bytes[10] = length >>> 8;
  bytes[11] = length & 0xff;
  return bytes;
}

/** Encodes a segment with its ports; the checksum covers the pseudo-header of `addresses`. */
export function encodeSegment(segment: Segment, ports: Ports, addresses: PseudoHeader): Uint8Array {
  if (!(segment.window >= 0 && segment.window <= 0xffff)) {
    throw new RangeError(`encodeSegment: window ${segment.window} does not fit the 16-bit field (RFC 9293 §3.1)`);
  }
  const bytes = new Uint8Array(TCP_HEADER_LENGTH + segment.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, ports.source);
  view.setUint16(2, ports.destination);
  view.setUint32(4, segment.seqno);
  view.setUint32(8, segment.ackno ?? 0);
  // Data offset counts 32-bit words: 5 for a header without options.
  bytes[12] = (TCP_HEADER_LENGTH / 4) << 4;
  bytes[13] =
    (segment.FIN ? FIN : 0) |
    (segment.SYN ? SYN : 0) |
    (segment.RST ? RST : 0) |
    // PSH on every segment with data, as Linux does: deliver it without waiting for more.
    (segment.payload.length ? PSH : 0) |
    (segment.ackno !== undefined ? ACK : 0);
  view.setUint16(14, segment.window);
  bytes.set(segment.payload, TCP_HEADER_LENGTH);
  view.setUint16(16, internetChecksum([pseudoHeader(addresses, bytes.length), bytes]));
  return bytes;
}

/** Decodes a whole TCP segment (header, options skipped, payload) and checks its checksum. */
export function decodeSegment(bytes: Uint8Array, addresses: PseudoHeader): { value: DecodedSegment; bytesRead: number } {
  if (bytes.length < TCP_HEADER_LENGTH) {
    throw new TcpFormatError('truncated', `${bytes.length} bytes, a header needs ${TCP_HEADER_LENGTH}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = (bytes[12]! >>> 4) * 4;
  if (headerLength < TCP_HEADER_LENGTH || headerLength > bytes.length) {
    throw new TcpFormatError('bad-data-offset', `data offset says ${headerLength} header bytes in a ${bytes.length}-byte segment`);
  }
  // Summing a correct segment, checksum included, gives 0 (RFC 1071 §1).
  if (internetChecksum([pseudoHeader(addresses, bytes.length), bytes]) !== 0) {
    throw new TcpFormatError('bad-checksum', `checksum 0x${view.getUint16(16).toString(16).padStart(4, '0')} does not match`);
  }
  const flags = bytes[13]!;
  const segment: Segment = {
    seqno: view.getUint32(4),
    SYN: (flags & SYN) !== 0,
    FIN: (flags & FIN) !== 0,
    RST: (flags & RST) !== 0,
    window: view.getUint16(14),
    payload: bytes.slice(headerLength),
  };
  if (flags & ACK) segment.ackno = view.getUint32(8);
  return { value: { segment, ports: { source: view.getUint16(0), destination: view.getUint16(2) } }, bytesRead: bytes.length };
}
