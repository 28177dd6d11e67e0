/**
 * Stage header-question: the 12-byte header and one question, names written
 * out in full (compression comes in stage "names"). RFC 1035 §4.1.1–§4.1.2.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { decodeHeader, encodeHeader, headerEncodingLength } from '@impl/header.ts';
import { decodeQuestion, encodeQuestion, questionEncodingLength } from '@impl/question.ts';
import { makeFlags, type Flags, type Header, type Question } from '@impl/message-types.ts';
import { headerArb, questionArb } from './fixtures/arbitraries.ts';
import { expectFormatError } from './fixtures/expect-errors.ts';

const SEE_HEADER = 'RFC 1035 §4.1.1 (header layout)';
const SEE_QUESTION = 'RFC 1035 §4.1.2 (question) and §3.1 (names as labels)';

// A query for www.example.com A, id 0x1a2b, recursion desired — what `dig www.example.com` sends, minus EDNS.
const GOLDEN_QUERY = fromHex(`
  1a 2b                      -- ID 0x1a2b
  01 00                      -- QR=0 OPCODE=0 AA=0 TC=0 RD=1 | RA=0 Z=0 RCODE=0
  00 01                      -- QDCOUNT 1
  00 00  00 00  00 00        -- ANCOUNT, NSCOUNT, ARCOUNT 0
  03 77 77 77                -- label "www"
  07 65 78 61 6d 70 6c 65    -- label "example"
  03 63 6f 6d                -- label "com"
  00                         -- the root label ends the name
  00 01                      -- QTYPE 1 (A)
  00 01                      -- QCLASS 1 (IN)
`.replace(/--.*$/gm, ''));

const QUERY_FIELDS: ByteField[] = [
  { name: 'header.id', offset: 0, length: 2 },
  { name: 'header.flags', offset: 2, length: 2 },
  { name: 'header.qdcount', offset: 4, length: 2 },
  { name: 'header.ancount', offset: 6, length: 2 },
  { name: 'header.nscount', offset: 8, length: 2 },
  { name: 'header.arcount', offset: 10, length: 2 },
  { name: 'question.qname', offset: 12, length: 17 },
  { name: 'question.qtype', offset: 29, length: 2 },
  { name: 'question.qclass', offset: 31, length: 2 },
];
const QUESTION_FIELDS = QUERY_FIELDS.filter((f) => f.offset >= 12).map((f) => ({ ...f, offset: f.offset - 12 }));

const QUERY_HEADER: Header = { id: 0x1a2b, ...makeFlags({ rd: true }), qdcount: 1, ancount: 0, nscount: 0, arcount: 0 };
const QUERY_QUESTION: Question = { name: 'www.example.com', type: 'A', class: 1 };

/** `bytes` placed after `offset` bytes of filler, to check decoders honour their offset. */
function at(offset: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(offset + bytes.length).fill(0xee);
  out.set(bytes, offset);
  return out;
}

