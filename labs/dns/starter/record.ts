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
