/**
 * A DNS message as values (RFC 1035 §4.1): the header's flags and counts,
 * questions, resource records, and the whole message; the codecs in the
 * learner's files turn them into bytes and back.
 */
import type { TypeName } from './codes.ts';

/** Size of the header in bytes; the first question starts right after it. */
export const HEADER_LENGTH = 12;

/** The second 16-bit word of the header, one named field per bit group. */
export interface Flags {
  /** QR: false in a query, true in a response. */
  qr: boolean;
  /** OPCODE, 4 bits: 0 is a standard query (Opcode.QUERY). */
  opcode: number;
  /** AA: the responding server is an authority for the name in the question. */
  aa: boolean;
  /** TC: the message was truncated to fit the transport (512 bytes over plain UDP). */
  tc: boolean;
  /** RD: the client asks the server to resolve recursively; copied into the response. */
  rd: boolean;
  /** RA: the server offers recursion. */
  ra: boolean;
  /** Z, 3 bits: zero in RFC 1035; later RFCs give two of them meaning (AD, CD in RFC 4035 §3.2), so keep what arrives. */
  z: number;
  /** RCODE, 4 bits: 0 NOERROR, 3 NXDOMAIN, … (Rcode). */
  rcode: number;
}

/** The whole header: id, flags, and how many entries each of the four sections holds. */
export interface Header extends Flags {
  /** Chosen by the asker, copied into the reply so the asker can match them. */
  id: number;
  /** Entries in the question section. */
  qdcount: number;
  /** Records in the answer section. */
  ancount: number;
  /** Records in the authority section. */
  nscount: number;
  /** Records in the additional section. */
  arcount: number;
}

/** Flags of a plain query with everything off, overridden by `changes`. */
export function makeFlags(changes: Partial<Flags> = {}): Flags {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: 0, rcode: 0, ...changes };
}

/** What is being asked: records of `type` and `class` owned by `name`. */
export interface Question {
  /** Dotted, no trailing dot; '' is the root. */
  name: string;
  /** 'A', 'AAAA', … or 'TYPEnnn' for a type this lab does not know. */
  type: TypeName;
  /** 1 (CLASS_IN) in practice. */
  class: number;
}

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

/** A message as values: the header's flags and id, and the four sections (their counts are their lengths). */
export interface Message extends Flags {
  id: number;
  questions: Question[];
  /** Records that answer the question. */
  answers: ResourceRecord[];
  /** Records that point toward an authority: NS for a referral, SOA for a negative answer. */
  authority: ResourceRecord[];
  /** Records that help use the others, such as the addresses of name servers ("glue"). */
  additional: ResourceRecord[];
}

/** A query for one question, all flags off unless `flags` sets them. */
export function createQuery(id: number, question: Question, flags: Partial<Flags> = {}): Message {
  return { id, ...makeFlags(flags), questions: [question], answers: [], authority: [], additional: [] };
}
