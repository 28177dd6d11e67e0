/**
 * Stage frames: one frame to bytes and back (RFC 6455 §5.2), byte for byte
 * like the examples of §5.7, in all three length forms, masked and not, and
 * every header a peer must not send refused with its close code. Expected
 * bytes come from the RFC or from the tests' own writer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { decodeFrame, encodeFrame } from '@impl/frame.ts';
import { Opcode, type Frame } from '@impl/frame-types.ts';
import { expectProtocolError } from './fixtures/expect-errors.ts';
import { referenceEncode, summarize, utf8 } from './fixtures/reference-frames.ts';

const SEE = 'RFC 6455 §5.7';
const KEY = fromHex('37 fa 21 3d');
const HELLO = utf8('Hello');
const frame = (opcode: number, payload: Uint8Array, fin = true): Frame => ({ fin, rsv: 0, opcode, payload });

/** RFC 6455 §5.7's examples: what they say, the frame, the key (if masked), the bytes. */
const RFC_EXAMPLES: [string, Frame, Uint8Array | undefined, Uint8Array][] = [
  ['a single-frame unmasked text message "Hello"', frame(Opcode.TEXT, HELLO), undefined, fromHex('81 05 48 65 6c 6c 6f')],
  ['a single-frame masked text message "Hello"', frame(Opcode.TEXT, HELLO), KEY, fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58')],
  ['the first fragment of "Hello", unmasked: "Hel"', frame(Opcode.TEXT, utf8('Hel'), false), undefined, fromHex('01 03 48 65 6c')],
  ['the last fragment: "lo"', frame(Opcode.CONTINUATION, utf8('lo')), undefined, fromHex('80 02 6c 6f')],
  ['an unmasked Ping with body "Hello"', frame(Opcode.PING, HELLO), undefined, fromHex('89 05 48 65 6c 6c 6f')],
  ['a masked Pong with body "Hello"', frame(Opcode.PONG, HELLO), KEY, fromHex('8a 85 37 fa 21 3d 7f 9f 4d 51 58')],
];

const header = (bytes: Uint8Array) => [
  { name: 'FIN, RSV1-3, opcode', offset: 0, length: 1 },
  { name: 'MASK, payload length', offset: 1, length: 1 },
  ...(bytes[1]! & 0x7f) === 126 ? [{ name: 'extended length (16 bits)', offset: 2, length: 2 }] : (bytes[1]! & 0x7f) === 127 ? [{ name: 'extended length (64 bits)', offset: 2, length: 8 }] : [],
];

describe('encodeFrame', () => {
  it.each(RFC_EXAMPLES)('writes %s exactly as RFC 6455 §5.7 shows it', (what, value, key, bytes) => {
    expectBytes(encodeFrame(value, key), bytes, { what, fields: header(bytes), see: SEE });
  });

  it('writes 256 bytes with the 16-bit length 0x0100, and 64 KiB with the 64-bit length 0x10000 (§5.7)', () => {
    const small = encodeFrame(frame(Opcode.BINARY, new Uint8Array(256)));
    expectBytes(small.subarray(0, 4), fromHex('82 7e 01 00'), { what: 'header of a 256-byte binary frame', see: SEE });
    expect(small.length, '4 bytes of header + 256').toBe(260);
    const large = encodeFrame(frame(Opcode.BINARY, new Uint8Array(65536)));
    expectBytes(large.subarray(0, 10), fromHex('82 7f 00 00 00 00 00 01 00 00'), { what: 'header of a 65536-byte binary frame', see: SEE });
    expect(large.length, '10 bytes of header + 65536').toBe(65546);
  });

  it.each([0, 125, 126, 65535, 65536, 70000])('uses the shortest length form for %i bytes (§5.2)', (length) => {
    const payload = Uint8Array.from({ length }, (_, i) => (i * 7) & 0xff);
    const value = frame(Opcode.BINARY, payload);
    expectBytes(encodeFrame(value), referenceEncode(value), { what: `unmasked frame of ${length} bytes`, see: 'RFC 6455 §5.2: 0-125 in 7 bits, up to 65535 in 16, then 64' });
    expectBytes(encodeFrame(value, KEY), referenceEncode(value, KEY), { what: `masked frame of ${length} bytes`, see: 'RFC 6455 §5.3' });
  });

  it('writes FIN and the reserved bits where §5.2 puts them', () => {
    expectBytes(encodeFrame({ fin: false, rsv: 4, opcode: Opcode.BINARY, payload: new Uint8Array(0) }), fromHex('42 00'), { what: 'FIN clear, RSV1 set (as permessage-deflate uses it), binary', see: 'RFC 6455 §5.2' });
  });

  it('refuses what cannot be encoded: a key that is not 4 bytes, an opcode over 15, RSV over 7', () => {
    expect(() => encodeFrame(frame(Opcode.TEXT, HELLO), fromHex('01 02 03')), 'a 3-byte key').toThrow(RangeError);
    expect(() => encodeFrame(frame(16, HELLO)), 'opcode 16 does not fit 4 bits').toThrow(RangeError);
    expect(() => encodeFrame({ fin: true, rsv: 8, opcode: 1, payload: HELLO }), 'rsv 8 does not fit 3 bits').toThrow(RangeError);
    for (const [opcode, rsv] of [[-1, 0], [1.5, 0], [1, -1], [1, 0.5]]) expect(() => encodeFrame({ fin: true, rsv: rsv!, opcode: opcode!, payload: HELLO }), `opcode ${opcode}, rsv ${rsv}`).toThrow(RangeError);
    expect(encodeFrame({ fin: true, rsv: 7, opcode: 15, payload: new Uint8Array(0) })[0], 'opcode 15 and rsv 7 are the largest that fit').toBe(0xff);
  });

  it('leaves the caller’s payload unmasked', () => {
    const payload = utf8('Hello');
    encodeFrame(frame(Opcode.TEXT, payload), KEY);
    expect(new TextDecoder().decode(payload), 'masking works on a copy').toBe('Hello');
  });

  it('masks payloads of every length form byte for byte, whatever their length modulo 4', () => {
    for (const length of [1, 63, 64, 65, 100, 125, 126, 127, 300, 65536, 70001]) {
      const value = frame(Opcode.BINARY, Uint8Array.from({ length }, (_, i) => (i * 7) & 0xff));
      expectBytes(encodeFrame(value, KEY), referenceEncode(value, KEY), { what: `a masked ${length}-byte payload`, see: 'RFC 6455 §5.3' });
    }
  });

  it('matches the tests’ writer for any frame, masked or not (property)', () => {
    const anyFrame = fc.record({
      fin: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
      opcode: fc.constantFrom(0, 1, 2, 8, 9, 10),
      payload: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(anyFrame, fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }), (value, key) => {
        expectBytes(encodeFrame(value, key), referenceEncode(value, key), { what: 'a frame', see: 'RFC 6455 §5.2' });
      }),
    );
  });
});

