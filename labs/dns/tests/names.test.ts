/**
 * Stage names: domain names with message compression (RFC 1035 §4.1.4),
 * decoders that survive hostile pointers (RFC 9267), and name comparison
 * that ignores the case of ASCII letters (RFC 4343).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { ByteWriter } from '@impl/bytes.ts';
import { canonicalName, decodeName, encodeName, isSubdomain, nameEncodingLength, namesEqual, writeName } from '@impl/name.ts';
import type { CompressionTable } from '@impl/name-text.ts';
import { nameArb, nameLikeBytesArb, relatedNamesArb } from './fixtures/arbitraries.ts';
import { decodesOrRejects, expectFormatError } from './fixtures/expect-errors.ts';

const SEE_POINTERS = 'RFC 1035 §4.1.4 (message compression)';
const HEADER = new Uint8Array(12); // stands in for a header, so names start at offset 12 as in a real message

/** Bytes: a 12-byte header stand-in, then `hex`. */
function message(hex: string): Uint8Array {
  const body = fromHex(hex.replace(/--.*$/gm, ''));
  const out = new Uint8Array(12 + body.length);
  out.set(body, 12);
  return out;
}

const label = (char: string, length: number) => char.repeat(length);

/** A name in wire form built here, without the lab's length checks, so it can break the rules. */
function rawName(labels: string[]): Uint8Array {
  return Uint8Array.from([...labels.flatMap((l) => [l.length, ...Array.from(l, (c) => c.charCodeAt(0))]), 0]);
}

