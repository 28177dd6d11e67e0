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
  if (record.ttl > MAX_TTL) throw new DnsFormatError('value-out-of-range', `TTL ${record.ttl} is above 2^31 − 1 (RFC 2181 §8)`);
  writeName(writer, record.name, table);
  writer.u16(typeCode(record.type));
  writer.u16(record.class);
  writer.u32(record.ttl);
  const rdlengthAt = writer.length;
  writer.u16(0); // RDLENGTH, patched below once the RDATA is written
  switch (record.type) {
    case 'A':
      writer.bytes(parseIpv4(record.data));
      break;
    case 'AAAA':
      writer.bytes(parseIpv6(record.data));
      break;
    // RFC 1035 §4.1.4 lets these original types compress names inside RDATA;
    // RFC 3597 §4 forbids it for types defined later, which is why unknown types are copied as is.
    case 'NS':
    case 'CNAME':
      writeName(writer, record.data, table);
      break;
    case 'SOA':
      writeName(writer, record.data.mname, table);
      writeName(writer, record.data.rname, table);
      for (const field of [record.data.serial, record.data.refresh, record.data.retry, record.data.expire, record.data.minimum]) {
        writer.u32(field);
      }
      break;
    default:
      writer.bytes(record.data);
  }
  writer.setU16(rdlengthAt, writer.length - rdlengthAt - 2);
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
  const owner = decodeName(bytes, offset);
  const fieldsAt = offset + owner.bytesRead;
  checkAvailable(bytes, fieldsAt, 10);
  const type = typeName(readU16(bytes, fieldsAt));
  const rawTtl = readU32(bytes, fieldsAt + 4);
  const base = {
    name: owner.value,
    class: readU16(bytes, fieldsAt + 2),
    // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
    ttl: rawTtl > MAX_TTL ? 0 : rawTtl,
  };
  const rdlength = readU16(bytes, fieldsAt + 8);
  const start = fieldsAt + 10;
  const end = start + rdlength;
  checkAvailable(bytes, start, rdlength);

  let record: ResourceRecord;
  switch (type) {
    case 'A':
      expectRdlength(rdlength, 4, type, start);
      record = { ...base, type, data: formatIpv4(bytes.subarray(start, end)) };
      break;
    case 'AAAA':
      expectRdlength(rdlength, 16, type, start);
      record = { ...base, type, data: formatIpv6(bytes.subarray(start, end)) };
      break;
    case 'NS':
    case 'CNAME': {
      const target = decodeName(bytes, start);
      expectEnd(start + target.bytesRead, end, type);
      record = { ...base, type, data: target.value };
      break;
    }
    case 'SOA': {
      const mname = decodeName(bytes, start);
      const rname = decodeName(bytes, start + mname.bytesRead);
      const numbersAt = start + mname.bytesRead + rname.bytesRead;
      expectEnd(numbersAt + 20, end, type);
      const [serial, refresh, retry, expire, minimum] = [0, 4, 8, 12, 16].map((i) => readU32(bytes, numbersAt + i)) as [
        number,
        number,
        number,
        number,
        number,
      ];
      record = { ...base, type, data: { mname: mname.value, rname: rname.value, serial, refresh, retry, expire, minimum } };
      break;
    }
    default:
      record = { ...base, type, data: readBytes(bytes, start, rdlength) };
  }
  return { value: record, bytesRead: end - offset };
}

/** Bytes the record takes with no compression: name, 10 bytes of fixed fields, RDATA. */
export function recordEncodingLength(record: ResourceRecord): number {
  return nameEncodingLength(record.name) + 10 + rdataLength(record);
}

function rdataLength(record: ResourceRecord): number {
  switch (record.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'NS':
    case 'CNAME':
      return nameEncodingLength(record.data);
    case 'SOA':
      return nameEncodingLength(record.data.mname) + nameEncodingLength(record.data.rname) + 20;
    default:
      return record.data.length;
  }
}

function expectRdlength(rdlength: number, expected: number, type: string, offset: number): void {
  if (rdlength !== expected) {
    throw new DnsFormatError('bad-rdata', `${type} RDATA must be ${expected} bytes, RDLENGTH says ${rdlength}`, offset);
  }
}

function expectEnd(actualEnd: number, end: number, type: string): void {
  if (actualEnd !== end) {
    throw new DnsFormatError('bad-rdata', `${type} RDATA ends at ${actualEnd}, RDLENGTH says ${end}`, actualEnd);
  }
}
