/**
 * Stage hessian: the Hessian 2.0 subset both ways against hessian.js, a real
 * peer: the learner's encoder must write exactly what hessian.js writes
 * (fixtures/hessian-golden.ts, recorded from hessian.js by
 * make-hessian-golden.mjs), and the decoder must read it back. The spec's own
 * examples and hand-written non-compact forms check the decoder further.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, toHex } from '@lab-kit';
import { HessianError, TruncatedError } from '@impl/errors.ts';
import { decode, decodeValue, encode } from '@impl/hessian.ts';
import { Double, type HessianValue } from '@impl/hessian-types.ts';
import { HESSIAN_JS_WRITES } from './fixtures/hessian-golden.ts';

const SPEC = 'Hessian 2.0 serialization grammar, http://hessian.caucho.com/doc/hessian-serialization.html';
// Any code point, lone surrogates included, as fast-check's 'binary' unit gives, without the 7 s
// that unit takes to build its tables the first time it is asked for.
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));
const short = (bytes: Uint8Array) => (bytes.length > 24 ? `${toHex(bytes.subarray(0, 24))} … (${bytes.length} bytes)` : toHex(bytes));

describe('encode writes what hessian.js writes', () => {
  it.each(HESSIAN_JS_WRITES)('%s', (what, value, bytes) => {
    expectBytes(encode(value), bytes, { what: `${what}, as hessian.js writes it`, fields: [{ name: 'the type code (first byte)', offset: 0, length: 1 }], see: SPEC });
  });

  it('writes a whole number as an int, any other number as a double, a bigint as a long', () => {
    expectBytes(encode(2), fromHex('92'), { what: 'the number 2 (an int)', see: SPEC });
    expectBytes(encode(new Double(2)), fromHex('5d 02'), { what: 'new Double(2) (a double)', see: SPEC });
    expectBytes(encode(2n), fromHex('e2'), { what: 'the bigint 2n (a long)', see: SPEC });
    expectBytes(encode(2.5), fromHex('5f 00 00 09 c4'), { what: 'the number 2.5 (a double)', see: SPEC });
    expectBytes(encode(2 ** 31), fromHex('44 41 e0 00 00 00 00 00 00'), { what: 'the number 2^31 (too big for an int, too many thousandths for x5f: D)', see: SPEC });
  });

  it('refuses a bigint outside 64 bits signed', () => {
    expect(() => encode(2n ** 63n), 'the long 2^63').toThrow(RangeError);
    expect(() => encode(-(2n ** 63n) - 1n), 'the long -2^63 - 1').toThrow(RangeError);
  });
});

describe('decode reads what hessian.js writes', () => {
  it.each(HESSIAN_JS_WRITES)('%s', (what, value, bytes) => {
    expect(decode(bytes), `${what}, from hessian.js's bytes ${short(bytes)}`).toEqual(value);
  });
});

describe('decode follows the grammar', () => {
  /** The spec's own examples (§4.4, §4.5, §4.7) and forms hessian.js reads but does not write. */
  const EXAMPLES: [string, string, HessianValue][] = [
    ['int 0 (x90)', '90', 0],
    ['int -16 (x80)', '80', -16],
    ['int 47 (xbf)', 'bf', 47],
    ['int -2048 (xc0 x00)', 'c0 00', -2048],
    ['int -256 (xc7 x00)', 'c7 00', -256],
    ['int 2047 (xcf xff)', 'cf ff', 2047],
    ['int -262144 (xd0 x00 x00)', 'd0 00 00', -262144],
    ['int 262143 (xd7 xff xff)', 'd7 ff ff', 262143],
    ['int 300 in the long form (I)', '49 00 00 01 2c', 300],
    ['int -1 in the long form (I)', '49 ff ff ff ff', -1],
    ['long -8 (xd8)', 'd8', -8n],
    ['long 15 (xef)', 'ef', 15n],
    ['long -2048 (xf0 x00)', 'f0 00', -2048n],
    ['long -256 (xf7 x00)', 'f7 00', -256n],
    ['long 2047 (xff xff)', 'ff ff', 2047n],
    ['long -262144 (x38 x00 x00)', '38 00 00', -262144n],
    ['long 262143 (x3f xff xff)', '3f ff ff', 262143n],
    ['long 300 as 32 bits (x59)', '59 00 00 01 2c', 300n],
    ['long -1 as 32 bits (x59)', '59 ff ff ff ff', -1n],
    ['long 300 in the long form (L)', '4c 00 00 00 00 00 00 01 2c', 300n],
    ['double -128.0 (x5d x80)', '5d 80', new Double(-128)],
    ['double -32768.0 (x5e x80 x00)', '5e 80 00', new Double(-32768)],
    ['double 12.25 (D)', '44 40 28 80 00 00 00 00 00', new Double(12.25)],
    ['double -0.001 in thousandths (x5f)', '5f ff ff ff ff', new Double(-0.001)],
    ['a string in the S form', '53 00 02 68 69', 'hi'],
    ['binary in the B form', '42 00 02 01 02', Uint8Array.of(1, 2)],
    ['a variable-length untyped list (x57 … Z)', '57 91 92 5a', [1, 2]],
    ['a fixed-length untyped list with its length as an int (x58)', '58 92 4e 54', [null, true]],
  ];

  it.each(EXAMPLES)('reads %s', (what, hex, value) => {
    expect(decode(fromHex(hex)), `${what}: ${hex}`).toEqual(value);
  });

  it('says where a value ends, so values can follow one another', () => {
    const bytes = fromHex('05 68 65 6c 6c 6f 91 4e');
    expect(decodeValue(bytes), 'the string "hello" first').toEqual({ value: 'hello', next: 6 });
    expect(decodeValue(bytes, 6), 'then the int 1').toEqual({ value: 1, next: 7 });
    expect(decodeValue(bytes, 7), 'then null').toEqual({ value: null, next: 8 });
  });

  it('throws TruncatedError when the bytes end inside a value', () => {
    for (const hex of ['', '49 00 00', 'c8', '05 68 65', '23 01', '7a 91', '48 01 61', '4c 00 00 00', '52 00 02 61 62', '41 00 01 ff', '57 91']) {
      expect(() => decode(fromHex(hex)), `the bytes "${hex}" end inside a value`).toThrow(TruncatedError);
    }
  });

  it('throws HessianError, with the offset, for a code outside the subset', () => {
    for (const [hex, offset] of [['43', 0], ['51 90', 0], ['7a 91 4f', 2]] as const) {
      let error: unknown;
      try {
        decode(fromHex(hex));
      } catch (caught) {
        error = caught;
      }
      expect(error, `decoding "${hex}" (x43 is a class definition, x51 a reference, x4f an object: not in the subset)`).toBeInstanceOf(HessianError);
      expect((error as HessianError).offset, `the offset of the code that is not in the subset, in "${hex}"`).toBe(offset);
    }
  });

  it('throws HessianError for bytes left after the value', () => {
    expect(() => decode(fromHex('91 91')), 'two ints where decode expects one value').toThrow(HessianError);
  });

  it('never throws anything but its own errors on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          decode(bytes);
        } catch (error) {
          expect(error instanceof HessianError || error instanceof TruncatedError, `decode(${toHex(bytes)}) threw ${String(error)}`).toBe(true);
        }
      }),
    );
  });
});