describe('decodeFrame', () => {
  it.each(RFC_EXAMPLES)('reads %s from RFC 6455 §5.7, unmasking it', (what, value, key, bytes) => {
    const role = key ? 'server' : 'client';
    expect(decodeFrame(bytes, { role }), `${what}, decoded by a ${role} (${SEE})`).toEqual({ value, bytesRead: bytes.length });
  });

  it('reads the 16- and 64-bit lengths', () => {
    for (const length of [126, 300, 65535, 65536, 100000]) {
      const value = frame(Opcode.BINARY, Uint8Array.from({ length }, (_, i) => i & 0xff));
      const bytes = referenceEncode(value, KEY);
      const decoded = decodeFrame(bytes, { role: 'server' });
      expect(decoded?.bytesRead, `bytesRead for a masked ${length}-byte frame`).toBe(bytes.length);
      expect(decoded?.value.payload.length, `payload length of a ${length}-byte frame`).toBe(length);
      expect(decoded?.value.payload.every((b, i) => b === (i & 0xff)), `every payload byte of a ${length}-byte frame, unmasked (key byte i mod 4)`).toBe(true);
    }
  });

  it('reads only the first frame when more follow, and says how many bytes it took', () => {
    const bytes = fromHex('81 05 48 65 6c 6c 6f 89 00');
    expect(decodeFrame(bytes, { role: 'client' }), 'the text frame, 7 bytes').toEqual({ value: frame(Opcode.TEXT, HELLO), bytesRead: 7 });
    expect(decodeFrame(bytes.subarray(7), { role: 'client' }), 'then the empty Ping').toEqual({ value: frame(Opcode.PING, new Uint8Array(0)), bytesRead: 2 });
  });

  it('returns null for every prefix of a frame that is too short to hold it', () => {
    const bytes = referenceEncode(frame(Opcode.BINARY, new Uint8Array(70000)), KEY);
    for (const cut of [0, 1, 2, 5, 9, 10, 13, 14, 1000, bytes.length - 1]) {
      // A copy, so reading past its end cannot find the rest of the frame in a shared buffer.
      expect(decodeFrame(bytes.slice(0, cut), { role: 'server' }), `the first ${cut} of ${bytes.length} bytes`).toBeNull();
    }
  });

  it('returns null inside a 16-bit length, and reads it once both bytes are there', () => {
    const bytes = referenceEncode(frame(Opcode.BINARY, new Uint8Array(300)));
    for (const cut of [2, 3, 4, 303]) expect(decodeFrame(bytes.subarray(0, cut), { role: 'client' }), `the first ${cut} of ${bytes.length} bytes`).toBeNull();
    expect(decodeFrame(bytes, { role: 'client' })?.bytesRead, 'all 304 bytes').toBe(304);
  });

  it('does not change the bytes it was given (it unmasks a copy)', () => {
    const bytes = fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    decodeFrame(bytes, { role: 'server' });
    expectBytes(bytes, fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), { what: 'the input after decoding' });
  });

  it('round-trips any frame a client may send (property)', () => {
    const anyFrame = fc.record({ fin: fc.boolean(), rsv: fc.constant(0), opcode: fc.constantFrom(0, 1, 2), payload: fc.uint8Array({ maxLength: 70000 }) });
    fc.assert(
      fc.property(anyFrame, fc.uint8Array({ minLength: 4, maxLength: 4 }), (value, key) => {
        const bytes = referenceEncode(value, key);
        const decoded = decodeFrame(bytes, { role: 'server' });
        expect(decoded && { value: summarize(decoded.value), bytesRead: decoded.bytesRead }, 'decode(the tests’ bytes): header fields, length and payload hash').toEqual({ value: summarize(value), bytesRead: bytes.length });
      }),
      { numRuns: 60 },
    );
  });
});

