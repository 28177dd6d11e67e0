/**
 * Stage records: resource records (RFC 1035 §3.2.1, §4.1.3), addresses
 * (RFC 3596, RFC 5952), records of unknown types (RFC 3597), and whole
 * messages with one compression table (RFC 1035 §4.1, §4.1.4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { formatIpv6 } from '@impl/address.ts';
import { decodeMessage, encodeMessage } from '@impl/message.ts';
import { decodeRecord, encodeRecord, recordEncodingLength } from '@impl/record.ts';
import { formatIpv4, parseIpv4, parseIpv6 } from '@impl/address-text.ts';
import { makeFlags, type Message, type ResourceRecord } from '@impl/message-types.ts';
import { messageArb, recordArb } from './fixtures/arbitraries.ts';
import { decodesOrRejects, expectFormatError } from './fixtures/expect-errors.ts';

const hex = (text: string) => fromHex(text.replace(/--.*$/gm, ''));

// A response to "www.example.com A": the answer's owner is a pointer to the question's name.
const SIMPLE_RESPONSE = hex(`
  1a 2b 81 80 00 01 00 01 00 00 00 00                 -- id 0x1a2b, QR RD RA, 1 question, 1 answer
  03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  -- 12: www.example.com
  00 01 00 01                                         -- A, IN
  c0 0c                                               -- 33: owner = pointer to 12
  00 01 00 01 00 00 0e 10                             -- A, IN, TTL 3600
  00 04 5d b8 d7 0e                                   -- RDLENGTH 4, 93.184.215.14
`);
const SIMPLE_FIELDS: ByteField[] = [
  { name: 'header', offset: 0, length: 12 },
  { name: 'question', offset: 12, length: 21 },
  { name: 'answer.name', offset: 33, length: 2 },
  { name: 'answer.type/class/ttl', offset: 35, length: 8 },
  { name: 'answer.rdlength', offset: 43, length: 2 },
  { name: 'answer.rdata', offset: 45, length: 4 },
];
const SIMPLE_MESSAGE: Message = {
  id: 0x1a2b,
  ...makeFlags({ qr: true, rd: true, ra: true }),
  questions: [{ name: 'www.example.com', type: 'A', class: 1 }],
  answers: [{ name: 'www.example.com', type: 'A', class: 1, ttl: 3600, data: '93.184.215.14' }],
  authority: [],
  additional: [],
};

// A response a recursive resolver could give for www.shop.example A: a CNAME to the global load balancer,
// its A record, and the balancer's name server with glue. Names inside CNAME and NS RDATA are compressed too.
const CHAIN_RESPONSE = hex(`
  4d 2e 81 80 00 01 00 02 00 01 00 01                 -- id 0x4d2e, QR RD RA; 1 question, 2 answers, 1 authority, 1 additional
  03 77 77 77 04 73 68 6f 70 07 65 78 61 6d 70 6c 65 00  -- 12: www.shop.example ("shop" at 16, "example" at 21 = 0x15)
  00 01 00 01                                         -- A, IN
  c0 0c 00 05 00 01 00 00 01 2c 00 0c                 -- 34: www.shop.example CNAME, TTL 300, RDLENGTH 12
  04 73 68 6f 70 04 67 73 6c 62 c0 15                 -- 46: shop.gslb + pointer to "example" (gslb.example at 51 = 0x33)
  c0 2e 00 01 00 01 00 00 00 1e 00 04 cb 00 71 0a     -- 58: shop.gslb.example A, TTL 30, 203.0.113.10
  c0 33 00 02 00 01 00 01 51 80 00 06                 -- 74: gslb.example NS, TTL 86400, RDLENGTH 6
  03 6e 73 31 c0 33                                   -- 86: ns1 + pointer to gslb.example (ns1.gslb.example at 86 = 0x56)
  c0 56 00 01 00 01 00 01 51 80 00 04 c0 00 02 5a     -- 92: ns1.gslb.example A, TTL 86400, 192.0.2.90
`);
const CHAIN_FIELDS: ByteField[] = [
  { name: 'header', offset: 0, length: 12 },
  { name: 'question', offset: 12, length: 22 },
  { name: 'answers[0].name', offset: 34, length: 2 },
  { name: 'answers[0] type/class/ttl/rdlength', offset: 36, length: 10 },
  { name: 'answers[0].rdata (CNAME target)', offset: 46, length: 12 },
  { name: 'answers[1].name', offset: 58, length: 2 },
  { name: 'answers[1] fields and rdata', offset: 60, length: 14 },
  { name: 'authority[0].name', offset: 74, length: 2 },
  { name: 'authority[0] type/class/ttl/rdlength', offset: 76, length: 10 },
  { name: 'authority[0].rdata (NS name)', offset: 86, length: 6 },
  { name: 'additional[0].name', offset: 92, length: 2 },
  { name: 'additional[0] fields and rdata', offset: 94, length: 14 },
];
const CHAIN_MESSAGE: Message = {
  id: 0x4d2e,
  ...makeFlags({ qr: true, rd: true, ra: true }),
  questions: [{ name: 'www.shop.example', type: 'A', class: 1 }],
  answers: [
    { name: 'www.shop.example', type: 'CNAME', class: 1, ttl: 300, data: 'shop.gslb.example' },
    { name: 'shop.gslb.example', type: 'A', class: 1, ttl: 30, data: '203.0.113.10' },
  ],
  authority: [{ name: 'gslb.example', type: 'NS', class: 1, ttl: 86400, data: 'ns1.gslb.example' }],
  additional: [{ name: 'ns1.gslb.example', type: 'A', class: 1, ttl: 86400, data: '192.0.2.90' }],
};

/** `bytes` placed after `offset` bytes of filler. */
function at(offset: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(offset + bytes.length).fill(0xee);
  out.set(bytes, offset);
  return out;
}

