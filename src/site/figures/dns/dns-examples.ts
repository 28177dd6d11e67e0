/**
 * The DNS messages the chapter shows byte by byte. They are encoded at build
 * time by the DNS lab's reference solution (labs/dns/solution), so the page
 * shows exactly the bytes the learner's code must produce; then the bytes are
 * walked again here, field by field (RFC 1035 §4.1), to tell HexView where
 * every header field, label, pointer and record part begins and ends.
 */
import { formatIpv6 } from '../../../../labs/dns/solution/address.ts';
import { CLASS_IN, rcodeName, typeName } from '../../../../labs/dns/given/codes.ts';
import { decodeMessage, encodeMessage } from '../../../../labs/dns/solution/message.ts';
import { decodeName } from '../../../../labs/dns/solution/name.ts';
import { questionEncodingLength } from '../../../../labs/dns/solution/question.ts';
import { recordEncodingLength } from '../../../../labs/dns/solution/record.ts';
import type { HexField, HexGroup } from '../../components/hex-view.ts';
import { formatIpv4 } from '../../../../labs/dns/given/address-text.ts';
import { createQuery, type Message, type ResourceRecord } from '../../../../labs/dns/given/message-types.ts';
import { formatName } from '../../../../labs/dns/given/name-text.ts';

/** Colour groups for DNS messages, in a fixed order so a query and its response use the same colours. */
export const DNS_GROUPS: readonly HexGroup[] = [
  { id: 'header', label: 'Header' },
  { id: 'label', label: 'Name: label' },
  { id: 'pointer', label: 'Name: compression pointer' },
  { id: 'fixed', label: 'Type, class, TTL, length' },
  { id: 'rdata', label: 'Record data' },
  { id: 'edns', label: 'EDNS(0) OPT record' },
];

/** A message ready for <HexView>: its bytes, their fields, the colour groups, and the message they encode. */
export interface DnsExample {
  bytes: Uint8Array;
  fields: HexField[];
  groups: readonly HexGroup[];
  message: Message;
  /** What the message would take with every name written out in full, to compare with `bytes.length`. */
  uncompressedLength: number;
}

/** RFC 6891 §6.1.2: the OPT pseudo-record's TYPE. */
const OPT = 41;
/** The UDP payload size DNS Flag Day 2020 chose to keep replies below common path MTUs, and BIND's and Unbound's default since. */
export const EDNS_UDP_SIZE = 1232;

/**
 * The EDNS(0) OPT pseudo-record (RFC 6891 §6.1.2): root owner name, TYPE 41,
 * CLASS carrying the largest UDP payload the sender can receive, TTL carrying
 * extended RCODE, version and flags (all zero here), no options.
 */
const optRecord: ResourceRecord = { name: '', type: 'TYPE41', class: EDNS_UDP_SIZE, ttl: 0, data: new Uint8Array(0) };

/** The phone's stub resolver asks its recursive resolver for www.shop.example A, recursion desired, with EDNS(0). */
export const QUERY: Message = {
  ...createQuery(0x1a2b, { name: 'www.shop.example', type: 'A', class: CLASS_IN }, { rd: true }),
  additional: [optRecord],
};

/**
 * The recursive resolver's reply: the shop's CNAME to its global load balancer
 * and the address the balancer chose (TTLs and address as in the lab's
 * simulated hierarchy, labs/dns/tests/fixtures/hierarchy.ts). AA is clear:
 * the resolver is not an authority, it passes on what authorities said.
 */
export const RESPONSE: Message = {
  ...QUERY,
  qr: true,
  ra: true,
  answers: [
    { name: 'www.shop.example', type: 'CNAME', class: CLASS_IN, ttl: 300, data: 'shop.gslb.example' },
    { name: 'shop.gslb.example', type: 'A', class: CLASS_IN, ttl: 30, data: '203.0.113.10' },
  ],
};

/** The query, encoded by the lab's solution and described field by field. */
export function dnsQueryExample(): DnsExample {
  return example(QUERY, new Set());
}

/**
 * The response, encoded by the lab's solution and described field by field.
 * The chapter shows it right after the query, so its notes explain only the
 * kinds of field the query did not (pointers, TTLs, RDATA, …).
 */
export function dnsResponseExample(): DnsExample {
  const explained = new Set<string>();
  describeMessage(encodeMessage(QUERY), explained);
  return example(RESPONSE, explained);
}

