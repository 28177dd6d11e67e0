/**
 * The numbers the wire uses, with their names: record TYPEs and CLASS
 * (RFC 1035 §3.2.2, §3.2.4; AAAA from RFC 3596 §2.1), OPCODE and RCODE
 * (RFC 1035 §4.1.1). In values the lab uses type names ('A', 'AAAA', …) so
 * that TypeScript can tell records apart; a type this lab does not know is
 * written the RFC 3597 §5 way, "TYPE" followed by its number ('TYPE41').
 */
import { DnsFormatError } from './errors.ts';

/** Type numbers of the record types this lab understands. */
export const RecordType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  AAAA: 28,
} as const;

/** A record type this lab decodes into fields. */
export type KnownType = keyof typeof RecordType;

/** Any record type: a known name, or RFC 3597's generic "TYPEnnn" for the rest. */
export type TypeName = KnownType | `TYPE${number}`;

/** CLASS IN, the Internet (RFC 1035 §3.2.4); the only class this lab serves. */
export const CLASS_IN = 1;

/** OPCODE values (RFC 1035 §4.1.1); only QUERY is used here. */
export const Opcode = {
  QUERY: 0,
  IQUERY: 1,
  STATUS: 2,
} as const;

/** RCODE values (RFC 1035 §4.1.1). */
export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

const namesByCode = new Map<number, KnownType>(
  Object.entries(RecordType).map(([name, code]) => [code, name as KnownType]),
);

/** The 16-bit TYPE number of a type name: 'A' → 1, 'TYPE41' → 41. */
export function typeCode(type: TypeName): number {
  if (Object.hasOwn(RecordType, type)) return RecordType[type as KnownType];
  const match = /^TYPE(\d{1,5})$/.exec(type);
  const code = match ? Number(match[1]) : NaN;
  if (!(code >= 0 && code <= 0xffff)) throw new DnsFormatError('invalid-text', `"${type}" is not a record type`);
  return code;
}

/** The name of a TYPE number: 1 → 'A', 41 → 'TYPE41' (RFC 3597 §5). */
export function typeName(code: number): TypeName {
  return namesByCode.get(code) ?? `TYPE${code}`;
}

/** The name of an RCODE for messages and transcripts: 3 → 'NXDOMAIN', 9 → 'RCODE9'. */
export function rcodeName(rcode: number): string {
  for (const [name, value] of Object.entries(Rcode)) if (value === rcode) return name;
  return `RCODE${rcode}`;
}
