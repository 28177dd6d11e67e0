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
import { inBoth, type HexField, type HexGroup, type HexText } from '../../components/hex-view.ts';
import type { Localized } from '../../../course/locale.ts';
import { formatIpv4 } from '../../../../labs/dns/given/address-text.ts';
import { createQuery, type Message, type ResourceRecord } from '../../../../labs/dns/given/message-types.ts';
import { formatName } from '../../../../labs/dns/given/name-text.ts';

/** Colour groups for DNS messages, in a fixed order so a query and its response use the same colours. */
export const DNS_GROUPS: readonly HexGroup[] = [
  { id: 'header', label: inBoth('Header', '首部') },
  { id: 'label', label: inBoth('Name: label', '名字：标签') },
  { id: 'pointer', label: inBoth('Name: compression pointer', '名字：压缩指针') },
  { id: 'fixed', label: inBoth('Type, class, TTL, length', '类型、类、TTL、长度') },
  { id: 'rdata', label: inBoth('Record data', '记录数据') },
  { id: 'edns', label: inBoth('EDNS(0) OPT record', 'EDNS(0) OPT 记录') },
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
  const once = (kind: string, note: HexText) => (explained.has(kind) ? undefined : (explained.add(kind), note));
  const add = (field: HexField) => fields.push(field);

  // Header (RFC 1035 §4.1.1)
  const section = inBoth('Header', '首部');
  const header = { section, group: 'header' };
  add({
    ...header,
    name: 'ID',
    offset: 0,
    length: 2,
    value: `0x${hex(u16(bytes, 0), 4)} (${u16(bytes, 0)})`,
    note: once(
      'id',
      inBoth(
        'Chosen by the asker and copied into the reply, so the two can be matched. Resolvers choose it at random, together with the UDP source port, so a forged reply is hard to guess (RFC 5452).',
        '由提问方选定，并被复制到回复中，好让两者对得上。解析器会随机选择它，连同 UDP 源端口一起，让伪造的回复难以猜中（RFC 5452）。',
      ),
    ),
  });
  const flags = u16(bytes, 2);
  add({
    ...header,
    name: inBoth('Flags', '标志（Flags）'),
    offset: 2,
    length: 2,
    value: `0x${hex(flags, 4)}: ${flagText(message)}`,
    note: once(
      'flags',
      inBoth(
        'One 16-bit word: QR (bit 15: 0 query, 1 response), OPCODE (bits 14–11, 0 = standard query), AA, TC, RD, RA, three Z bits, and the 4-bit RCODE (RFC 1035 §4.1.1).',
        '一个 16 位的字：QR（第 15 位：0 为查询，1 为响应）、OPCODE（第 14–11 位，0 = 标准查询）、AA、TC、RD、RA、三个 Z 位，以及 4 位的 RCODE（RFC 1035 §4.1.1）。',
      ),
    ),
  });
  const counts: [string, Localized][] = [
    ['QDCOUNT', inBoth('Entries in the question section.', '问题段中的条目数。')],
    ['ANCOUNT', inBoth('Records in the answer section.', '回答段中的记录数。')],
    ['NSCOUNT', inBoth('Records in the authority section: NS records of a referral, or the SOA of a negative answer.', '权威段中的记录数：转介中的 NS 记录，或否定回答中的 SOA。')],
    ['ARCOUNT', inBoth('Records in the additional section: glue addresses, and the EDNS OPT pseudo-record.', '附加段中的记录数：胶水记录的地址，以及 EDNS 的 OPT 伪记录。')],
  ];
  counts.forEach(([name, note], i) => add({ ...header, name, offset: 4 + 2 * i, length: 2, value: String(u16(bytes, 4 + 2 * i)), note: once(name, note) }));

  let offset = 12;
  for (let i = 0; i < message.questions.length; i++) {
    const at = { section: message.questions.length === 1 ? inBoth('Question', '问题') : inBoth(`Question ${i + 1}`, `问题 ${i + 1}`) };
    offset = nameFields(bytes, offset, inBoth('QNAME', 'QNAME'), at, add, once);
    add({ ...at, group: 'fixed', name: 'QTYPE', offset, length: 2, value: typeText(u16(bytes, offset)), note: once('qtype', inBoth('The record type asked for (RFC 1035 §3.2.2; AAAA is 28, RFC 3596 §2.1).', '所查询的记录类型（RFC 1035 §3.2.2；AAAA 是 28，RFC 3596 §2.1）。')) });
    add({ ...at, group: 'fixed', name: 'QCLASS', offset: offset + 2, length: 2, value: classText(u16(bytes, offset + 2)), note: once('qclass', inBoth('The class: 1 is IN, the Internet, in practice the only one used.', '类：1 是 IN，即互联网，实际上唯一在用的类。')) });
    offset += 4;
  }

  const sections: [Localized, ResourceRecord[]][] = [
    [inBoth('Answer', '回答'), message.answers],
    [inBoth('Authority', '权威'), message.authority],
    [inBoth('Additional', '附加'), message.additional],
  ];
  for (const [title, records] of sections) {
    records.forEach((record, i) => {
      const type = record.type === `TYPE${OPT}` ? 'OPT' : record.type;
      offset = recordFields(bytes, offset, inBoth(`${title.en} ${i + 1}: ${type}`, `${title['zh-cn']} ${i + 1}：${type}`), add, once);
    });
  }
  if (offset !== bytes.length) throw new Error(`describeMessage: fields end at byte ${offset}, the message has ${bytes.length}`);
  return fields;
}