function example(message: Message, explained: Set<string>): DnsExample {
  const bytes = encodeMessage(message);
  const records = [...message.answers, ...message.authority, ...message.additional];
  const uncompressedLength =
    12 + message.questions.reduce((sum, q) => sum + questionEncodingLength(q), 0) + records.reduce((sum, r) => sum + recordEncodingLength(r), 0);
  return { bytes, fields: describeMessage(bytes, explained), groups: DNS_GROUPS, message, uncompressedLength };
}

/**
 * The fields of a whole DNS message in wire form, in byte order and covering
 * every byte: the six header fields, then for each question and record every
 * label, pointer and fixed field. Notes explain each kind of field the first
 * time it appears; kinds already in `explained` get none, and the kinds
 * explained here are added to it. Throws whatever decodeMessage throws for a
 * malformed message.
 */
export function describeMessage(bytes: Uint8Array, explained: Set<string> = new Set()): HexField[] {
  const { value: message } = decodeMessage(bytes);
  const fields: HexField[] = [];
  /** The note for a kind of field, only the first time that kind appears. */
  const once = (kind: string, note: string) => (explained.has(kind) ? undefined : (explained.add(kind), note));
  const add = (field: HexField) => fields.push(field);

  // Header (RFC 1035 §4.1.1)
  const section = 'Header';
  const header = { section, group: 'header' };
  add({
    ...header,
    name: 'ID',
    offset: 0,
    length: 2,
    value: `0x${hex(u16(bytes, 0), 4)} (${u16(bytes, 0)})`,
    note: once('id', 'Chosen by the asker and copied into the reply, so the two can be matched. Resolvers choose it at random, together with the UDP source port, so a forged reply is hard to guess (RFC 5452).'),
  });
  const flags = u16(bytes, 2);
  add({
    ...header,
    name: 'Flags',
    offset: 2,
    length: 2,
    value: `0x${hex(flags, 4)}: ${flagText(message)}`,
    note: once('flags', 'One 16-bit word: QR (bit 15: 0 query, 1 response), OPCODE (bits 14–11, 0 = standard query), AA, TC, RD, RA, three Z bits, and the 4-bit RCODE (RFC 1035 §4.1.1).'),
  });
  const counts: [string, string][] = [
    ['QDCOUNT', 'Entries in the question section.'],
    ['ANCOUNT', 'Records in the answer section.'],
    ['NSCOUNT', 'Records in the authority section: NS records of a referral, or the SOA of a negative answer.'],
    ['ARCOUNT', 'Records in the additional section: glue addresses, and the EDNS OPT pseudo-record.'],
  ];
  counts.forEach(([name, note], i) => add({ ...header, name, offset: 4 + 2 * i, length: 2, value: String(u16(bytes, 4 + 2 * i)), note: once(name, note) }));

  let offset = 12;
  for (let i = 0; i < message.questions.length; i++) {
    const at = { section: message.questions.length === 1 ? 'Question' : `Question ${i + 1}` };
    offset = nameFields(bytes, offset, 'QNAME', at, add, once);
    add({ ...at, group: 'fixed', name: 'QTYPE', offset, length: 2, value: typeText(u16(bytes, offset)), note: once('qtype', 'The record type asked for (RFC 1035 §3.2.2; AAAA is 28, RFC 3596 §2.1).') });
    add({ ...at, group: 'fixed', name: 'QCLASS', offset: offset + 2, length: 2, value: classText(u16(bytes, offset + 2)), note: once('qclass', 'The class: 1 is IN, the Internet, in practice the only one used.') });
    offset += 4;
  }

  const sections: [string, ResourceRecord[]][] = [
    ['Answer', message.answers],
    ['Authority', message.authority],
    ['Additional', message.additional],
  ];
  for (const [title, records] of sections) {
    records.forEach((record, i) => {
      offset = recordFields(bytes, offset, `${title} ${i + 1}: ${record.type === `TYPE${OPT}` ? 'OPT' : record.type}`, add, once);
    });
  }
  if (offset !== bytes.length) throw new Error(`describeMessage: fields end at byte ${offset}, the message has ${bytes.length}`);
  return fields;
}

type Add = (field: HexField) => void;
type Once = (kind: string, note: string) => string | undefined;

