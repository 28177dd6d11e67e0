import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../../labs/dns/solution/message.ts';
import { decodeName } from '../../../../labs/dns/solution/name.ts';
import { decodeRecord } from '../../../../labs/dns/solution/record.ts';
import { describeMessage as describeAnyLanguage, dnsQueryExample as queryInBoth, dnsResponseExample as responseInBoth, DNS_GROUPS, QUERY, RESPONSE } from './dns-examples.ts';
import { buildHexModel, fieldsIn, hexText, type HexFieldIn } from '../../components/hex-view.ts';
import type { Message } from '../../../../labs/dns/given/message-types.ts';

// The checks below read the English texts; the Chinese ones are checked at the end.
const describeMessage = (bytes: Uint8Array) => fieldsIn(describeAnyLanguage(bytes));
const dnsQueryExample = () => ({ ...queryInBoth(), fields: fieldsIn(queryInBoth().fields) });
const dnsResponseExample = () => ({ ...responseInBoth(), fields: fieldsIn(responseInBoth().fields) });

const examples: [string, () => ReturnType<typeof dnsQueryExample>][] = [
  ['query', dnsQueryExample],
  ['response', dnsResponseExample],
];

const field = (fields: HexFieldIn[], name: string, section?: string) => {
  const found = fields.find((f) => f.name === name && (section === undefined || f.section === section));
  if (!found) throw new Error(`no field "${name}"${section ? ` in ${section}` : ''}`);
  return found;
};
const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;

describe.each(examples)('the %s shown in the chapter', (_, make) => {
  const { bytes, fields, groups, message } = make();

  it('is the bytes the lab solution encodes, and decodes back to the same message', () => {
    expect(bytes).toEqual(encodeMessage(message));
    expect(decodeMessage(bytes)).toEqual({ value: message, bytesRead: bytes.length });
  });

  it('has fields that cover every byte exactly once', () => {
    // buildHexModel throws on overlaps and on fields past the end; gaps are what no field covers.
    const model = buildHexModel(bytes, fields, { groups });
    expect(model.gaps).toEqual([]);
    expect(fields.reduce((sum, f) => sum + f.length, 0)).toBe(bytes.length);
  });

  it('uses only the DNS colour groups', () => {
    const known = new Set(DNS_GROUPS.map((g) => g.id));
    expect(fields.filter((f) => !known.has(f.group!))).toEqual([]);
  });

  it('places the header fields where RFC 1035 §4.1.1 puts them, with the decoded values', () => {
    const header = fields.filter((f) => f.section === 'Header');
    expect(header.map((f) => [f.name, f.offset, f.length])).toEqual([
      ['ID', 0, 2],
      ['Flags', 2, 2],
      ['QDCOUNT', 4, 2],
      ['ANCOUNT', 6, 2],
      ['NSCOUNT', 8, 2],
      ['ARCOUNT', 10, 2],
    ]);
    expect(field(fields, 'ID').value).toBe(`0x1a2b (${0x1a2b})`);
    expect(field(fields, 'QDCOUNT').value).toBe(String(message.questions.length));
    expect(field(fields, 'ANCOUNT').value).toBe(String(message.answers.length));
    expect(field(fields, 'NSCOUNT').value).toBe(String(message.authority.length));
    expect(field(fields, 'ARCOUNT').value).toBe(String(message.additional.length));
    expect(field(fields, 'Flags').value).toContain(`RD=1`);
    expect(field(fields, 'Flags').value).toContain(`QR=${message.qr ? 1 : 0}`);
  });

  it('spells the question name label by label, ending at the root', () => {
    const qname = fields.filter((f) => f.section === 'Question' && f.name.startsWith('QNAME'));
    expect(qname.map((f) => f.value)).toEqual(['length 3, "www"', 'length 4, "shop"', 'length 7, "example"', 'length 0: end of name']);
    expect(qname[0]!.offset).toBe(12);
    // Each label field is its length octet plus that many octets.
    for (const label of qname.slice(0, -1)) expect(label.length).toBe(1 + bytes[label.offset]!);
    expect(field(fields, 'QTYPE').offset).toBe(30);
  });

  it('lays each record out as one contiguous section whose length decodeRecord agrees with', () => {
    const records = [...message.answers, ...message.authority, ...message.additional];
    const recordSections = [...new Set(fields.map((f) => f.section!))].filter((s) => s !== 'Header' && s !== 'Question');
    expect(recordSections).toHaveLength(records.length);
    recordSections.forEach((section, i) => {
      const parts = fields.filter((f) => f.section === section);
      const start = parts[0]!.offset;
      const end = parts.at(-1)!.offset + parts.at(-1)!.length;
      expect(parts.reduce((sum, f) => sum + f.length, 0), `${section} has no holes`).toBe(end - start);
      const decoded = decodeRecord(bytes, start);
      expect(decoded.value, section).toEqual(records[i]);
      expect(decoded.bytesRead, section).toBe(end - start);
      // RDLENGTH sits 8 bytes after TYPE and counts the bytes up to the end of the record.
      const type = field(parts, 'TYPE');
      expect(u16(bytes, type.offset + 8), `${section} RDLENGTH`).toBe(end - (type.offset + 10));
    });
  });

  it('makes every pointer field a real pointer to an earlier copy of the name it names', () => {
    for (const pointer of fields.filter((f) => f.group === 'pointer')) {
      const word = u16(bytes, pointer.offset);
      expect(word >> 14, `${pointer.name} at ${pointer.offset}: top bits`).toBe(0b11);
      const target = word & 0x3fff;
      expect(target).toBeLessThan(pointer.offset);
      expect(pointer.value).toBe(`0x${word.toString(16)} → byte ${target}: ${decodeName(bytes, target).value}`);
      // The target is where a label field begins.
      expect(fields.some((f) => f.group === 'label' && f.offset === target)).toBe(true);
    }
  });

  it('explains a kind of field at most once, not on every repetition', () => {
    const labelNotes = fields.filter((f) => f.group === 'label' && f.name.endsWith('label') && f.note);
    expect(labelNotes.length).toBeLessThanOrEqual(1);
  });
});