describe('writing names with a compression table', () => {
  it('writes a name in full the first time and replaces a repeated suffix by a pointer to its first occurrence', () => {
    const writer = new ByteWriter();
    writer.bytes(HEADER);
    const table: CompressionTable = new Map();
    writeName(writer, 'www.example.com', table);
    writeName(writer, 'mail.example.com', table);
    writeName(writer, 'example.com', table);
    writeName(writer, 'www.example.com', table);
    writeName(writer, 'example.org', table);
    const expected = message(`
      03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  -- 12: www.example.com in full (example.com starts at 16 = 0x10)
      04 6d 61 69 6c c0 10                                -- 29: "mail", then a pointer to example.com at 0x10
      c0 10                                               -- 36: example.com is all pointer
      c0 0c                                               -- 38: www.example.com points at offset 12
      07 65 78 61 6d 70 6c 65 03 6f 72 67 00              -- 40: example.org shares a label, not a suffix: in full
    `);
    const fields: ByteField[] = [
      { name: 'header (not written by writeName)', offset: 0, length: 12 },
      { name: 'www.example.com', offset: 12, length: 17 },
      { name: 'mail.example.com', offset: 29, length: 7 },
      { name: 'example.com', offset: 36, length: 2 },
      { name: 'www.example.com again', offset: 38, length: 2 },
      { name: 'example.org', offset: 40, length: 13 },
    ];
    expectBytes(writer.toBytes(), expected, { what: 'five names written with one table', fields, see: SEE_POINTERS });
  });

  it('records each suffix at the offset where its first label was written', () => {
    const writer = new ByteWriter();
    writer.bytes(HEADER);
    const table: CompressionTable = new Map();
    writeName(writer, 'www.example.com', table);
    expect(Object.fromEntries(table), 'the table after writing www.example.com at offset 12').toEqual({ 'www.example.com': 12, 'example.com': 16, com: 24 });
  });

  it('writes names in full when no table is given', () => {
    const writer = new ByteWriter();
    writeName(writer, 'example.com');
    writeName(writer, 'example.com');
    const once = encodeName('example.com');
    const twice = new Uint8Array([...once, ...once]);
    expectBytes(writer.toBytes(), twice, { what: 'example.com written twice without a table', see: SEE_POINTERS });
  });

  it('only points at offsets that fit in 14 bits (up to 0x3fff)', () => {
    for (const [start, pointer] of [
      [0x3fff, 'ff ff'],
      [0x4000, null],
    ] as const) {
      const writer = new ByteWriter();
      writer.bytes(new Uint8Array(start));
      const table: CompressionTable = new Map();
      writeName(writer, 'example.com', table);
      writeName(writer, 'example.com', table);
      const full = encodeName('example.com');
      const second = writer.toBytes().subarray(start + full.length);
      expectBytes(second, pointer ? fromHex(pointer) : full, {
        what: `the second example.com when the first starts at 0x${start.toString(16)}`,
        see: `${SEE_POINTERS}: the pointer is 11 followed by a 14-bit OFFSET, so a name at 0x4000 or later cannot be pointed at`,
      });
    }
  });

  it('round-trips names written with one table at any starting offset, in fewer bytes than without it (property)', () => {
    fc.assert(
      fc.property(relatedNamesArb, fc.integer({ min: 0, max: 300 }), (names, start) => {
        const writer = new ByteWriter();
        writer.bytes(new Uint8Array(start));
        const table: CompressionTable = new Map();
        const offsets = names.map((name) => {
          const offset = writer.length;
          writeName(writer, name, table);
          return offset;
        });
        const bytes = writer.toBytes();
        names.forEach((name, i) => {
          expect(decodeName(bytes, offsets[i]!).value, `name #${i} (${name}) decoded at offset ${offsets[i]}`).toBe(name);
        });
        // The names share at least their last label, so from the second name on a pointer replaces 3 or more bytes.
        const uncompressed = names.reduce((sum, name) => sum + nameEncodingLength(name), 0);
        expect(bytes.length - start, `bytes written for ${JSON.stringify(names)}, against ${uncompressed} uncompressed`).toBeLessThan(uncompressed);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reading compressed names', () => {
  // The answer of a real response to "www.example.com A": the owner name is just a pointer to the question's name.
  const RESPONSE = fromHex(`
    1a 2b 81 80 00 01 00 01 00 00 00 00                 -- header: response, 1 question, 1 answer
    03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  -- 12: question name www.example.com
    00 01 00 01                                         -- QTYPE A, QCLASS IN
    c0 0c                                               -- 33: answer owner: pointer to offset 12
    00 01 00 01 00 00 0e 10 00 04 5d b8 d7 0e           -- TYPE, CLASS, TTL 3600, RDLENGTH 4, 93.184.215.14
  `.replace(/--.*$/gm, ''));

  it('decodes a pointer to an earlier name', () => {
    expect(decodeName(RESPONSE, 33).value, `the answer's owner name at offset 33 (${SEE_POINTERS})`).toBe('www.example.com');
  });

  it('counts bytesRead up to and including the pointer, not the bytes it jumps to', () => {
    expect(decodeName(RESPONSE, 33).bytesRead, 'the record continues right after the 2-byte pointer').toBe(2);
    expect(decodeName(RESPONSE, 12).bytesRead, 'an uncompressed name ends after its zero octet').toBe(17);
  });

  it('follows a chain: labels, then a pointer to a name that itself ends in a pointer', () => {
    const bytes = message(`
      07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  -- 12: example.com
      03 77 77 77 c0 0c                       -- 25: www + pointer to 12
      01 61 c0 19                             -- 31: a + pointer to 25 (0x19)
    `);
    expect(decodeName(bytes, 31), 'a.www.example.com, 4 bytes at offset 31').toEqual({ value: 'a.www.example.com', bytesRead: 4 });
  });

  it("writes a '.' or '\\' inside a label as '\\.' or '\\\\' and octets outside printable ASCII as \\DDD (RFC 1035 §5.1)", () => {
    const bytes = message('03 61 2e 62 02 5c 20 00'); // labels "a.b" and "\<space>"
    expect(decodeName(bytes, 12).value, 'one label a.b, one label of a backslash and a space').toBe('a\\.b.\\\\\\032');
    expectBytes(encodeName('a\\.b.\\\\\\032'), bytes.subarray(12), { what: 'encodeName of the escaped text', see: 'RFC 1035 §5.1' });
  });

  it("rejects name text with an unescaped octet outside printable ASCII, or a '\\' before one, with code 'invalid-text'", () => {
    // Each has its one text form, \DDD (RFC 1035 §5.1): a space is \032, DEL is \127.
    for (const text of ['a b.example', 'a\x7f.example', 'a\\ b.example', 'a\\\x7f.example', 'a\\']) {
      expectFormatError(() => encodeName(text), 'invalid-text', `${JSON.stringify(text)} is not in the one text form: write such an octet as \\DDD`);
    }
  });

  it("rejects a pointer past the end of the message with DnsFormatError code 'pointer-out-of-bounds'", () => {
    expectFormatError(() => decodeName(message('03 77 77 77 c0 ff'), 12), 'pointer-out-of-bounds', 'offset 0xff is beyond the 18-byte message (RFC 9267 §2)');
    expectFormatError(() => decodeName(message('03 77 77 77 c0 12'), 12), 'pointer-out-of-bounds', 'offset 18 is one past the last byte of the 18-byte message');
  });

  it("rejects a pointer to itself or to a later offset with code 'pointer-forward'", () => {
    expectFormatError(() => decodeName(message('c0 0c'), 12), 'pointer-forward', `the pointer at 12 points at 12: ${SEE_POINTERS} allows only a prior occurrence`);
    expectFormatError(() => decodeName(message('c0 0e 00'), 12), 'pointer-forward', `the pointer at 12 points ahead to 14 (${SEE_POINTERS})`);
  });

  it("rejects a pointer back into the name being read with code 'pointer-loop'", () => {
    // 12: "a", then a pointer to 12: a.a.a.a… forever if followed.
    expectFormatError(() => decodeName(message('01 61 c0 0c'), 12), 'pointer-loop', 'the pointer at 14 jumps back to the start of the same name (RFC 9267 §2)');
    // 12: "c" + pointer to 12; 16: "a" + pointer to 12. Read from 16: a, then c, c, c, …
    expectFormatError(() => decodeName(message('01 63 c0 0c 01 61 c0 0c'), 16), 'pointer-loop', 'the name at 16 leads to a name at 12 that points back into itself');
  });

  it("rejects length octets starting with the bits 01 or 10 with code 'bad-label-type'", () => {
    expectFormatError(() => decodeName(message('40 61 00'), 12), 'bad-label-type', '0x40 = 01 000000: a 64-octet label is impossible; 01 is a reserved label type (RFC 1035 §4.1.4, RFC 6891 §5)');
    expectFormatError(() => decodeName(message('80 00'), 12), 'bad-label-type', '0x80 = 10 000000 is reserved (RFC 1035 §4.1.4)');
  });

  it("rejects names that run off the end with code 'truncated'", () => {
    expectFormatError(() => decodeName(message('05 61 62'), 12), 'truncated', 'the label says 5 octets, 2 follow');
    expectFormatError(() => decodeName(message('03 61 62 63'), 12), 'truncated', 'no zero octet ends the name');
    expectFormatError(() => decodeName(message('03 61 62 63 c0'), 12), 'truncated', 'a pointer needs two bytes');
  });

  it("rejects a name over 255 octets with code 'name-too-long', even when each piece is short (RFC 1035 §2.3.4)", () => {
    const fits = rawName([label('a', 63), label('b', 63), label('c', 63), label('d', 61)]);
    expect(fits.length, 'fixture: 3 × (1 + 63) + (1 + 61) + 1').toBe(255);
    expect(decodeName(fits, 0).bytesRead, 'a name of exactly 255 octets is allowed').toBe(255);
    const plain = rawName([label('a', 63), label('b', 63), label('c', 63), label('d', 62)]);
    expectFormatError(() => decodeName(plain, 0), 'name-too-long', 'this name takes 256 octets');
    // Two halves of 129 octets each, joined by a pointer: 257 octets once followed.
    const half = [label('a', 63), label('b', 63)].join('.');
    const writer = new ByteWriter();
    writer.bytes(HEADER);
    writeName(writer, half);
    const second = writer.length;
    writer.bytes(rawName([label('c', 63), label('d', 63)]).subarray(0, -1)); // labels without the root …
    writer.u16(0xc000 | 12); // … and continue with the first half
    expectFormatError(() => decodeName(writer.toBytes(), second), 'name-too-long', 'labels plus the name the pointer leads to make 257 octets');
  });

  it('never throws anything but DnsFormatError and never hangs, on any bytes at any offset (property)', () => {
    fc.assert(
      fc.property(fc.oneof(nameLikeBytesArb, fc.uint8Array({ maxLength: 300 })), fc.nat(), (bytes, n) => {
        const offset = bytes.length === 0 ? 0 : n % bytes.length;
        decodesOrRejects(bytes, () => decodeName(bytes, offset));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('encoding limits', () => {
  it("refuses to encode a label over 63 octets with code 'label-too-long' (RFC 1035 §2.3.4)", () => {
    expect(encodeName(label('a', 63)).length, 'a 63-octet label is fine').toBe(65);
    expectFormatError(() => encodeName(`${label('a', 64)}.example`), 'label-too-long', 'the first label has 64 octets');
  });

  it("refuses to encode a name over 255 octets with code 'name-too-long' (RFC 1035 §2.3.4)", () => {
    expect(encodeName([label('a', 63), label('b', 63), label('c', 63), label('d', 61)].join('.')).length).toBe(255);
    expectFormatError(() => encodeName([label('a', 63), label('b', 63), label('c', 63), label('d', 62)].join('.')), 'name-too-long', 'the name takes 256 octets');
  });

  it("refuses names whose text form is broken with code 'invalid-text' (RFC 1035 §5.1)", () => {
    for (const [text, why] of [
      ['a..example', 'an empty label'],
      ['a\\256.example', '\\256 is not an octet'],
      ['a\\ b.example', 'a backslash before a space'],
      ['example\\', 'a backslash at the end'],
      ['caf\u00e9.example', 'a character outside printable ASCII (write it as \\DDD or an A-label)'],
    ]) {
      expectFormatError(() => encodeName(text!), 'invalid-text', `${JSON.stringify(text)}: ${why}`);
    }
  });

  it('nameEncodingLength counts a length octet per label, the labels, and the root', () => {
    expect(nameEncodingLength('www.example.com'), '1+3 + 1+7 + 1+3 + 1').toBe(17);
    expect(nameEncodingLength(''), 'the root is one zero octet').toBe(1);
    expect(nameEncodingLength('a\\.b'), 'one label of 3 octets').toBe(5);
  });

  it('round-trips any name without a table (property)', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        const bytes = encodeName(name);
        expect(bytes.length, `nameEncodingLength(${JSON.stringify(name)})`).toBe(nameEncodingLength(name));
        expect(decodeName(bytes, 0), 'decodeName(encodeName(name))').toEqual({ value: name, bytesRead: bytes.length });
      }),
      { numRuns: 300 },
    );
  });
});

describe('comparing names', () => {
  it('namesEqual ignores the case of ASCII letters and a trailing dot, nothing else (RFC 4343 §2)', () => {
    const cases: [string, string, boolean][] = [
      ['WWW.Example.COM', 'www.example.com', true],
      ['example.com.', 'example.com', true],
      ['', '.', true],
      ['www.example.com', 'www.example.org', false],
      ['a\\.b', 'a.b', false],
      ['\\065', 'a', true],
      ['\\200', '\\232', false],
      ['a[b', 'a{b', false],
      ['aZ', 'az', true],
      ['a_b', 'a\\127b', false],
    ];
    for (const [a, b, equal] of cases) expect(namesEqual(a, b), `namesEqual(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toBe(equal);
  });

  it('isSubdomain compares whole labels from the right', () => {
    const cases: [string, string, boolean][] = [
      ['www.shop.example', 'example', true],
      ['WWW.Shop.Example', 'shop.EXAMPLE', true],
      ['example', 'example', true],
      ['anything.at.all', '', true],
      ['badexample', 'example', false],
      ['example', 'www.example', false],
      ['www.example', 'exam', false],
    ];
    for (const [name, domain, inside] of cases) {
      expect(isSubdomain(name, domain), `isSubdomain(${JSON.stringify(name)}, ${JSON.stringify(domain)}) (RFC 1034 §3.1)`).toBe(inside);
    }
  });

  it('canonicalName gives one spelling per name, for use as a map key', () => {
    expect(canonicalName('WWW.Example.COM.'), 'lower case, no trailing dot').toBe('www.example.com');
    expect(canonicalName('\\065b\\.C'), 'escapes only where needed').toBe('ab\\.c');
  });
});