/** Fields of the name at `offset`: one per label, then the root label or a pointer. Returns the offset after the name. */
function nameFields(bytes: Uint8Array, offset: number, role: string, at: { section: string; group?: string }, add: Add, once: Once): number {
  const edns = at.group === 'edns';
  for (;;) {
    const length = bytes[offset]!;
    if ((length & 0xc0) === 0xc0) {
      // RFC 1035 §4.1.4: a pointer is 11 followed by a 14-bit offset from the start of the message.
      const pointer = u16(bytes, offset);
      const target = pointer & 0x3fff;
      add({
        ...at,
        group: 'pointer',
        name: `${role}: pointer`,
        offset,
        length: 2,
        value: `0x${hex(pointer, 4)} → byte ${target}: ${decodeName(bytes, target).value}`,
        note: once(
          'pointer',
          'Top two bits 11 mark a pointer; the other 14 bits are the offset, counted from the first byte of the message, of an earlier copy of the rest of the name. A pointer always ends the name (RFC 1035 §4.1.4).',
        ),
      });
      return offset + 2;
    }
    if (length === 0) {
      add({
        ...at,
        group: edns ? 'edns' : 'label',
        name: `${role}: root`,
        offset,
        length: 1,
        value: edns ? 'length 0: the root, the empty name' : 'length 0: end of name',
        note: edns ? undefined : once('root', 'The zero-length label of the root ends every name that is written out in full.'),
      });
      return offset + 1;
    }
    add({
      ...at,
      group: 'label',
      name: `${role}: label`,
      offset,
      length: 1 + length,
      value: `length ${length}, "${formatName([bytes.subarray(offset + 1, offset + 1 + length)])}"`,
      note: once('label', 'A length octet (1–63) and that many octets. Names are sequences of labels, compared without regard to ASCII case (RFC 1035 §3.1, §4.1.2; RFC 4343).'),
    });
    offset += 1 + length;
  }
}

/** Fields of the record at `offset` (RFC 1035 §4.1.3). Returns the offset after it. */
function recordFields(bytes: Uint8Array, offset: number, section: string, add: Add, once: Once): number {
  const ownerEnd = skipName(bytes, offset);
  const type = u16(bytes, ownerEnd);
  const isOpt = type === OPT;
  const at = isOpt ? { section: `${section} (EDNS)`, group: 'edns' } : { section };
  offset = nameFields(bytes, offset, 'NAME', at, add, once);
  const fixed = isOpt ? 'edns' : 'fixed';
  add({ ...at, group: fixed, name: 'TYPE', offset, length: 2, value: typeText(type), note: isOpt ? once('opt', 'OPT marks the EDNS(0) pseudo-record: not data, but options for this one message (RFC 6891 §6.1).') : once('type', 'The record type (RFC 1035 §3.2.2).') });
  const rdlength = u16(bytes, offset + 8);
  if (isOpt) {
    add({ ...at, name: 'UDP payload size', offset: offset + 2, length: 2, value: `${u16(bytes, offset + 2)} bytes`, note: once('opt-size', 'In OPT the CLASS field says how large a UDP reply the sender can receive, lifting the 512-byte limit of RFC 1035 (RFC 6891 §6.1.2).') });
    add({ ...at, name: 'Extended RCODE', offset: offset + 4, length: 1, value: String(bytes[offset + 4]), note: once('opt-rcode', 'The upper 8 bits of a 12-bit RCODE (the TTL field is reused).') });
    add({ ...at, name: 'EDNS version', offset: offset + 5, length: 1, value: String(bytes[offset + 5]), note: once('opt-version', 'Version 0 is the only one defined.') });
    const ednsFlags = u16(bytes, offset + 6);
    add({ ...at, name: 'DO bit and Z', offset: offset + 6, length: 2, value: `0x${hex(ednsFlags, 4)}: DO=${ednsFlags >> 15}`, note: once('opt-flags', 'DO=1 would ask for DNSSEC signatures (RFC 3225); the other 15 bits are zero.') });
    add({ ...at, name: 'RDLENGTH', offset: offset + 8, length: 2, value: `${rdlength} (no options)`, note: once('opt-rdlength', 'Options such as a cookie (RFC 7873) or Client Subnet (RFC 7871) would follow here.') });
  } else {
    add({ ...at, group: fixed, name: 'CLASS', offset: offset + 2, length: 2, value: classText(u16(bytes, offset + 2)), note: once('class', 'The class: 1 is IN.') });
    const ttl = u32(bytes, offset + 4);
    add({ ...at, group: fixed, name: 'TTL', offset: offset + 4, length: 4, value: `${ttl} s${ttl >= 60 ? ` (${duration(ttl)})` : ''}`, note: once('ttl', 'Seconds the record may be kept in a cache, a 32-bit number of at most 2³¹ − 1 (RFC 1035 §3.2.1, RFC 2181 §8). A resolver answering from its cache sends what is left of it.') });
    add({ ...at, group: fixed, name: 'RDLENGTH', offset: offset + 8, length: 2, value: `${rdlength} bytes`, note: once('rdlength', 'Length of the RDATA that follows, after any name compression inside it.') });
  }
  const start = offset + 10;
  const end = start + rdlength;
  if (!isOpt) rdataFields(bytes, start, end, type, section, add, once);
  else if (rdlength > 0) add({ ...at, name: 'Options', offset: start, length: rdlength });
  return end;
}