describe('whole messages', () => {
  it('decodes a response whose answer owner is a pointer to the question', () => {
    expect(decodeMessage(SIMPLE_RESPONSE), 'decodeMessage of the www.example.com A response (RFC 1035 §4.1)').toEqual({
      value: SIMPLE_MESSAGE,
      bytesRead: SIMPLE_RESPONSE.length,
    });
  });

  it('encodes that response back to the same 49 bytes, compressing the answer owner to c0 0c', () => {
    expectBytes(encodeMessage(SIMPLE_MESSAGE), SIMPLE_RESPONSE, { what: 'encodeMessage(www.example.com A response)', fields: SIMPLE_FIELDS, see: 'RFC 1035 §4.1.4' });
  });

  it('decodes a CNAME chain with compressed names inside CNAME and NS RDATA', () => {
    expect(decodeMessage(CHAIN_RESPONSE).value, 'names in RDATA may point anywhere earlier in the message (RFC 1035 §4.1.4)').toEqual(CHAIN_MESSAGE);
  });

  it('encodes every repeated suffix once, across sections and inside CNAME and NS RDATA', () => {
    expectBytes(encodeMessage(CHAIN_MESSAGE), CHAIN_RESPONSE, {
      what: 'encodeMessage(www.shop.example CNAME chain)',
      fields: CHAIN_FIELDS,
      see: 'RFC 1035 §4.1.4; one table for the whole message, longest known suffix first',
    });
  });

  it('takes the section counts from the arrays, not from a stale header', () => {
    const bytes = encodeMessage({ ...SIMPLE_MESSAGE, answers: [] });
    expectBytes(bytes.subarray(4, 12), fromHex('0001 0000 0000 0000'), { what: 'QDCOUNT ANCOUNT NSCOUNT ARCOUNT with no answers', see: 'RFC 1035 §4.1.1' });
  });

  it('reports bytesRead where the last record ends and ignores bytes after it', () => {
    const padded = new Uint8Array([...SIMPLE_RESPONSE, 0xde, 0xad, 0xbe]);
    expect(decodeMessage(padded).bytesRead, 'the message is 49 bytes; 3 bytes of padding follow').toBe(49);
  });

  it("rejects a header that promises more records than follow with DnsFormatError code 'truncated'", () => {
    const lying = SIMPLE_RESPONSE.slice();
    lying[7] = 2; // ANCOUNT 2, one answer present
    expectFormatError(() => decodeMessage(lying), 'truncated', 'ANCOUNT says 2 and the data ends after the first answer (RFC 1035 §4.1.1)');
  });

  it('round-trips any message: decode(encode(m)) is m, and encoding again gives the same bytes (property)', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        const bytes = encodeMessage(message);
        const decoded = decodeMessage(bytes);
        expect(decoded.value, 'decodeMessage(encodeMessage(m))').toEqual(message);
        expect(decoded.bytesRead, 'bytesRead').toBe(bytes.length);
        expectBytes(encodeMessage(decoded.value), bytes, { what: 'encodeMessage(decodeMessage(bytes))', see: 'RFC 1035 §4.1' });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but DnsFormatError on random or damaged messages (property)', () => {
    const damaged = fc
      .tuple(fc.constantFrom(SIMPLE_RESPONSE, CHAIN_RESPONSE), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat())
      .map(([original, edits, cut]) => {
        const bytes = original.slice(0, original.length - (cut % 8));
        for (const [where, value] of edits) bytes[where % bytes.length] = value;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 200 })), (bytes) => {
        decodesOrRejects(bytes, () => decodeMessage(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('records', () => {
  it('encodes an A record as 4 octets of RDATA (RFC 1035 §3.4.1)', () => {
    const record: ResourceRecord = { name: 'api.shop.example', type: 'A', class: 1, ttl: 600, data: '192.0.2.81' };
    expectBytes(
      encodeRecord(record),
      hex(`03 61 70 69 04 73 68 6f 70 07 65 78 61 6d 70 6c 65 00  00 01 00 01 00 00 02 58  00 04 c0 00 02 51`),
      { what: 'encodeRecord(api.shop.example A 192.0.2.81)', fields: [{ name: 'name', offset: 0, length: 18 }, { name: 'type/class/ttl', offset: 18, length: 8 }, { name: 'rdlength', offset: 26, length: 2 }, { name: 'rdata', offset: 28, length: 4 }], see: 'RFC 1035 §3.2.1, §3.4.1' },
    );
  });

  it('encodes an AAAA record as 16 octets and decodes it to RFC 5952 text (RFC 3596 §2.2)', () => {
    const bytes = hex(`00 00 1c 00 01 00 00 00 3c 00 10  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01`);
    const record: ResourceRecord = { name: '', type: 'AAAA', class: 1, ttl: 60, data: '2001:db8::1' };
    expectBytes(encodeRecord(record), bytes, { what: 'encodeRecord(. AAAA 2001:db8::1)', see: 'RFC 3596 §2.2' });
    expect(decodeRecord(bytes, 0), 'decodeRecord of the AAAA record').toEqual({ value: record, bytesRead: bytes.length });
  });

  it('writes IPv6 addresses in the one canonical form of RFC 5952', () => {
    const cases: [string, string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', '§4.1 no leading zeros, §4.2.1 shorten as much as possible'],
      ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1', '§4.2.1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1', '§4.2.2 "::" never replaces a single 16-bit zero field'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1', '§4.2.3 the longest run of zeros'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', '§4.2.3 the first of two equally long runs'],
      ['2001:DB8::ABCD:EF', '2001:db8::abcd:ef', '§4.3 lower case'],
      ['0:0:0:0:0:0:0:0', '::', '§4.2.1'],
      ['1:0:0:0:0:0:0:0', '1::', '§4.2.1'],
      ['0:0:0:0:0:0:0:1', '::1', '§4.2.1'],
      ['0:0:0:0:0:ffff:c000:0201', '::ffff:192.0.2.1', '§5 IPv4-mapped addresses keep their IPv4 part dotted'],
    ];
    for (const [input, expected, rule] of cases) {
      expect(formatIpv6(parseIpv6(input)), `formatIpv6(${input}) — RFC 5952 ${rule}`).toBe(expected);
    }
  });

  it('encodes an SOA record: two names, then SERIAL REFRESH RETRY EXPIRE MINIMUM (RFC 1035 §3.3.13)', () => {
    const record: ResourceRecord = {
      name: 'example',
      type: 'SOA',
      class: 1,
      ttl: 3600,
      data: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 },
    };
    const bytes = hex(`
      07 65 78 61 6d 70 6c 65 00  00 06 00 01 00 00 0e 10  00 35        -- example SOA IN 3600, RDLENGTH 53
      03 6e 73 31 07 65 78 61 6d 70 6c 65 00                            -- MNAME ns1.example
      0a 68 6f 73 74 6d 61 73 74 65 72 07 65 78 61 6d 70 6c 65 00       -- RNAME hostmaster.example
      78 a3 f1 75 00 00 1c 20 00 00 03 84 00 12 75 00 00 00 01 2c       -- 2024010101 7200 900 1209600 300
    `);
    expectBytes(encodeRecord(record), bytes, { what: 'encodeRecord(example SOA)', fields: [{ name: 'name', offset: 0, length: 9 }, { name: 'type/class/ttl', offset: 9, length: 8 }, { name: 'rdlength', offset: 17, length: 2 }, { name: 'mname', offset: 19, length: 13 }, { name: 'rname', offset: 32, length: 20 }, { name: 'serial…minimum', offset: 52, length: 20 }], see: 'RFC 1035 §3.3.13' });
    expect(decodeRecord(bytes, 0).value, 'decodeRecord of the SOA record').toEqual(record);
  });

  it("keeps a record of an unknown type as raw RDATA, named 'TYPEnnn' (RFC 3597 §5)", () => {
    // A TXT record (type 16) holding the string "hi": this lab does not decode TXT.
    const bytes = hex('00 00 10 00 01 00 00 00 05 00 03 02 68 69');
    const { value } = decodeRecord(bytes, 0);
    expect(value, 'decodeRecord of a TXT record').toEqual({ name: '', type: 'TYPE16', class: 1, ttl: 5, data: fromHex('02 68 69') });
    expectBytes(encodeRecord(value), bytes, { what: 'encodeRecord of the same record', see: 'RFC 3597 §5' });
  });

  it('passes through the EDNS OPT pseudo-record of a real query, whose CLASS is a UDP payload size (RFC 6891 §6.1.2)', () => {
    const opt = hex('00 00 29 04 d0 00 00 00 00 00 00'); // root, TYPE41, "class" 1232, TTL 0, no options
    expect(decodeRecord(opt, 0), 'decodeRecord of an OPT record').toEqual({ value: { name: '', type: 'TYPE41', class: 1232, ttl: 0, data: new Uint8Array(0) }, bytesRead: 11 });
  });

  it('reads a TTL with the top bit set as 0 (RFC 2181 §8)', () => {
    const bytes = hex('00 00 01 00 01 80 00 00 00 00 04 c0 00 02 01');
    expect(decodeRecord(bytes, 0).value.ttl, 'TTL 0x80000000').toBe(0);
  });

  it("rejects RDATA that does not fit its type with DnsFormatError code 'bad-rdata'", () => {
    expectFormatError(() => decodeRecord(hex('00 00 01 00 01 00 00 00 3c 00 03 c0 00 02'), 0), 'bad-rdata', 'an A record needs RDLENGTH 4, this one says 3 (RFC 1035 §3.4.1)');
    expectFormatError(() => decodeRecord(hex('00 00 1c 00 01 00 00 00 3c 00 04 c0 00 02 01'), 0), 'bad-rdata', 'an AAAA record needs RDLENGTH 16 (RFC 3596 §2.2)');
    expectFormatError(
      () => decodeRecord(hex('00 00 05 00 01 00 00 00 3c 00 06 01 61 00 ff ff ff'), 0),
      'bad-rdata',
      'the CNAME target "a" ends after 3 octets, RDLENGTH says 6 (RFC 1035 §3.3.1)',
    );
  });

  it("rejects SOA RDATA longer than its names and five numbers with code 'bad-rdata'", () => {
    // ". SOA" with MNAME and RNAME the root and RDLENGTH 23: one byte more than 1 + 1 + 20.
    const soa = hex('00 00 06 00 01 00 00 00 3c 00 17 00 00 00000001 00000002 00000003 00000004 00000005 ff');
    expectFormatError(() => decodeRecord(soa, 0), 'bad-rdata', 'the SOA fields end after 22 octets, RDLENGTH says 23 (RFC 1035 §3.3.13)');
  });

  it("writes a TTL of up to 2^31 − 1 and refuses 2^31 with code 'value-out-of-range' (RFC 2181 §8)", () => {
    const a = (ttl: number): ResourceRecord => ({ name: '', type: 'A', class: 1, ttl, data: '192.0.2.1' });
    expect(decodeRecord(encodeRecord(a(2 ** 31 - 1)), 0).value.ttl, 'TTL 2^31 − 1 round-trips').toBe(2 ** 31 - 1);
    expectFormatError(() => encodeRecord(a(2 ** 31)), 'value-out-of-range', 'RFC 2181 §8: a TTL is at most 2^31 − 1');
  });

  it("rejects IPv6 text with more than eight groups with code 'invalid-text'", () => {
    expectFormatError(() => parseIpv6('1:2:3:4::5:6:7:8'), 'invalid-text', 'RFC 4291 §2.2: "::" stands for at least one zero group, so eight more groups make nine');
    expectFormatError(() => parseIpv6('1:2:3:4:5:6:7:8:9'), 'invalid-text', 'nine groups');
  });

  it('reads address text into octets: dotted decimal, and every RFC 4291 §2.2 form of IPv6', () => {
    // Expected octets written out by hand, so the check does not lean on formatIpv6.
    const v4: [string, string][] = [
      ['192.0.2.1', 'c0 00 02 01'],
      ['0.0.0.255', '00 00 00 ff'],
    ];
    for (const [text, octets] of v4) expectBytes(parseIpv4(text), fromHex(octets), { what: `parseIpv4('${text}')` });
    const v6: [string, string][] = [
      ['2001:db8:0:0:0:0:0:1', '2001 0db8 0000 0000 0000 0000 0000 0001'],
      ['::1', '0000 0000 0000 0000 0000 0000 0000 0001'],
      ['fe80::', 'fe80 0000 0000 0000 0000 0000 0000 0000'],
      ['::2:3:4:5:6:7:8', '0000 0002 0003 0004 0005 0006 0007 0008'],
      ['1:2:3::5:6:7:8', '0001 0002 0003 0000 0005 0006 0007 0008'],
      ['1:2:3:4:5:6:192.0.2.1', '0001 0002 0003 0004 0005 0006 c000 0201'],
      ['::ffff:192.0.2.1', '0000 0000 0000 0000 0000 ffff c000 0201'],
    ];
    for (const [text, octets] of v6) expectBytes(parseIpv6(text), fromHex(octets.replace(/(\w\w)(\w\w)/g, '$1 $2')), { what: `parseIpv6('${text}')`, see: 'RFC 4291 §2.2' });
  });

  it("rejects malformed address text with code 'invalid-text'", () => {
    for (const text of ['192.0.2', '192.0.2.1.5', '192.0.2.256', '192.0.02.1', '192.0.2.x', '']) {
      expectFormatError(() => parseIpv4(text), 'invalid-text', `"${text}" is not four decimal octets 0–255 without leading zeros`);
    }
    const v6: [string, string][] = [
      ['1::2::3', 'two "::" would make the length ambiguous'],
      ['1:2:3:4:5:6:7', 'seven groups and no "::"'],
      ['12345::', 'a group has at most four hex digits'],
      ['g::', 'g is not a hex digit'],
      ['192.0.2.1::', 'dotted IPv4 may only end the address'],
      ['::192.0.2.1:1', 'dotted IPv4 may only end the address'],
      ['1:2:3:4:5:6:7:192.0.2.1', 'seven groups and an IPv4 part make nine groups'],
    ];
    for (const [text, why] of v6) expectFormatError(() => parseIpv6(text), 'invalid-text', `"${text}": ${why} (RFC 4291 §2.2)`);
  });

  it("refuses to format an address of the wrong length with code 'value-out-of-range'", () => {
    expectFormatError(() => formatIpv4(new Uint8Array(5)), 'value-out-of-range', 'an IPv4 address has 4 octets');
    expectFormatError(() => formatIpv6(new Uint8Array(15)), 'value-out-of-range', 'an IPv6 address has 16 octets');
  });

  it('writes dotted IPv4 only for IPv4-mapped addresses (::ffff:0:0/96), not for any address whose sixth group is ffff', () => {
    const octets = fromHex('00 00 00 00 00 00 00 00 00 01 ff ff c0 00 02 01');
    expect(formatIpv6(octets), 'RFC 5952 §5 applies only when the first 80 bits are zero').toBe('::1:ffff:c000:201');
  });

  it("rejects a record cut short with code 'truncated'", () => {
    expectFormatError(() => decodeRecord(hex('00 00 01 00 01 00 00'), 0), 'truncated', 'TYPE CLASS TTL RDLENGTH need 10 bytes after the name');
    expectFormatError(() => decodeRecord(hex('00 00 01 00 01 00 00 00 3c 00 04 c0 00'), 0), 'truncated', 'RDLENGTH says 4, 2 bytes follow');
  });

  it('round-trips any record at any offset, and recordEncodingLength matches (property)', () => {
    fc.assert(
      fc.property(recordArb, fc.integer({ min: 0, max: 40 }), (record, offset) => {
        const bytes = encodeRecord(record);
        expect(recordEncodingLength(record), 'recordEncodingLength').toBe(bytes.length);
        expect(decodeRecord(at(offset, bytes), offset), `decodeRecord(encodeRecord(r)) at offset ${offset}`).toEqual({ value: record, bytesRead: bytes.length });
      }),
      { numRuns: 300 },
    );
  });

  it('turns any 16 octets of AAAA RDATA into text that encodes back to the same octets (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (octets) => {
        const bytes = new Uint8Array([...hex('00 00 1c 00 01 00 00 00 3c 00 10'), ...octets]);
        expectBytes(encodeRecord(decodeRecord(bytes, 0).value), bytes, { what: 'encodeRecord(decodeRecord(AAAA))', see: 'RFC 5952' });
      }),
      { numRuns: 300 },
    );
  });
});