type Add = (field: HexField) => void;
type Once = (kind: string, note: HexText) => HexText | undefined;

/** Fields of the name at `offset`: one per label, then the root label or a pointer. Returns the offset after the name. */
function nameFields(bytes: Uint8Array, offset: number, role: Localized, at: { section: HexText; group?: string }, add: Add, once: Once): number {
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
        name: inBoth(`${role.en}: pointer`, `${role['zh-cn']}：指针`),
        offset,
        length: 2,
        value: inBoth(`0x${hex(pointer, 4)} → byte ${target}: ${decodeName(bytes, target).value}`, `0x${hex(pointer, 4)} → 第 ${target} 字节：${decodeName(bytes, target).value}`),
        note: once(
          'pointer',
          inBoth(
            'Top two bits 11 mark a pointer; the other 14 bits are the offset, counted from the first byte of the message, of an earlier copy of the rest of the name. A pointer always ends the name (RFC 1035 §4.1.4).',
            '最高两位为 11 表示这是一个指针；其余 14 位是偏移量，从消息的第一个字节算起，指向名字剩余部分在前面出现过的副本。指针总是名字的结尾（RFC 1035 §4.1.4）。',
          ),
        ),
      });
      return offset + 2;
    }
    if (length === 0) {
      add({
        ...at,
        group: edns ? 'edns' : 'label',
        name: inBoth(`${role.en}: root`, `${role['zh-cn']}：根`),
        offset,
        length: 1,
        value: edns ? inBoth('length 0: the root, the empty name', '长度 0：根，即空名字') : inBoth('length 0: end of name', '长度 0：名字结束'),
        note: edns ? undefined : once('root', inBoth('The zero-length label of the root ends every name that is written out in full.', '根的零长度标签是每个完整写出的名字的结尾。')),
      });
      return offset + 1;
    }
    add({
      ...at,
      group: 'label',
      name: inBoth(`${role.en}: label`, `${role['zh-cn']}：标签`),
      offset,
      length: 1 + length,
      value: inBoth(`length ${length}, "${formatName([bytes.subarray(offset + 1, offset + 1 + length)])}"`, `长度 ${length}，“${formatName([bytes.subarray(offset + 1, offset + 1 + length)])}”`),
      note: once(
        'label',
        inBoth(
          'A length octet (1–63) and that many octets. Names are sequences of labels, compared without regard to ASCII case (RFC 1035 §3.1, §4.1.2; RFC 4343).',
          '一个长度字节（1–63），后跟这么多个字节。名字是标签的序列，比较时不区分 ASCII 大小写（RFC 1035 §3.1、§4.1.2；RFC 4343）。',
        ),
      ),
    });
    offset += 1 + length;
  }
}

