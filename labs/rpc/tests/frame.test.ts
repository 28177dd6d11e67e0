/**
 * Stage frame: the 16-byte Dubbo header to bytes and back, and a streaming
 * decoder fed chunks cut anywhere. Expected bytes are written out by hand from
 * the header layout (the chapter's figure, Dubbo's ExchangeCodec) or come from
 * the tests' own writer in fixtures/reference-frames.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, toHex } from '@lab-kit';
import { decodeHeader, encodeFrame, FrameDecoder } from '@impl/frame.ts';
import { DEFAULT_MAX_BODY, type DecodeEvent } from '@impl/frame-layout.ts';
import { cutAt, HEADER_FIELDS, joinBytes, referenceEncode, request, summarize, type TestFrame } from './fixtures/reference-frames.ts';

const SEE = 'the chapter’s Dubbo header figure (Dubbo ExchangeCodec)';
const ascii = (text: string) => new TextEncoder().encode(text);

/** Hand-written frames: what they are, the frame, its bytes. */
const VECTORS: [string, TestFrame, Uint8Array][] = [
  ['a two-way Hessian request, id 1, body "abc"', request(1n, ascii('abc')), fromHex('da bb c2 00  00 00 00 00 00 00 00 01  00 00 00 03  61 62 63')],
  ['a one-way request, id 7, no body', { ...request(7n), twoWay: false }, fromHex('da bb 82 00  00 00 00 00 00 00 00 07  00 00 00 00')],
  ['a heartbeat: a two-way event request, id 2', { ...request(2n), event: true }, fromHex('da bb e2 00  00 00 00 00 00 00 00 02  00 00 00 00')],
  ['an OK response (status 20) to id 1, body "x"', { request: false, twoWay: false, event: false, serialization: 2, status: 20, id: 1n, body: ascii('x') }, fromHex('da bb 02 14  00 00 00 00 00 00 00 01  00 00 00 01  78')],
  ['a SERVICE_ERROR response (status 70) with serialization id 31', { request: false, twoWay: false, event: false, serialization: 31, status: 70, id: 300n, body: new Uint8Array(0) }, fromHex('da bb 1f 46  00 00 00 00 00 00 01 2c  00 00 00 00')],
  ['a request with id 0x0102030405060708', request(0x0102030405060708n), fromHex('da bb c2 00  01 02 03 04 05 06 07 08  00 00 00 00')],
  ['a request with the largest id, 2^64 - 1', request(0xffffffffffffffffn), fromHex('da bb c2 00  ff ff ff ff ff ff ff ff  00 00 00 00')],
];

const frameOf = (event: DecodeEvent | undefined) => (event?.type === 'frame' ? summarize(event.frame) : event);
const describeEvents = (events: DecodeEvent[]) => events.map((e) => (e.type === 'frame' ? { type: 'frame', ...summarize(e.frame) } : e.type === 'oversize' ? { ...e, header: { ...e.header, id: e.header.id.toString() } } : e));
const frameEvent = (frame: TestFrame) => ({ type: 'frame', ...summarize(frame) });

