/**
 * Stage messages: fragments to messages (RFC 6455 §5.4), Close bodies
 * (§5.5.1, §7.4) and UTF-8 that is checked as it arrives (§8.1). The UTF-8
 * verdicts are compared with the platform's own decoder (TextDecoder with
 * `fatal`, the WHATWG Encoding Standard's algorithm), byte by byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { decodeClosePayload, encodeClosePayload } from '@impl/close-payload.ts';
import { MessageAssembler } from '@impl/message-assembler.ts';
import { isValidUtf8, Utf8Validator } from '@impl/utf8.ts';
import { expectProtocolError } from './fixtures/expect-errors.ts';
import { utf8, type TestFrame } from './fixtures/reference-frames.ts';

const frame = (opcode: number, payload: Uint8Array, fin = true): TestFrame => ({ fin, rsv: 0, opcode, payload });

/** Index of the first byte the platform's streaming decoder rejects, or −1. */
function platformFirstBad(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return -1;
}

/** Index of the first byte after which the learner's validator says false, or −1. */
function learnerFirstBad(bytes: Uint8Array): number {
  const validator = new Utf8Validator();
  for (let i = 0; i < bytes.length; i++) if (!validator.push(bytes.subarray(i, i + 1))) return i;
  return -1;
}

describe('Utf8Validator', () => {
  it.each([
    ['ASCII', '48 65 6c 6c 6f'],
    ['κόσμε (2-byte characters)', 'ce ba e1 bd b9 cf 83 ce bc ce b5'],
    ['€ (3 bytes)', 'e2 82 ac'],
    ['U+D7FF, the last character before the surrogates', 'ed 9f bf'],
    ['U+E000, the first after them', 'ee 80 80'],
    ['😀 (4 bytes)', 'f0 9f 98 80'],
    ['U+10FFFF, the last code point', 'f4 8f bf bf'],
  ])('accepts %s', (_what, hex) => {
    expect(isValidUtf8(fromHex(hex)), 'RFC 3629 §4').toBe(true);
  });

  it.each([
    ['a lone continuation byte', '80', 0],
    ['C0 80, an overlong NUL', 'c0 80', 0],
    ['C1 BF, overlong', 'c1 bf', 0],
    ['E0 80 80, overlong (the second byte must be A0-BF)', 'e0 80 80', 1],
    ['ED A0 80, the surrogate U+D800 (the second byte must be 80-9F)', 'ed a0 80', 1],
    ['F0 80 80 80, overlong (the second byte must be 90-BF)', 'f0 80 80 80', 1],
    ['F4 90 80 80, above U+10FFFF (the second byte must be 80-8F)', 'f4 90 80 80', 1],
    ['F5, a byte that never appears', 'f5 80 80 80', 0],
    ['FF', 'ff', 0],
    ['CE followed by an ASCII letter', 'ce 41', 1],
    ['E2 82 followed by a new lead byte', 'e2 82 e2 82 ac', 2],
  ])('rejects %s at the first byte that cannot be valid', (_what, hex, at) => {
    expect(learnerFirstBad(fromHex(hex)), 'RFC 6455 §8.1 fails the connection as soon as the text cannot be valid; index of the first byte push() refuses').toBe(at);
  });

  it('waits for the rest of a character split between pushes, and end() says whether it came', () => {
    const validator = new Utf8Validator();
    expect(validator.push(fromHex('48 e2 82')), '"H" and two bytes of €').toBe(true);
    expect(validator.end(), 'stopped in the middle of €').toBe(false);
    expect(validator.push(fromHex('ac')), 'the last byte of €').toBe(true);
    expect(validator.end(), 'a whole character').toBe(true);
  });

  it('stays failed, and starts over after reset()', () => {
    const validator = new Utf8Validator();
    validator.push(fromHex('ff'));
    expect(validator.push(fromHex('41')), 'after an invalid byte, even ASCII').toBe(false);
    validator.reset();
    expect(validator.push(fromHex('41')) && validator.end(), 'after reset()').toBe(true);
  });

  it('agrees with the platform’s decoder on where random bytes first go wrong (property)', () => {
    // Valid text from any code points but surrogates, so every length of UTF-8 sequence appears.
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }));
    const validText = fc.array(codePoint, { maxLength: 8 }).map((points) => utf8(String.fromCodePoint(...points)));
    const bytesLikeUtf8 = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0x9f, 0xa0, 0x8f, 0x90)), { maxLength: 12 }).map((a) => Uint8Array.from(a));
    fc.assert(
      fc.property(fc.oneof(bytesLikeUtf8, validText), (bytes) => {
        expect(learnerFirstBad(bytes), `first bad byte of ${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}`).toBe(platformFirstBad(bytes));
        let whole = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          whole = false;
        }
        expect(isValidUtf8(bytes), 'isValidUtf8 of the whole').toBe(whole);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Close bodies', () => {
  it('encode the code in network byte order, then the reason (RFC 6455 §5.5.1)', () => {
    expectBytes(encodeClosePayload(1000), fromHex('03 e8'), { what: 'code 1000, no reason' });
    expectBytes(encodeClosePayload(4001, 'bye'), fromHex('0f a1 62 79 65'), { what: 'code 4001, reason "bye"' });
    expect(encodeClosePayload(undefined).length, 'no code: an empty body').toBe(0);
  });

  it('refuse to encode a code that may not be sent, or a reason over 123 bytes', () => {
    for (const code of [999, 1004, 1005, 1006, 1015, 2999, 5000]) expect(() => encodeClosePayload(code), `code ${code} (RFC 6455 §7.4)`).toThrow(RangeError);
    expect(() => encodeClosePayload(1000, 'é'.repeat(62)), '124 bytes of reason').toThrow(RangeError);
    expect(encodeClosePayload(1000, 'x'.repeat(123)).length, '123 bytes of reason fit: 125 in all').toBe(125);
    expect(() => encodeClosePayload(undefined, 'why'), 'a reason without a code (RFC 6455 §5.5.1: the code comes first)').toThrow(RangeError);
    expect(() => encodeClosePayload(1000.5), 'a code that is not a whole number').toThrow(RangeError);
  });

  it('decode the code and reason, and an empty body as no code', () => {
    expect(decodeClosePayload(fromHex('03 e8 62 79 65')), 'RFC 6455 §5.5.1').toEqual({ code: 1000, reason: 'bye' });
    expect(decodeClosePayload(new Uint8Array(0)), 'an empty Close body').toEqual({ code: undefined, reason: '' });
  });

  it('accept the codes an endpoint may send: 1000-1003, 1007-1014, 3000-4999', () => {
    for (const code of [1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999]) expect(decodeClosePayload(Uint8Array.of(code >> 8, code & 255)).code, `code ${code}`).toBe(code);
  });

  it('refuse a 1-byte body, codes that may not be on the wire (1002), and a reason that is not UTF-8 (1007)', () => {
    expectProtocolError(() => decodeClosePayload(fromHex('03')), 1002, 'a 1-byte Close body');
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]) {
      expectProtocolError(() => decodeClosePayload(Uint8Array.of(code >> 8, code & 255)), 1002, `status code ${code} (RFC 6455 §7.4.1-2)`);
    }
    expectProtocolError(() => decodeClosePayload(fromHex('03 e8 ff')), 1007, 'a reason with the byte FF');
  });
});

