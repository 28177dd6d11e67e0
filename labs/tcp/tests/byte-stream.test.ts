/**
 * Stage byte-stream: a bounded in-memory byte pipe, the buffer at each end of a
 * TCP connection. Its capacity is what the receiver can advertise as its window
 * (RFC 9293 §3.8.6), so "accepts only what fits" is the whole point.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectBytes } from '@lab-kit';
import { ByteStream } from '@impl/byte-stream.ts';
import { bytes, drain, text } from './fixtures/bytes.ts';

const SEE = 'the chapter\'s "byte stream" section; RFC 9293 §3.8.6 (the window is free buffer space)';

/** Counters of a stream in one object, so a failure shows them all. */
function counters(stream: ByteStream) {
  return {
    bytesPushed: stream.bytesPushed,
    bytesPopped: stream.bytesPopped,
    bytesBuffered: stream.bytesBuffered,
    availableCapacity: stream.availableCapacity,
    isClosed: stream.isClosed,
    isFinished: stream.isFinished,
    hasError: stream.hasError,
  };
}

describe('ByteStream', () => {
  it('starts empty and open, offering its whole capacity', () => {
    const stream = new ByteStream(15);
    expect(counters(stream), 'a new stream of capacity 15').toEqual({
      bytesPushed: 0,
      bytesPopped: 0,
      bytesBuffered: 0,
      availableCapacity: 15,
      isClosed: false,
      isFinished: false,
      hasError: false,
    });
    expect(stream.peek().length, 'peek() of an empty stream shows no bytes').toBe(0);
  });

  it('accepts only what fits in the available capacity, and says how much it took', () => {
    const stream = new ByteStream(15);
    expect(stream.push(bytes('cat')), 'push("cat") into 15 free bytes').toBe(3);
    expect(stream.push(bytes('tac and then some more')), 'push of 22 bytes with 12 free').toBe(12);
    expect(counters(stream), 'after filling the stream').toMatchObject({ bytesPushed: 15, bytesBuffered: 15, availableCapacity: 0 });
    expect(stream.push(bytes('x')), 'push into a full stream').toBe(0);
    expect(text(drain(stream)), 'the stream keeps the first 15 bytes offered, in order').toBe('cattac and then');
  });

  it('gives the bytes back in order through peek and pop', () => {
    const stream = new ByteStream(64);
    stream.push(bytes('hello, '));
    stream.push(bytes('world'));
    const first = stream.peek();
    expect(first.length, 'peek() shows at least one byte when bytes are buffered').toBeGreaterThan(0);
    expect(text(first), 'peek() shows the oldest bytes first').toBe('hello, world'.slice(0, first.length));
    stream.pop(3);
    expect(counters(stream), 'after pop(3)').toMatchObject({ bytesPopped: 3, bytesBuffered: 9, availableCapacity: 55 });
    expect(text(drain(stream)), 'what is left').toBe('lo, world');
  });

  it('frees capacity as bytes are popped, and stays correct over many wrap-arounds', () => {
    // A small capacity and odd sizes push the data across the end of any internal ring many times.
    const stream = new ByteStream(7);
    let written = '';
    let read = '';
    for (let round = 0; round < 200; round++) {
      const chunk = String.fromCharCode(97 + (round % 26)).repeat(1 + (round % 5));
      const taken = stream.push(bytes(chunk));
      written += chunk.slice(0, taken);
      read += text(drain(stream, 1 + (round % 4)));
    }
    read += text(drain(stream));
    expect(read.length, 'bytes read equal bytes accepted').toBe(written.length);
    expect(read, 'every byte comes out in the order it went in').toBe(written);
    expect(stream.bytesPushed, 'bytesPushed counts every byte ever accepted').toBe(written.length);
    expect(stream.bytesPopped, 'bytesPopped counts every byte ever popped').toBe(written.length);
  });

  it('copies pushed bytes: changing the caller\'s array afterwards changes nothing in the stream', () => {
    const stream = new ByteStream(16);
    const buffer = bytes('abcd');
    stream.push(buffer);
    buffer.fill(0x7a); // the caller reuses its buffer, as a network stack does
    expectBytes(drain(stream), bytes('abcd'), { what: 'the bytes read after the pusher reused its array', see: SEE });
  });

  it('pops everything buffered when asked for more than there is', () => {
    const stream = new ByteStream(10);
    stream.push(bytes('abc'));
    stream.pop(100);
    expect(counters(stream), 'after pop(100) with 3 bytes buffered').toMatchObject({ bytesPopped: 3, bytesBuffered: 0, availableCapacity: 10 });
  });

  it('ignores an empty push and a pop of zero', () => {
    const stream = new ByteStream(10);
    expect(stream.push(new Uint8Array(0)), 'push of nothing').toBe(0);
    stream.push(bytes('ab'));
    stream.pop(0);
    expect(counters(stream), 'after an empty push and pop(0)').toMatchObject({ bytesPushed: 2, bytesPopped: 0, bytesBuffered: 2 });
  });

  it('is closed at once by close(), but finished only once every byte has been popped', () => {
    const stream = new ByteStream(10);
    stream.push(bytes('bye'));
    stream.close();
    expect({ isClosed: stream.isClosed, isFinished: stream.isFinished }, 'closed with 3 bytes unread').toEqual({ isClosed: true, isFinished: false });
    stream.pop(2);
    expect(stream.isFinished, 'closed with 1 byte unread').toBe(false);
    stream.pop(1);
    expect(stream.isFinished, 'closed and drained: the reader has seen the end').toBe(true);
  });

  it('finishes an empty stream as soon as it is closed', () => {
    const stream = new ByteStream(10);
    stream.close();
    expect(stream.isFinished, 'closed with nothing ever pushed').toBe(true);
  });

  it('accepts nothing after close', () => {
    const stream = new ByteStream(10);
    stream.push(bytes('ab'));
    stream.close();
    expect(stream.push(bytes('cd')), 'push after close').toBe(0);
    expect(counters(stream), 'after the refused push').toMatchObject({ bytesPushed: 2, bytesBuffered: 2 });
    expect(text(drain(stream)), 'only the bytes pushed before close').toBe('ab');
  });

  it('reports an error set by either side', () => {
    const stream = new ByteStream(10);
    stream.push(bytes('abc'));
    expect(stream.hasError, 'before setError').toBe(false);
    stream.setError();
    expect(stream.hasError, 'after setError (a reset connection, RFC 9293 §3.5.3)').toBe(true);
  });

  it('works with a capacity of one byte', () => {
    const stream = new ByteStream(1);
    let out = '';
    for (const c of 'tcp') {
      expect(stream.push(bytes(c + c)), `push("${c}${c}") into one free byte`).toBe(1);
      out += text(drain(stream));
    }
    expect(out, 'one byte at a time').toBe('tcp');
  });

  it('holds exactly its capacity in one push of a large array', () => {
    const stream = new ByteStream(65536);
    const data = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
    expect(stream.push(data), 'push of 100000 bytes into 65536').toBe(65536);
    expectBytes(drain(stream), data.subarray(0, 65536), { what: 'the 65536 bytes read back', see: SEE });
  });

  it('behaves like a queue of bytes bounded by its capacity, for any sequence of pushes and pops (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), data: fc.uint8Array({ maxLength: 40 }) }),
      fc.record({ kind: fc.constant('pop' as const), n: fc.nat(50) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const stream = new ByteStream(capacity);
        const model: number[] = [];
        let pushed = 0;
        let popped = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const fits = Math.min(o.data.length, capacity - model.length);
            expect(stream.push(o.data), `push of ${o.data.length} bytes with ${capacity - model.length} free`).toBe(fits);
            model.push(...o.data.subarray(0, fits));
            pushed += fits;
          } else {
            const n = Math.min(o.n, model.length);
            const got = drain(stream, n);
            expect(Array.from(got), `the next ${n} bytes`).toEqual(model.splice(0, n));
            popped += n;
          }
          expect(counters(stream), 'counters after the step').toMatchObject({
            bytesPushed: pushed,
            bytesPopped: popped,
            bytesBuffered: model.length,
            availableCapacity: capacity - model.length,
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});