describe('header', () => {
  it('encodes the header of a query for www.example.com A with RD set and id 0x1a2b', () => {
    expectBytes(encodeHeader(QUERY_HEADER), GOLDEN_QUERY.subarray(0, 12), {
      what: 'encodeHeader(id 0x1a2b, rd, qdcount 1)',
      fields: QUERY_FIELDS,
      see: SEE_HEADER,
    });
  });

  it('decodes the same 12 bytes back into named fields', () => {
    const { value, bytesRead } = decodeHeader(GOLDEN_QUERY, 0);
    expect(value, `decodeHeader of the golden query header (${SEE_HEADER})`).toEqual(QUERY_HEADER);
    expect(bytesRead, 'a header is always 12 bytes').toBe(12);
    expect(headerEncodingLength(), 'headerEncodingLength()').toBe(12);
  });

  // One flag at a time, so a failure names the bit that is misplaced.
  const flagBits: [string, Partial<Flags>, number][] = [
    ['QR in bit 15', { qr: true }, 0x8000],
    ['OPCODE 2 (STATUS) in bits 14–11', { opcode: 2 }, 0x1000],
    ['OPCODE 15 in bits 14–11', { opcode: 15 }, 0x7800],
    ['AA in bit 10', { aa: true }, 0x0400],
    ['TC in bit 9', { tc: true }, 0x0200],
    ['RD in bit 8', { rd: true }, 0x0100],
    ['RA in bit 7', { ra: true }, 0x0080],
    ['Z = 0b010 in bits 6–4 (the AD bit of RFC 4035)', { z: 2 }, 0x0020],
    ['RCODE 3 (NXDOMAIN) in bits 3–0', { rcode: 3 }, 0x0003],
    ['RCODE 15 in bits 3–0', { rcode: 15 }, 0x000f],
  ];
  for (const [what, flags, word] of flagBits) {
    it(`puts ${what} of the flags word`, () => {
      const header: Header = { id: 0, ...makeFlags(flags), qdcount: 0, ancount: 0, nscount: 0, arcount: 0 };
      const expected = new Uint8Array(12);
      expected[2] = word >> 8;
      expected[3] = word & 0xff;
      expectBytes(encodeHeader(header), expected, { what: `encodeHeader with ${JSON.stringify(flags)}`, fields: QUERY_FIELDS.slice(0, 6), see: SEE_HEADER });
      expect(decodeHeader(expected, 0).value, `decodeHeader of flags 0x${word.toString(16).padStart(4, '0')}`).toEqual(header);
    });
  }

  it('decodes a response header: id 0xbeef, QR AA RD RA, NXDOMAIN, one question and one authority record', () => {
    const bytes = fromHex('be ef 85 83 00 01 00 00 00 01 00 00');
    expect(decodeHeader(bytes, 0).value, `flags 0x8583 = QR | AA | RD | RA | RCODE 3 (${SEE_HEADER})`).toEqual({
      id: 0xbeef,
      ...makeFlags({ qr: true, aa: true, rd: true, ra: true, rcode: 3 }),
      qdcount: 1,
      ancount: 0,
      nscount: 1,
      arcount: 0,
    });
  });

  it('reads big-endian counts up to 65535 (RFC 1035 §2.3.2: network byte order)', () => {
    const { value } = decodeHeader(fromHex('00 00 00 00 12 34 ff ff 01 00 00 80'), 0);
    expect([value.qdcount, value.ancount, value.nscount, value.arcount], 'QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT').toEqual([0x1234, 0xffff, 0x0100, 0x0080]);
  });

  it('round-trips any header, decoded at any offset (property)', () => {
    fc.assert(
      fc.property(headerArb, fc.integer({ min: 0, max: 40 }), (header, offset) => {
        const bytes = encodeHeader(header);
        expect(bytes.length, 'encodeHeader length').toBe(12);
        const decoded = decodeHeader(at(offset, bytes), offset);
        expect(decoded.value, `decodeHeader(encodeHeader(h)) at offset ${offset}`).toEqual(header);
        expect(decoded.bytesRead).toBe(12);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an OPCODE or RCODE above 15 and a Z above 7 with DnsFormatError code 'value-out-of-range'", () => {
    const header = (flags: Partial<Flags>): Header => ({ id: 0, ...makeFlags(flags), qdcount: 0, ancount: 0, nscount: 0, arcount: 0 });
    expectFormatError(() => encodeHeader(header({ opcode: 16 })), 'value-out-of-range', 'OPCODE has 4 bits (RFC 1035 §4.1.1); 16 would spill into QR');
    expectFormatError(() => encodeHeader(header({ rcode: 16 })), 'value-out-of-range', 'RCODE has 4 bits; 16 would spill into Z');
    expectFormatError(() => encodeHeader(header({ z: 8 })), 'value-out-of-range', 'Z has 3 bits; 8 would spill into RA');
    expectFormatError(() => encodeHeader(header({ opcode: -1 })), 'value-out-of-range', 'a negative OPCODE is no 4-bit number');
    expectFormatError(() => encodeHeader(header({ rcode: 1.5 })), 'value-out-of-range', 'RCODE 1.5 is no 4-bit number');
  });

  it("rejects fewer than 12 bytes with DnsFormatError code 'truncated'", () => {
    expectFormatError(() => decodeHeader(GOLDEN_QUERY.subarray(0, 11), 0), 'truncated', 'a header is 12 bytes and only 11 are there (RFC 1035 §4.1.1)');
    expectFormatError(() => decodeHeader(GOLDEN_QUERY.subarray(0, 14), 4), 'truncated', 'from offset 4 only 10 bytes are left');
  });
});

describe('question', () => {
  // RFC 1035 §2.3.4: labels of at most 63 octets; names of at most 255 octets counting length octets and the root.
  const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
  it('writes a 63-octet label and a 255-octet name, and rejects one octet more', () => {
    const question = (name: string): Question => ({ name, type: 'A', class: 1 });
    expect(encodeQuestion(question(longest)).length, 'a 255-octet name, then QTYPE and QCLASS').toBe(259);
    expectFormatError(() => encodeQuestion(question(`${'a'.repeat(64)}.example`)), 'label-too-long', 'RFC 1035 §2.3.4: labels are 63 octets or less');
    expectFormatError(() => encodeQuestion(question(`${longest}d`)), 'name-too-long', 'RFC 1035 §2.3.4: names are 255 octets or less (this one is 256)');
  });

  it("rejects a name of more than 255 octets on the wire with DnsFormatError code 'name-too-long'", () => {
    const wire = encodeQuestion({ name: longest, type: 'A', class: 1 });
    // Lengthen the last label from 61 to 62 octets: the name becomes 256 octets.
    const tooLong = new Uint8Array([...wire.subarray(0, 192), 62, ...wire.subarray(193, 254), 0x64, ...wire.subarray(254)]);
    expect(decodeQuestion(wire, 0).value.name, 'the 255-octet name decodes').toBe(longest);
    expectFormatError(() => decodeQuestion(tooLong, 0), 'name-too-long', 'RFC 1035 §2.3.4: a 256-octet name is not a name, whatever the sender wrote');
  });

  it('encodes www.example.com A IN as length-prefixed labels, the root, QTYPE and QCLASS', () => {
    expectBytes(encodeQuestion(QUERY_QUESTION), GOLDEN_QUERY.subarray(12), {
      what: 'encodeQuestion(www.example.com A IN)',
      fields: QUESTION_FIELDS,
      see: SEE_QUESTION,
    });
    expect(questionEncodingLength(QUERY_QUESTION), '17 bytes of name + 2 QTYPE + 2 QCLASS').toBe(21);
  });

  it('decodes the question at offset 12 of the golden query and reports 21 bytes read', () => {
    expect(decodeQuestion(GOLDEN_QUERY, 12), SEE_QUESTION).toEqual({ value: QUERY_QUESTION, bytesRead: 21 });
  });

  it('encodes the root name as a single zero octet (a question for the root NS set)', () => {
    const question: Question = { name: '', type: 'NS', class: 1 };
    expectBytes(encodeQuestion(question), fromHex('00 0002 0001'), { what: 'encodeQuestion(". NS IN")', see: 'RFC 1035 §3.1: the root has a null label' });
    expect(decodeQuestion(fromHex('00 0002 0001'), 0), "the root is '' in this lab").toEqual({ value: question, bytesRead: 5 });
  });

  it('accepts a trailing dot on input and writes the same bytes as without it', () => {
    expectBytes(encodeQuestion({ ...QUERY_QUESTION, name: 'www.example.com.' }), GOLDEN_QUERY.subarray(12), {
      what: 'encodeQuestion("www.example.com." A IN)',
      fields: QUESTION_FIELDS,
      see: 'name-text.ts: a trailing dot on input is accepted and ignored',
    });
  });

  it("takes '.' for the root, as '' is", () => {
    expectBytes(encodeQuestion({ name: '.', type: 'NS', class: 1 }), fromHex('00 0002 0001'), { what: 'encodeQuestion("." NS IN)', see: 'the root written with its trailing dot is still the root' });
  });

  it('keeps the case of every letter it reads', () => {
    const bytes = fromHex('03 57 77 57 07 45 78 61 6d 50 6c 65 03 43 4f 4d 00 00 1c 00 01');
    expect(decodeQuestion(bytes, 0).value, 'labels are octets; case is only ignored when names are compared (RFC 4343 §4)').toEqual({
      name: 'WwW.ExamPle.COM',
      type: 'AAAA',
      class: 1,
    });
  });

  it("decodes a type it does not know as 'TYPEnnn' and writes it back unchanged (RFC 3597 §5)", () => {
    // QTYPE 65 is HTTPS (RFC 9460), which this lab does not model.
    const bytes = fromHex('07 65 78 61 6d 70 6c 65 00 00 41 00 01');
    const { value } = decodeQuestion(bytes, 0);
    expect(value, 'type 65 has no name here').toEqual({ name: 'example', type: 'TYPE65', class: 1 });
    expectBytes(encodeQuestion(value), bytes, { what: 'encodeQuestion(example TYPE65 IN)', see: 'RFC 3597 §5' });
  });

  it('round-trips any question at any offset, and questionEncodingLength matches (property)', () => {
    fc.assert(
      fc.property(questionArb, fc.integer({ min: 0, max: 40 }), (question, offset) => {
        const bytes = encodeQuestion(question);
        expect(questionEncodingLength(question), `questionEncodingLength(${JSON.stringify(question)})`).toBe(bytes.length);
        expect(decodeQuestion(at(offset, bytes), offset), `decodeQuestion(encodeQuestion(q)) at offset ${offset}`).toEqual({ value: question, bytesRead: bytes.length });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a question cut short with DnsFormatError code 'truncated'", () => {
    const question = GOLDEN_QUERY.subarray(12);
    expectFormatError(() => decodeQuestion(question.subarray(0, 6), 0), 'truncated', 'the label "example" says 7 octets but the data ends after 1');
    expectFormatError(() => decodeQuestion(question.subarray(0, 17), 0), 'truncated', 'the name has no root label, so it never ends');
    expectFormatError(() => decodeQuestion(question.subarray(0, 19), 0), 'truncated', 'QTYPE is there but QCLASS is missing (RFC 1035 §4.1.2)');
  });
});