describe('the compact forms, at every size', () => {
  /** How many bytes the grammar gives an int: 1, 2, 3 or 5. */
  const intSize = (n: number) => (n >= -16 && n <= 47 ? 1 : n >= -2048 && n <= 2047 ? 2 : n >= -262144 && n <= 262143 ? 3 : 5);
  /** How many bytes the grammar gives a long: 1, 2, 3, 5 or 9. */
  const longSize = (n: bigint) => (n >= -8n && n <= 15n ? 1 : n >= -2048n && n <= 2047n ? 2 : n >= -262144n && n <= 262143n ? 3 : n >= -(2n ** 31n) && n < 2n ** 31n ? 5 : 9);

  it('writes every int in the shortest form and reads it back (property)', () => {
    const near = fc.constantFrom(-16, 47, -2048, 2047, -262144, 262143).chain((edge) => fc.integer({ min: edge - 2, max: edge + 2 }));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), near), (n) => {
        const bytes = encode(n);
        expect(bytes.length, `bytes for the int ${n}: ${toHex(bytes)}`).toBe(intSize(n));
        expect(decode(bytes), `decode(${toHex(bytes)})`).toBe(n);
      }),
    );
  });

  it('writes every long in the shortest form and reads it back (property)', () => {
    const near = fc.constantFrom(-8n, 15n, -2048n, 2047n, -262144n, 262143n, -(2n ** 31n), 2n ** 31n - 1n).chain((edge) => fc.bigInt({ min: edge - 2n, max: edge + 2n }));
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), near), (n) => {
        const bytes = encode(n);
        expect(bytes.length, `bytes for the long ${n}: ${toHex(bytes)}`).toBe(longSize(n));
        expect(decode(bytes), `decode(${toHex(bytes)})`).toBe(n);
      }),
    );
  });

  it('reads back any string, binary, list and map it writes (property)', () => {
    const value = fc.letrec<{ value: HessianValue }>((tie) => ({
      value: fc.oneof(
        { maxDepth: 2 },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.double({ noNaN: true }).map((x) => new Double(Object.is(x, -0) ? 0 : x)),
        fc.string({ unit: anyCodePoint, maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.array(fc.tuple(fc.string({ maxLength: 5 }), tie('value')), { maxLength: 3 }).map((entries) => new Map<HessianValue, HessianValue>(entries)),
      ),
    })).value;
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encode(v);
        expect(decode(bytes), `the value written as ${short(bytes)}`).toEqual(v);
      }),
      { numRuns: 60 },
    );
  });
});