/** Every event of feeding `chunks` then ending the stream. */
function decodeAll(chunks: readonly Uint8Array[], maxBody?: number): DecodeEvent[] {
  const decoder = new FrameDecoder(maxBody === undefined ? {} : { maxBody });
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

const anyFrame = fc.record({
  request: fc.boolean(),
  twoWay: fc.boolean(),
  event: fc.boolean(),
  serialization: fc.integer({ min: 0, max: 31 }),
  status: fc.integer({ min: 0, max: 255 }),
  id: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  body: fc.uint8Array({ maxLength: 64 }),
});

describe('encodeFrame', () => {
  it.each(VECTORS)('writes %s byte for byte', (what, frame, bytes) => {
    expectBytes(encodeFrame(frame), bytes, { what, fields: HEADER_FIELDS, see: SEE });
  });

  it('writes a body of 66051 bytes with the length 00 01 02 03, big-endian', () => {
    const bytes = encodeFrame(request(9n, new Uint8Array(0x010203)));
    expectBytes(bytes.subarray(12, 16), fromHex('00 01 02 03'), { what: 'the body length field', see: SEE });
    expect(bytes.length, '16 bytes of header + 66051 of body').toBe(16 + 0x010203);
  });

  it('matches the tests’ writer for any header and body (property)', () => {
    fc.assert(fc.property(anyFrame, (frame) => expectBytes(encodeFrame(frame), referenceEncode(frame), { what: `the frame ${JSON.stringify(summarize(frame))}`, fields: HEADER_FIELDS, see: SEE })));
  });

  it('refuses fields that do not fit: serialization id over 5 bits, status over 8, id outside 64 bits', () => {
    for (const serialization of [32, -1, 2.5]) expect(() => encodeFrame({ ...request(1n), serialization }), `serialization id ${serialization}`).toThrow(RangeError);
    for (const status of [256, -1]) expect(() => encodeFrame({ ...request(1n), status }), `status ${status}`).toThrow(RangeError);
    for (const id of [-1n, 2n ** 64n]) expect(() => encodeFrame(request(id)), `request id ${id}`).toThrow(RangeError);
  });
});

describe('decodeHeader', () => {
  it.each(VECTORS)('reads the header of %s', (what, frame, bytes) => {
    const { body, ...fields } = frame;
    expect(decodeHeader(bytes), `${what}: ${toHex(bytes.subarray(0, 16))}`).toEqual({ ...fields, length: body.length });
  });

  it('reads each flag bit on its own, and the serialization id from the low five bits only', () => {
    for (let flags = 0; flags < 256; flags++) {
      const header = decodeHeader(fromHex(`da bb ${flags.toString(16).padStart(2, '0')} 00 00 00 00 00 00 00 00 01 00 00 00 00`));
      expect([header.request, header.twoWay, header.event, header.serialization], `flag byte 0x${flags.toString(16)}`).toEqual([flags >= 128, (flags & 64) !== 0, (flags & 32) !== 0, flags % 32]);
    }
  });

  it('reads a length with the top bit set as unsigned (2^31), not as a negative number', () => {
    expect(decodeHeader(fromHex('da bb c2 00 00 00 00 00 00 00 00 01 80 00 00 00')).length, 'length bytes 80 00 00 00').toBe(2 ** 31);
  });
});

describe('FrameDecoder', () => {
  it('gives one frame for its bytes in one chunk, and nothing left at the end', () => {
    const [, frame, bytes] = VECTORS[0]!;
    expect(describeEvents(decodeAll([bytes])), 'events for one whole frame').toEqual([frameEvent(frame)]);
  });

  it('gives nothing until the last byte of a frame fed one byte at a time', () => {
    const frame = request(0x1122334455667788n, ascii('hello'));
    const bytes = referenceEncode(frame);
    const decoder = new FrameDecoder();
    for (let i = 0; i < bytes.length - 1; i++) expect(decoder.push(bytes.subarray(i, i + 1)), `events after byte ${i + 1} of ${bytes.length}`).toEqual([]);
    expect(decoder.push(bytes.subarray(bytes.length - 1)).map(frameOf), 'events after the last byte').toEqual([summarize(frame)]);
  });

  it('gives every frame of one chunk, in order', () => {
    const frames = [request(1n, ascii('a')), { ...request(2n), event: true }, request(3n, new Uint8Array(0)), request(4n, ascii('dddd'))];
    expect(describeEvents(decodeAll([joinBytes(frames.map(referenceEncode))])), 'four frames in one chunk').toEqual(frames.map(frameEvent));
  });

  it('gives the same frames however the stream is cut (property)', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 500 }), { maxLength: 12 }), (frames, cuts) => {
        const chunks = cutAt(joinBytes(frames.map(referenceEncode)), cuts);
        expect(describeEvents(decodeAll(chunks)), `frames cut into chunks of ${chunks.map((c) => c.length).join(', ')} bytes`).toEqual(frames.map(frameEvent));
      }),
    );
  });

  it('reads a 100 KB body that arrives in 1000-byte chunks', () => {
    const frame = request(5n, Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 0xff));
    const bytes = referenceEncode(frame);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    expect(describeEvents(decodeAll(chunks)), 'one 100 KB frame').toEqual([frameEvent(frame)]);
  });

  it('keeps its own copy: reusing a chunk’s buffer afterwards changes no frame', () => {
    const frame = request(6n, ascii('keep me'));
    const bytes = referenceEncode(frame);
    const decoder = new FrameDecoder();
    const buffer = bytes.slice(0, 20);
    expect(decoder.push(buffer), 'half a frame').toEqual([]);
    buffer.fill(0); // a socket library may hand the same buffer back with new data
    const events = decoder.push(bytes.slice(20));
    expect(events.map(frameOf), 'the frame after its first 20 bytes were overwritten in the caller’s buffer').toEqual([summarize(frame)]);
    const whole = bytes.slice();
    const [event] = new FrameDecoder().push(whole);
    whole.fill(0);
    expect(frameOf(event), 'a frame decoded from one chunk, after the chunk was overwritten').toEqual(summarize(frame));
  });
});