describe('decodeFrame refuses what a peer must not send', () => {
  const server = { role: 'server' as const };
  const client = { role: 'client' as const };

  it('reserved bits without a negotiated extension: 1002 (§5.2)', () => {
    for (const [b0, what] of [[0xc1, 'RSV1'], [0xa1, 'RSV2'], [0x91, 'RSV3']] as const) {
      expectProtocolError(() => decodeFrame(Uint8Array.of(b0, 0x00), client), 1002, `${what} set on a text frame`);
    }
  });

  it('reserved opcodes 3-7 and 0xB-0xF: 1002 (§5.2)', () => {
    for (const opcode of [3, 7, 0xb, 0xf]) expectProtocolError(() => decodeFrame(Uint8Array.of(0x80 | opcode, 0x00), client), 1002, `opcode 0x${opcode.toString(16)}`);
  });

  it('a fragmented control frame: 1002 (§5.5)', () => {
    expectProtocolError(() => decodeFrame(fromHex('09 00'), client), 1002, 'a Ping without FIN');
    expectProtocolError(() => decodeFrame(fromHex('08 00'), client), 1002, 'a Close without FIN');
  });

  it('a control frame over 125 bytes: 1002, decided from the header alone (§5.5)', () => {
    expectProtocolError(() => decodeFrame(fromHex('89 7e 00 7e'), client), 1002, 'a Ping claiming 126 bytes, before its payload arrives');
    expect(decodeFrame(referenceEncode(frame(Opcode.PING, new Uint8Array(125))), client)?.value.payload.length, 'exactly 125 is fine').toBe(125);
  });

  it('an unmasked frame reaching a server, a masked one reaching a client: 1002 (§5.1)', () => {
    expectProtocolError(() => decodeFrame(fromHex('81 05 48 65 6c 6c 6f'), server), 1002, 'a server receiving an unmasked text frame');
    expectProtocolError(() => decodeFrame(fromHex('81 85 37 fa 21 3d'), client), 1002, 'a client receiving a masked frame (its header is enough)');
  });

  it('lengths not in their shortest form, or with the 64-bit length’s top bit set: 1002 (§5.2)', () => {
    expectProtocolError(() => decodeFrame(fromHex('82 7e 00 05'), client), 1002, 'length 5 in the 16-bit form');
    expectProtocolError(() => decodeFrame(fromHex('82 7e 00 7d'), client), 1002, 'length 125 in the 16-bit form');
    expect(decodeFrame(fromHex('82 7e 00 7e'), client), 'length 126 in the 16-bit form is right (and needs 126 more bytes)').toBeNull();
    expectProtocolError(() => decodeFrame(fromHex('82 7f 00 00 00 00 00 00 ff ff'), client), 1002, 'length 65535 in the 64-bit form');
    expect(decodeFrame(fromHex('82 7f 00 00 00 00 00 01 00 00'), client), 'length 65536 in the 64-bit form is right').toBeNull();
    expectProtocolError(() => decodeFrame(fromHex('82 7f 80 00 00 00 00 00 00 00'), client), 1002, 'the most significant bit of the 64-bit length set');
  });

  it('a payload over maxPayload: 1009, decided from the header (§7.4.1); exactly the limit is fine', () => {
    expectProtocolError(() => decodeFrame(fromHex('82 7e 04 01'), { role: 'client', maxPayload: 1024 }), 1009, '1025 bytes announced, the limit 1024');
    expect(decodeFrame(fromHex('82 7e 04 00'), { role: 'client', maxPayload: 1024 }), '1024 bytes announced: wait for them').toBeNull();
    expectProtocolError(() => decodeFrame(fromHex('82 7f 00 00 00 01 00 00 00 00'), { role: 'client', maxPayload: 2 ** 20 }), 1009, '4 GiB announced');
  });
});