describe('MessageAssembler', () => {
  it('passes a single-frame text or binary message through', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(1, utf8('order 42: paid'))), 'text').toEqual({ type: 'text', text: 'order 42: paid' });
    expect(assembler.push(frame(2, fromHex('ff 00'))), 'binary: not UTF-8-checked').toEqual({ type: 'binary', data: fromHex('ff 00') });
  });

  it('joins fragments, with control frames in between passed on at once (RFC 6455 §5.4)', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(1, utf8('order 42: '), false)), 'first fragment').toBeNull();
    expect(assembler.push(frame(9, utf8('ping'))), 'a Ping between fragments').toEqual({ type: 'ping', payload: utf8('ping') });
    expect(assembler.push(frame(0, utf8('ship'), false)), 'middle fragment').toBeNull();
    expect(assembler.push(frame(10, new Uint8Array(0))), 'a Pong between fragments').toEqual({ type: 'pong', payload: new Uint8Array(0) });
    expect(assembler.push(frame(0, utf8('ped'))), 'last fragment').toEqual({ type: 'text', text: 'order 42: shipped' });
    expect(assembler.push(frame(2, fromHex('01'), false)), 'then a new binary message').toBeNull();
    expect(assembler.push(frame(0, fromHex('02'))), '').toEqual({ type: 'binary', data: fromHex('01 02') });
  });

  it('reads a character split across fragments', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(1, fromHex('e2'), false)), 'the first byte of €').toBeNull();
    expect(assembler.push(frame(0, fromHex('82'), false)), 'the second').toBeNull();
    expect(assembler.push(frame(0, fromHex('ac 21'))), 'the third, and "!"').toEqual({ type: 'text', text: '€!' });
  });

  it('reports a Close with its code and reason', () => {
    expect(new MessageAssembler().push(frame(8, fromHex('03 e9 62 79 65'))), 'Close 1001 "bye"').toEqual({ type: 'close', code: 1001, reason: 'bye' });
  });

  it('refuses a continuation with no message, and a new message before the last ended: 1002', () => {
    expectProtocolError(() => new MessageAssembler().push(frame(0, utf8('lo'))), 1002, 'a continuation frame first (RFC 6455 §5.4)');
    const assembler = new MessageAssembler();
    assembler.push(frame(1, utf8('Hel'), false));
    expectProtocolError(() => assembler.push(frame(1, utf8('lo'))), 1002, 'a text frame while a text message is unfinished');
    const other = new MessageAssembler();
    other.push(frame(2, fromHex('01'), false));
    expectProtocolError(() => other.push(frame(2, fromHex('02'))), 1002, 'a binary frame while a binary message is unfinished');
  });

  it('fails a text message at the fragment that makes it invalid, before the message ends: 1007', () => {
    const assembler = new MessageAssembler();
    assembler.push(frame(1, utf8('fine so far '), false));
    expectProtocolError(() => assembler.push(frame(0, fromHex('ed a0 80'), false)), 1007, 'a surrogate in a middle fragment (RFC 6455 §8.1: fail fast)');
  });

  it('fails a text message that ends in the middle of a character: 1007', () => {
    const assembler = new MessageAssembler();
    assembler.push(frame(1, fromHex('48 e2'), false));
    expectProtocolError(() => assembler.push(frame(0, fromHex('82'))), 1007, 'the last fragment leaves € unfinished');
  });

  it('never checks a binary message as text, nor lets its bytes reach the next text message', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(2, fromHex('e2 82'), false)), 'a binary fragment that would be half of €').toBeNull();
    expect(assembler.push(frame(0, fromHex('ff'))), 'binary data may hold any bytes').toEqual({ type: 'binary', data: fromHex('e2 82 ff') });
    expect(assembler.push(frame(1, utf8('ok'))), 'the next text message starts at a character boundary').toEqual({ type: 'text', text: 'ok' });
  });

  it('refuses a message over maxMessageSize as soon as a fragment passes it: 1009', () => {
    const assembler = new MessageAssembler({ maxMessageSize: 10 });
    expect(assembler.push(frame(2, new Uint8Array(6), false)), '6 bytes').toBeNull();
    expect(assembler.push(frame(0, new Uint8Array(4), false)), '10 bytes: at the limit').toBeNull();
    expectProtocolError(() => assembler.push(frame(0, new Uint8Array(1), false)), 1009, '11 bytes, before the message ends (RFC 6455 §7.4.1)');
    const exact = new MessageAssembler({ maxMessageSize: 10 });
    expect(exact.push(frame(1, utf8('0123456789'))), 'exactly 10 bytes in one frame').toEqual({ type: 'text', text: '0123456789' });
  });
});