describe('FrameDecoder limits and broken streams', () => {
  const before = request(1n, ascii('before'));
  const after = request(3n, ascii('after'));

  it('skips a body over maxBody, reports its header and length, and decodes the frames after it', () => {
    const big = request(2n, new Uint8Array(11).fill(0xee));
    const stream = joinBytes([before, big, after].map(referenceEncode));
    const { body: _, ...header } = big;
    expect(describeEvents(decodeAll([stream], 10)), 'maxBody 10: a 6-byte body, an 11-byte body, a 5-byte body').toEqual([
      frameEvent(before),
      { type: 'oversize', header: { ...header, id: '2' }, length: 11 },
      frameEvent(after),
    ]);
  });

  it('accepts a body of exactly maxBody bytes', () => {
    const exact = request(2n, new Uint8Array(10).fill(1));
    expect(describeEvents(decodeAll([referenceEncode(exact)], 10)), 'maxBody 10, body 10').toEqual([frameEvent(exact)]);
  });

  it('skips an oversize body however the stream is cut (property)', () => {
    const big = request(2n, new Uint8Array(300).fill(0xee));
    const stream = joinBytes([before, big, after].map(referenceEncode));
    fc.assert(
      fc.property(fc.array(fc.nat({ max: stream.length }), { maxLength: 10 }), (cuts) => {
        const events = describeEvents(decodeAll(cutAt(stream, cuts), 100));
        expect(events.map((e) => e.type), `maxBody 100, a 300-byte body, cut at ${[...cuts].sort((a, b) => a - b).join(', ')}`).toEqual(['frame', 'oversize', 'frame']);
        expect(events[2], 'the frame after the skipped body').toEqual(frameEvent(after));
      }),
    );
  });

  it('holds Dubbo’s default limit of 8 MiB, reporting a longer body as soon as its header arrives', () => {
    const claims = (length: number) => fromHex(`da bb c2 00 00 00 00 00 00 00 00 09 ${toHex(Uint8Array.of(length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255))}`);
    expect(new FrameDecoder().push(claims(DEFAULT_MAX_BODY)), 'a header announcing 8 MiB exactly: wait for the body').toEqual([]);
    expect(new FrameDecoder().push(claims(DEFAULT_MAX_BODY + 1)).map((e) => e.type), 'a header announcing 8 MiB + 1').toEqual(['oversize']);
    expect(new FrameDecoder().push(claims(2 ** 31)).map((e) => e.type), 'a header announcing 2^31 bytes (top bit set)').toEqual(['oversize']);
  });

  it('stops for good at a bad magic, after giving the frames before it', () => {
    const stream = joinBytes([referenceEncode(before), ascii('GET / HTTP/1.1\r\n\r\n'), referenceEncode(after)]);
    const decoder = new FrameDecoder();
    const events = describeEvents(decoder.push(stream));
    expect(events, 'a frame, then an HTTP request where the next frame should start').toEqual([frameEvent(before), { type: 'bad-magic', offset: 22, got: 0x4745 }]);
    expect(decoder.failed, 'failed after a bad magic').toBe(true);
    expect(decoder.push(referenceEncode(after)), 'a good frame pushed after the bad magic').toEqual([]);
    expect(decoder.end(), 'end() after a bad magic').toEqual([]);
  });

  it('finds a bad magic whose bytes arrive in separate chunks', () => {
    const decoder = new FrameDecoder();
    expect(decoder.failed, 'failed before anything arrived').toBe(false);
    const bytes = fromHex('da bc c2 00 00 00 00 00 00 00 00 01 00 00 00 00');
    expect(decoder.push(bytes.subarray(0, 1)), 'after the first byte (0xda, which could still be the magic)').toEqual([]);
    expect(decoder.push(bytes.subarray(1)), 'after the rest: da bc is not da bb').toEqual([{ type: 'bad-magic', offset: 0, got: 0xdabc }]);
  });

  it('reports the frame the stream ended inside, with the bytes it had and needed', () => {
    const bytes = referenceEncode(request(4n, ascii('0123456789')));
    expect(decodeAll([bytes.subarray(0, 5)]), 'the stream ended after 5 bytes of a header').toEqual([{ type: 'truncated', have: 5, need: 16 }]);
    expect(decodeAll([bytes.subarray(0, 18)]), 'the stream ended 2 bytes into a 10-byte body').toEqual([{ type: 'truncated', have: 18, need: 26 }]);
    expect(decodeAll([]), 'an empty stream').toEqual([]);
  });

  it('reports a stream that ended inside a body it was skipping', () => {
    const bytes = referenceEncode(request(4n, new Uint8Array(50)));
    expect(decodeAll([bytes.subarray(0, 30)], 20), 'maxBody 20; the stream ended 14 bytes into a 50-byte body').toEqual([
      { type: 'oversize', header: { request: true, twoWay: true, event: false, serialization: 2, status: 0, id: 4n }, length: 50 },
      { type: 'truncated', have: 30, need: 66 },
    ]);
  });

  it('never throws on random bytes, whatever the cuts (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), fc.boolean(), (bytes, cuts, magicFirst) => {
        const stream = magicFirst ? joinBytes([fromHex('da bb'), bytes]) : bytes;
        expect(() => decodeAll(cutAt(stream, cuts), 64), `bytes ${toHex(stream.subarray(0, 24))}…`).not.toThrow();
      }),
    );
  });
});
