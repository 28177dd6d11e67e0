/**
 * Resource records (RFC 1035 §3.2.1, §4.1.3): owner NAME, TYPE, CLASS, TTL,
 * then RDLENGTH and RDATA, whose layout depends on TYPE. Records of a type
 * this lab does not know keep their RDATA as raw bytes, so they pass through
 * unchanged (RFC 3597).
 */
import { ByteWriter, checkAvailable, readBytes, readU16, readU32, type Decoded } from '@impl/bytes.ts';
import { typeCode, typeName } from '@impl/codes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import { formatIpv4, parseIpv4, parseIpv6 } from '@impl/address-text.ts';
import type { CompressionTable } from '@impl/name-text.ts';
import { MAX_TTL, type ResourceRecord } from '@impl/message-types.ts';
import { formatIpv6 } from './address.ts';
import { decodeName, nameEncodingLength, writeName } from './name.ts';

/**
 * Appends the record: owner NAME, TYPE (typeCode), CLASS, TTL, then RDLENGTH
 * and RDATA (RFC 1035 §4.1.3). RDATA by type:
 * - A: the 4 octets of parseIpv4(data);  AAAA: the 16 octets of parseIpv6(data);
 * - NS, CNAME: the name in data;
 * - SOA: MNAME, RNAME, then SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM as 32-bit numbers;
 * - any other type: data as it is.
 * With a `table`, the owner name and the names inside NS, CNAME and SOA RDATA
 * are compressed (RFC 1035 §4.1.4; RFC 3597 §4 forbids it for other types).
 * RDLENGTH is the number of RDATA bytes actually written: write a placeholder
 * and fix it with writer.setU16 afterwards.
 * Throws DnsFormatError 'value-out-of-range' for a TTL above MAX_TTL.
 */
export function writeRecord(writer: ByteWriter, record: ResourceRecord, table?: CompressionTable): void {
  throw new Error('TODO(records): name, type, class, ttl, a placeholder RDLENGTH, the RDATA for record.type, then patch RDLENGTH');
}

/** The record on its own, names uncompressed. */
export function encodeRecord(record: ResourceRecord): Uint8Array {
  const writer = new ByteWriter();
  writeRecord(writer, record);
  return writer.toBytes();
}

/**
 * Reads the record at `offset`; names may point anywhere earlier in `bytes`,
 * the whole message. bytesRead runs to the end of the RDATA.
 * - A TTL with the top bit set reads as 0 (RFC 2181 §8).
 * - A type this lab does not know keeps its RDATA as a copy of the bytes, type 'TYPEnnn'.
 * Throws DnsFormatError 'truncated' when the fixed fields or RDLENGTH bytes
 * are not all there, and 'bad-rdata' when RDATA does not fit its type: an A
 * record whose RDLENGTH is not 4, an AAAA not 16, or NS/CNAME/SOA RDATA whose
 * names and numbers do not end exactly at RDLENGTH.
 */
export function decodeRecord(bytes: Uint8Array, offset: number): Decoded<ResourceRecord> {
  throw new Error('TODO(records): decodeName, the 10 bytes of TYPE CLASS TTL RDLENGTH, then RDATA by type');
}

/** Bytes the record takes with no compression: name, 10 bytes of fixed fields, RDATA. */
export function recordEncodingLength(record: ResourceRecord): number {
  throw new Error('TODO(records): nameEncodingLength of the owner + 10 + the RDATA length for its type');
}