function rdataFields(bytes: Uint8Array, start: number, end: number, type: number, section: string, add: Add, once: Once): void {
  const at = { section };
  let offset = start;
  switch (typeName(type)) {
    case 'A':
      add({ ...at, group: 'rdata', name: 'RDATA: IPv4 address', offset, length: 4, value: formatIpv4(bytes.subarray(offset, offset + 4)), note: once('a', 'Four octets, most significant first (RFC 1035 §3.4.1).') });
      offset += 4;
      break;
    case 'AAAA':
      add({ ...at, group: 'rdata', name: 'RDATA: IPv6 address', offset, length: 16, value: formatIpv6(bytes.subarray(offset, offset + 16)), note: once('aaaa', 'Sixteen octets, most significant first (RFC 3596 §2.2).') });
      offset += 16;
      break;
    case 'NS':
    case 'CNAME':
      offset = nameFields(bytes, offset, `${typeName(type)} target`, at, add, once);
      break;
    case 'SOA': {
      offset = nameFields(bytes, offset, 'SOA MNAME', at, add, once);
      offset = nameFields(bytes, offset, 'SOA RNAME', at, add, once);
      const numbers: [string, string | undefined][] = [
        ['SERIAL', 'Version number of the zone; secondary servers fetch a new copy when it grows.'],
        ['REFRESH', undefined],
        ['RETRY', undefined],
        ['EXPIRE', undefined],
        ['MINIMUM', 'Since RFC 2308 §4: how long resolvers may cache a negative answer from this zone (capped by the SOA record’s own TTL).'],
      ];
      for (const [name, note] of numbers) {
        add({ ...at, group: 'rdata', name: `SOA ${name}`, offset, length: 4, value: String(u32(bytes, offset)), note: note && once(`soa-${name}`, note) });
        offset += 4;
      }
      break;
    }
    default:
      if (end > start) add({ ...at, group: 'rdata', name: 'RDATA', offset, length: end - start });
      offset = end;
  }
  if (offset !== end) throw new Error(`describeMessage: ${typeName(type)} RDATA parsed to byte ${offset}, RDLENGTH says ${end}`);
}

/** The offset just after the name at `offset`, without following pointers. */
function skipName(bytes: Uint8Array, offset: number): number {
  for (;;) {
    const length = bytes[offset]!;
    if ((length & 0xc0) === 0xc0) return offset + 2;
    if (length === 0) return offset + 1;
    offset += 1 + length;
  }
}

function flagText(m: Message): string {
  const bit = (b: boolean) => (b ? 1 : 0);
  return `QR=${bit(m.qr)} OPCODE=${m.opcode} AA=${bit(m.aa)} TC=${bit(m.tc)} RD=${bit(m.rd)} RA=${bit(m.ra)} Z=${m.z} RCODE=${m.rcode} (${rcodeName(m.rcode)})`;
}

function typeText(code: number): string {
  return `${code} (${code === OPT ? 'OPT' : typeName(code)})`;
}

function classText(code: number): string {
  return code === CLASS_IN ? '1 (IN)' : String(code);
}

function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function u32(bytes: Uint8Array, offset: number): number {
  return u16(bytes, offset) * 0x10000 + u16(bytes, offset + 2);
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}