describe('notes', () => {
  it('the query explains every field it has', () => {
    const { fields } = dnsQueryExample();
    expect(fields.filter((f) => f.note).map((f) => f.name)).toEqual([
      'ID', 'Flags', 'QDCOUNT', 'ANCOUNT', 'NSCOUNT', 'ARCOUNT', 'QNAME: label', 'QNAME: root', 'QTYPE', 'QCLASS',
      'TYPE', 'UDP payload size', 'Extended RCODE', 'EDNS version', 'DO bit and Z', 'RDLENGTH',
    ]);
  });

  it('the response, shown after the query, explains only what the query did not', () => {
    const { fields } = dnsResponseExample();
    expect(fields.filter((f) => f.note).map((f) => `${f.section} ${f.name}`)).toEqual([
      'Answer 1: CNAME NAME: pointer',
      'Answer 1: CNAME TYPE',
      'Answer 1: CNAME CLASS',
      'Answer 1: CNAME TTL',
      'Answer 1: CNAME RDLENGTH',
      'Answer 2: A RDATA: IPv4 address',
    ]);
  });
});

describe('the query', () => {
  it('is 45 bytes and has nothing to compress', () => {
    const { bytes, uncompressedLength } = dnsQueryExample();
    expect([bytes.length, uncompressedLength]).toEqual([45, 45]);
  });
});

describe('the response', () => {
  const { fields } = dnsResponseExample();

  it('compresses: the CNAME owner points at the question name, its target ends in a pointer to "example", the A owner at the CNAME target', () => {
    const pointers = fields.filter((f) => f.group === 'pointer').map((f) => [f.section, f.name, f.value]);
    expect(pointers).toEqual([
      ['Answer 1: CNAME', 'NAME: pointer', '0xc00c → byte 12: www.shop.example'],
      ['Answer 1: CNAME', 'CNAME target: pointer', '0xc015 → byte 21: example'],
      ['Answer 2: A', 'NAME: pointer', '0xc02e → byte 46: shop.gslb.example'],
    ]);
  });

  it('is 85 bytes, 40 fewer than with every name written out (the chapter quotes both numbers)', () => {
    const { bytes, uncompressedLength } = dnsResponseExample();
    expect([bytes.length, uncompressedLength]).toEqual([85, 125]);
  });

  it('carries the address the balancer chose, and the TTLs from the lab hierarchy', () => {
    expect(field(fields, 'RDATA: IPv4 address').value).toBe('203.0.113.10');
    expect(field(fields, 'TTL', 'Answer 1: CNAME').value).toBe('300 s (5 min)');
    expect(field(fields, 'TTL', 'Answer 2: A').value).toBe('30 s');
  });

  it('is a recursive resolver’s answer: RA set, AA clear, NOERROR', () => {
    expect(RESPONSE).toMatchObject({ qr: true, rd: true, ra: true, aa: false, rcode: 0, id: QUERY.id });
  });
});