/** Fields of the record at `offset` (RFC 1035 §4.1.3). Returns the offset after it. */
function recordFields(bytes: Uint8Array, offset: number, section: Localized, add: Add, once: Once): number {
  const ownerEnd = skipName(bytes, offset);
  const type = u16(bytes, ownerEnd);
  const isOpt = type === OPT;
  const at = isOpt ? { section: inBoth(`${section.en} (EDNS)`, `${section['zh-cn']}（EDNS）`), group: 'edns' } : { section };
  offset = nameFields(bytes, offset, inBoth('NAME', 'NAME'), at, add, once);
  const fixed = isOpt ? 'edns' : 'fixed';
  add({ ...at, group: fixed, name: 'TYPE', offset, length: 2, value: typeText(type), note: isOpt
      ? once('opt', inBoth('OPT marks the EDNS(0) pseudo-record: not data, but options for this one message (RFC 6891 §6.1).', 'OPT 表示 EDNS(0) 伪记录：它不是数据，而是只对这一条消息有效的选项（RFC 6891 §6.1）。'))
      : once('type', inBoth('The record type (RFC 1035 §3.2.2).', '记录类型（RFC 1035 §3.2.2）。')) });
  const rdlength = u16(bytes, offset + 8);
  if (isOpt) {
    const size = u16(bytes, offset + 2);
    add({ ...at, name: inBoth('UDP payload size', 'UDP 载荷大小'), offset: offset + 2, length: 2, value: inBoth(`${size} bytes`, `${size} 字节`), note: once('opt-size', inBoth('In OPT the CLASS field says how large a UDP reply the sender can receive, lifting the 512-byte limit of RFC 1035 (RFC 6891 §6.1.2).', '在 OPT 中，CLASS 字段表示发送方能接收多大的 UDP 回复，从而突破 RFC 1035 的 512 字节限制（RFC 6891 §6.1.2）。')) });
    add({ ...at, name: inBoth('Extended RCODE', '扩展 RCODE'), offset: offset + 4, length: 1, value: String(bytes[offset + 4]), note: once('opt-rcode', inBoth('The upper 8 bits of a 12-bit RCODE (the TTL field is reused).', '12 位 RCODE 的高 8 位（借用了 TTL 字段）。')) });
    add({ ...at, name: inBoth('EDNS version', 'EDNS 版本'), offset: offset + 5, length: 1, value: String(bytes[offset + 5]), note: once('opt-version', inBoth('Version 0 is the only one defined.', '目前只定义了版本 0。')) });
    const ednsFlags = u16(bytes, offset + 6);
    add({ ...at, name: inBoth('DO bit and Z', 'DO 位和 Z'), offset: offset + 6, length: 2, value: `0x${hex(ednsFlags, 4)}: DO=${ednsFlags >> 15}`, note: once('opt-flags', inBoth('DO=1 would ask for DNSSEC signatures (RFC 3225); the other 15 bits are zero.', 'DO=1 表示请求 DNSSEC 签名（RFC 3225）；其余 15 位为零。')) });
    add({ ...at, name: 'RDLENGTH', offset: offset + 8, length: 2, value: inBoth(`${rdlength} (no options)`, `${rdlength}（无选项）`), note: once('opt-rdlength', inBoth('Options such as a cookie (RFC 7873) or Client Subnet (RFC 7871) would follow here.', 'cookie（RFC 7873）或 Client Subnet（RFC 7871）这类选项会跟在这里。')) });
  } else {
    add({ ...at, group: fixed, name: 'CLASS', offset: offset + 2, length: 2, value: classText(u16(bytes, offset + 2)), note: once('class', inBoth('The class: 1 is IN.', '类：1 是 IN。')) });
    const ttl = u32(bytes, offset + 4);
    add({ ...at, group: fixed, name: 'TTL', offset: offset + 4, length: 4, value: `${ttl} s${ttl >= 60 ? ` (${duration(ttl)})` : ''}`, note: once('ttl', inBoth('Seconds the record may be kept in a cache, a 32-bit number of at most 2³¹ − 1 (RFC 1035 §3.2.1, RFC 2181 §8). A resolver answering from its cache sends what is left of it.', '记录可以在缓存中保留的秒数，一个最大为 2³¹ − 1 的 32 位数（RFC 1035 §3.2.1，RFC 2181 §8）。解析器用缓存作答时，发送的是剩余的时间。')) });
    add({ ...at, group: fixed, name: 'RDLENGTH', offset: offset + 8, length: 2, value: inBoth(`${rdlength} bytes`, `${rdlength} 字节`), note: once('rdlength', inBoth('Length of the RDATA that follows, after any name compression inside it.', '后面 RDATA 的长度，按其内部名字压缩之后计算。')) });
  }
  const start = offset + 10;
  const end = start + rdlength;
  if (!isOpt) rdataFields(bytes, start, end, type, section, add, once);
  else if (rdlength > 0) add({ ...at, name: inBoth('Options', '选项'), offset: start, length: rdlength });
  return end;
}

