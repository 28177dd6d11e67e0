/**
 * Stage parser: TCP delivers a byte stream, cut wherever the network and the
 * kernel happened to cut it. Frames written by the tests' own writer are fed
 * in chunks of every size — one byte at a time, many frames at once, cut in
 * the middle of a header — and must come out whole and in order. The cuts
 * are random, from the course's fixed seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '@lab-kit';
import { FrameParser } from '@impl/frame-parser.ts';
import { expectProtocolError } from './fixtures/expect-errors.ts';
import { concatBytes, referenceEncode, summarize, utf8, type TestFrame } from './fixtures/reference-frames.ts';

const SEE = 'RFC 6455 §5.2, §5.4';
const KEY = fromHex('37 fa 21 3d');
const frame = (opcode: number, payload: Uint8Array, fin = true): TestFrame => ({ fin, rsv: 0, opcode, payload });

/** Pushes `chunks` in order and returns every frame that came out, summarized (header fields, length, payload hash). */
function feed(parser: FrameParser, chunks: Uint8Array[]): ReturnType<typeof summarize>[] {
  return chunks.flatMap((chunk) => parser.push(chunk)).map(summarize);
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set([0, ...at.filter((n) => n > 0 && n < bytes.length), bytes.length])].sort((a, b) => a - b);
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

const SAMPLE = [
  frame(1, utf8('Hel'), false),
  frame(9, utf8('are you there?')),
  frame(0, utf8('lo')),
  frame(2, Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)),
  frame(2, Uint8Array.from({ length: 70000 }, (_, i) => (i * 31) & 0xff)),
  frame(8, fromHex('03 e8')),
];
const SAMPLE_BYTES = concatBytes(SAMPLE.map((f) => referenceEncode(f, KEY)));

describe('FrameParser', () => {
  it('gives back every frame of a chunk that holds many', () => {
    expect(feed(new FrameParser({ role: 'server' }), [SAMPLE_BYTES]), `six frames in one read (${SEE})`).toEqual(SAMPLE.map(summarize));
  });

  it('gives back the same frames when the bytes arrive one at a time', () => {
    const bytes = concatBytes(SAMPLE.slice(0, 4).map((f) => referenceEncode(f, KEY)));
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(feed(new FrameParser({ role: 'server' }), chunks), 'one byte per push').toEqual(SAMPLE.slice(0, 4).map(summarize));
  });

  it('returns a frame from the push that completes it, not later', () => {
    const parser = new FrameParser({ role: 'client' });
    expect(parser.push(fromHex('81 05 48 65')), 'half a frame').toEqual([]);
    expect(parser.bytesBuffered, 'the 4 bytes are held').toBe(4);
    expect(parser.push(fromHex('6c 6c 6f 89')), 'the rest of it, and one byte of a Ping').toEqual([frame(1, utf8('Hello'))]);
    expect(parser.bytesBuffered, 'only the Ping’s first byte is held').toBe(1);
    expect(parser.push(fromHex('00')), 'the Ping').toEqual([frame(9, new Uint8Array(0))]);
    expect(parser.bytesBuffered, 'nothing held').toBe(0);
  });

  it('gives back the same frames however the stream is cut (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: SAMPLE_BYTES.length }), { maxLength: 40 }), (points) => {
        expect(feed(new FrameParser({ role: 'server' }), cut(SAMPLE_BYTES, points)), `the six sample frames cut at ${JSON.stringify(points)}`).toEqual(SAMPLE.map(summarize));
      }),
      { numRuns: 50 },
    );
  });

  it('parses random frames cut at random places (property)', () => {
    const anyFrame = fc.record({ fin: fc.constant(true), rsv: fc.constant(0), opcode: fc.constantFrom(1, 2, 9, 10), payload: fc.uint8Array({ maxLength: 400 }) });
    fc.assert(
      fc.property(fc.array(anyFrame, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, points) => {
        const bytes = concatBytes(frames.map((f) => referenceEncode({ ...f, payload: f.opcode >= 8 ? f.payload.subarray(0, 125) : f.payload })));
        const expected = frames.map((f) => ({ ...f, payload: f.opcode >= 8 ? f.payload.subarray(0, 125) : f.payload }));
        expect(feed(new FrameParser({ role: 'client' }), cut(bytes, points.map((p) => p % (bytes.length + 1)))), 'the frames, in order').toEqual(expected.map(summarize));
      }),
      { numRuns: 100 },
    );
  });

  it('accepts an empty chunk', () => {
    const parser = new FrameParser({ role: 'client' });
    expect(parser.push(new Uint8Array(0)), 'nothing in, nothing out').toEqual([]);
    expect(parser.push(fromHex('8a 00')), 'then a Pong').toEqual([frame(10, new Uint8Array(0))]);
  });

  it('fails at a bad frame in the middle of a chunk, and stays failed', () => {
    const parser = new FrameParser({ role: 'server' });
    const good = referenceEncode(frame(1, utf8('ok')), KEY);
    const unmasked = referenceEncode(frame(1, utf8('no mask')));
    expectProtocolError(() => parser.push(concatBytes([good, unmasked])), 1002, 'an unmasked client frame after a good one (RFC 6455 §5.1)');
    expectProtocolError(() => parser.push(good), 1002, 'a later push, even of a good frame: the connection is failed (RFC 6455 §7.1.7)');
  });

  it('refuses with 1009 a frame bigger than any buffer, even with no maxPayload', () => {
    const parser = new FrameParser({ role: 'client' });
    expectProtocolError(() => parser.push(fromHex('82 7f 00 10 00 00 00 00 00 00')), 1009, '2^52 bytes announced (RFC 6455 §7.4.1: too big to process)');
  });

  it('refuses an oversized frame from its header, before its payload arrives', () => {
    const parser = new FrameParser({ role: 'client', maxPayload: 1000 });
    expect(parser.push(fromHex('82')), 'one byte: nothing to decide yet').toEqual([]);
    expectProtocolError(() => parser.push(fromHex('7e 03 e9')), 1009, '1001 bytes announced, the limit 1000 (RFC 6455 §7.4.1)');
  });
});
