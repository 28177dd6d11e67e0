/**
 * Resource records (RFC 1035 §3.2.1, §4.1.3): owner NAME, TYPE, CLASS, TTL,
 * then RDLENGTH and RDATA, whose layout depends on TYPE. Records of a type
 * this lab does not know keep their RDATA as raw bytes, so they pass through
 * unchanged (RFC 3597).
 */
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './address.ts';
import { ByteWriter, checkAvailable, readBytes, readU16, readU32, type Decoded } from '@impl/bytes.ts';
import { typeCode, typeName } from '@impl/codes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import { decodeName, nameEncodingLength, writeName, type CompressionTable } from './name.ts';

/** RFC 2181 §8: a TTL is a 32-bit number restricted to 0 … 2^31 − 1 seconds. */
export const MAX_TTL = 0x7fffffff;

/** Fields every record has. */
interface RecordBase {
  /** Owner name: dotted, no trailing dot. */
  name: string;
  /** 1 (CLASS_IN) for everything here; EDNS's OPT pseudo-record (TYPE41) puts its UDP payload size here instead. */
  class: number;
  /** Seconds the record may be cached (RFC 1035 §3.2.1). */
  ttl: number;
}

/** An IPv4 address (RFC 1035 §3.4.1); data in dotted decimal, '192.0.2.1'. */
export interface ARecord extends RecordBase {
  type: 'A';
  data: string;
}

/** An IPv6 address (RFC 3596 §2.2); data in RFC 5952 canonical text, '2001:db8::1'. */
export interface AaaaRecord extends RecordBase {
  type: 'AAAA';
  data: string;
}

/** A name server for the zone named by the owner (RFC 1035 §3.3.11); data is the server's host name. */
export interface NsRecord extends RecordBase {
  type: 'NS';
  data: string;
}

/** The owner is an alias; data is the canonical name to look up instead (RFC 1035 §3.3.1). */
export interface CnameRecord extends RecordBase {
  type: 'CNAME';
  data: string;
}

/** The fields of a start-of-authority record (RFC 1035 §3.3.13). */
export interface SoaData {
  /** Primary name server of the zone. */
  mname: string;
  /** Mailbox of the person responsible, with the '@' written as the first '.'. */
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  /** Since RFC 2308 §4: how long resolvers may cache a negative answer from this zone. */
  minimum: number;
}

/** Start of a zone of authority; also sent with negative answers (RFC 2308 §3). */
export interface SoaRecord extends RecordBase {
  type: 'SOA';
  data: SoaData;
}

/** A record of any other type, RDATA kept as it came (RFC 3597 §5 "generic" form). */
export interface OpaqueRecord extends RecordBase {
  type: `TYPE${number}`;
  data: Uint8Array;
}

/** Any record; switch on `type` to get at `data`. */
export type ResourceRecord = ARecord | AaaaRecord | NsRecord | CnameRecord | SoaRecord | OpaqueRecord;

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