describe('the EDNS(0) OPT record in both messages', () => {
  it('says 1232 bytes of UDP payload, version 0, no DNSSEC, no options (RFC 6891 §6.1.2)', () => {
    for (const { fields } of [dnsQueryExample(), dnsResponseExample()]) {
      const opt = fields.filter((f) => f.group === 'edns');
      expect(opt.map((f) => [f.name, f.length, f.value])).toEqual([
        ['NAME: root', 1, 'length 0: the root, the empty name'],
        ['TYPE', 2, '41 (OPT)'],
        ['UDP payload size', 2, '1232 bytes'],
        ['Extended RCODE', 1, '0'],
        ['EDNS version', 1, '0'],
        ['DO bit and Z', 2, '0x0000: DO=0'],
        ['RDLENGTH', 2, '0 (no options)'],
      ]);
    }
  });
});

describe('describeMessage on other record types', () => {
  // A negative answer and a referral, as the lab's authority and resolver stages produce them.
  const message: Message = {
    id: 7,
    qr: true,
    opcode: 0,
    aa: true,
    tc: false,
    rd: false,
    ra: false,
    z: 0,
    rcode: 3,
    questions: [{ name: 'nope.shop.example', type: 'AAAA', class: 1 }],
    answers: [],
    authority: [
      {
        name: 'shop.example',
        type: 'SOA',
        class: 1,
        ttl: 60,
        data: { mname: 'ns1.shop.example', rname: 'hostmaster.shop.example', serial: 2024060101, refresh: 7200, retry: 900, expire: 1209600, minimum: 60 },
      },
      { name: 'shop.example', type: 'NS', class: 1, ttl: 86400, data: 'ns1.shop.example' },
    ],
    additional: [{ name: 'ns1.shop.example', type: 'AAAA', class: 1, ttl: 86400, data: '2001:db8::53' }],
  };
  const bytes = encodeMessage(message);
  const fields = describeMessage(bytes);

  it('covers every byte of SOA, NS and AAAA records', () => {
    expect(buildHexModel(bytes, fields).gaps).toEqual([]);
    expect(field(fields, 'Flags').value).toContain('RCODE=3 (NXDOMAIN)');
  });

  it('decodes the SOA numbers and the IPv6 address', () => {
    expect(field(fields, 'SOA MINIMUM').value).toBe('60');
    expect(field(fields, 'SOA SERIAL').value).toBe('2024060101');
    expect(field(fields, 'RDATA: IPv6 address').value).toBe('2001:db8::53');
    expect(field(fields, 'TTL', 'Authority 2: NS').value).toBe('86400 s (1 d)');
  });
});

describe('the examples in Chinese', () => {
  it('give every field\'s explanation, the sections and the colour key in Chinese; mnemonics stay', () => {
    const fields = fieldsIn(responseInBoth().fields, 'zh-cn');
    expect(fields.find((f) => f.name === 'TTL')?.note).toContain('记录可以在缓存中保留的秒数');
    expect(fields.map((f) => f.section)).toContain('回答 1：CNAME');
    expect(fields.some((f) => f.name === 'QNAME：标签')).toBe(true);
    for (const f of fields) if (f.note) expect(f.note, f.name).toMatch(/[\u4e00-\u9fff]/);
    expect(DNS_GROUPS.map((g) => hexText(g.label, 'zh-cn'))).toContain('名字：压缩指针');
  });
});