function rdataFields(bytes: Uint8Array, start: number, end: number, type: number, section: Localized, add: Add, once: Once): void {
  const at = { section };
  let offset = start;
  switch (typeName(type)) {
    case 'A':
      add({ ...at, group: 'rdata', name: inBoth('RDATA: IPv4 address', 'RDATA：IPv4 地址'), offset, length: 4, value: formatIpv4(bytes.subarray(offset, offset + 4)), note: once('a', inBoth('Four octets, most significant first (RFC 1035 §3.4.1).', '四个字节，最高有效字节在前（RFC 1035 §3.4.1）。')) });
      offset += 4;
      break;
    case 'AAAA':
      add({ ...at, group: 'rdata', name: inBoth('RDATA: IPv6 address', 'RDATA：IPv6 地址'), offset, length: 16, value: formatIpv6(bytes.subarray(offset, offset + 16)), note: once('aaaa', inBoth('Sixteen octets, most significant first (RFC 3596 §2.2).', '十六个字节，最高有效字节在前（RFC 3596 §2.2）。')) });
      offset += 16;
      break;
    case 'NS':
    case 'CNAME':
      offset = nameFields(bytes, offset, inBoth(`${typeName(type)} target`, `${typeName(type)} 目标`), at, add, once);
      break;
    case 'SOA': {
      offset = nameFields(bytes, offset, inBoth('SOA MNAME', 'SOA MNAME'), at, add, once);
      offset = nameFields(bytes, offset, inBoth('SOA RNAME', 'SOA RNAME'), at, add, once);
      const numbers: [string, Localized | undefined][] = [
        ['SERIAL', inBoth('Version number of the zone; secondary servers fetch a new copy when it grows.', '区域的版本号；它增大时，辅服务器会取一份新副本。')],
        ['REFRESH', undefined],
        ['RETRY', undefined],
        ['EXPIRE', undefined],
        [
          'MINIMUM',
          inBoth(
            'Since RFC 2308 §4: how long resolvers may cache a negative answer from this zone (capped by the SOA record’s own TTL).',
            '自 RFC 2308 §4 起：解析器可以把来自这个区域的否定回答缓存多久（上限是 SOA 记录自身的 TTL）。',
          ),
        ],
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
