/**
 * The 12-byte message header (RFC 1035 §4.1.1):
 *
 *     0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |                      ID                       |
 *   |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |
 *   |                    QDCOUNT                    |
 *   |                    ANCOUNT                    |
 *   |                    NSCOUNT                    |
 *   |                    ARCOUNT                    |
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 */
import { ByteWriter, checkAvailable, readU16, type Decoded } from '@impl/bytes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import { HEADER_LENGTH, type Header } from '@impl/message-types.ts';

/**
 * Appends the 12 header bytes to `writer`: ID, the flags word, then
 * QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT, each a big-endian 16-bit number.
 * In the flags word QR is bit 15 (0x8000), OPCODE bits 14–11, AA bit 10,
 * TC bit 9, RD bit 8, RA bit 7, Z bits 6–4 and RCODE bits 3–0.
 * Throws DnsFormatError 'value-out-of-range' for an opcode or rcode above
 * 15 or a z above 7 (ByteWriter already does so for the 16-bit fields).
 */
export function writeHeader(writer: ByteWriter, header: Header): void {
  throw new Error('TODO(header-question): write id, the flags word (shift each field into its bits), and the four counts with writer.u16');
}

/** The 12 header bytes on their own. */
export function encodeHeader(header: Header): Uint8Array {
  const writer = new ByteWriter();
  writeHeader(writer, header);
  return writer.toBytes();
}

/**
 * Reads the header that starts at `offset`; bytesRead is always 12.
 * Throws DnsFormatError 'truncated' if fewer than 12 bytes are left
 * (readU16 from bytes.ts does this for you).
 */
export function decodeHeader(bytes: Uint8Array, offset = 0): Decoded<Header> {
  throw new Error('TODO(header-question): read six 16-bit words from offset and take the flags word apart with masks and shifts');
}

/** Bytes the header takes on the wire: always 12. */
export function headerEncodingLength(): number {
  return HEADER_LENGTH;
}
