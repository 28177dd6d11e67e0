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
  checkBits(header.opcode, 4, 'opcode');
  checkBits(header.z, 3, 'z');
  checkBits(header.rcode, 4, 'rcode');
  // RFC 1035 §4.1.1: QR is bit 15, OPCODE bits 14–11, then AA, TC, RD, RA, Z (6–4), RCODE (3–0).
  const flags =
    (Number(header.qr) << 15) |
    (header.opcode << 11) |
    (Number(header.aa) << 10) |
    (Number(header.tc) << 9) |
    (Number(header.rd) << 8) |
    (Number(header.ra) << 7) |
    (header.z << 4) |
    header.rcode;
  writer.u16(header.id);
  writer.u16(flags);
  writer.u16(header.qdcount);
  writer.u16(header.ancount);
  writer.u16(header.nscount);
  writer.u16(header.arcount);
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
  checkAvailable(bytes, offset, HEADER_LENGTH);
  const flags = readU16(bytes, offset + 2);
  const header: Header = {
    id: readU16(bytes, offset),
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >>> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    z: (flags >>> 4) & 0x7,
    rcode: flags & 0xf,
    qdcount: readU16(bytes, offset + 4),
    ancount: readU16(bytes, offset + 6),
    nscount: readU16(bytes, offset + 8),
    arcount: readU16(bytes, offset + 10),
  };
  return { value: header, bytesRead: HEADER_LENGTH };
}

/** Bytes the header takes on the wire: always 12. */
export function headerEncodingLength(): number {
  return HEADER_LENGTH;
}

function checkBits(value: number, bits: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= 1 << bits) {
    throw new DnsFormatError('value-out-of-range', `${field} ${value} does not fit in ${bits} bits`);
  }
}
