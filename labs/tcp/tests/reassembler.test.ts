/**
 * Stage reassembler: substrings of a stream arrive out of order, overlapping and
 * duplicated, as TCP segments do; the reassembler pushes each byte as soon as all
 * bytes before it are known, holds what fits in the capacity, and discards the rest
 * (RFC 9293 §3.4, §3.8.6; the chapter's "four regions of the receive buffer").
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectBytes } from '@lab-kit';
import { ByteStream } from '@impl/byte-stream.ts';
import { Reassembler } from '@impl/reassembler.ts';
import { drain, seededBytes } from './fixtures/bytes.ts';
import { ReassemblerHarness } from './fixtures/reassembler-harness.ts';
import { ReassemblerModel } from './fixtures/reassembler-model.ts';

const ORDER = 'RFC 9293 §3.4: segments are put back in sequence order';
const WINDOW = 'RFC 9293 §3.8.6: bytes beyond the window (the free capacity) are not kept';
const END = 'the stream ends after the last substring; close the output once every byte up to it is pushed';

describe('Reassembler', () => {
  it('pushes bytes that arrive in order at once', () => {
    new ReassemblerHarness('in order')
      .insert(0, 'abc')
      .expectState({ pushed: 3, pending: 0 }, ORDER)
      .insert(3, 'def')
      .expectRead('abcdef', ORDER);
  });

  it('holds a substring after a gap, and pushes both when the gap is filled', () => {
    new ReassemblerHarness('one gap')
      .insert(3, 'def')
      .expectState({ pushed: 0, pending: 3 }, ORDER)
      .expectRead('', ORDER)
      .insert(0, 'abc')
      .expectState({ pushed: 6, pending: 0 }, ORDER)
      .expectRead('abcdef', ORDER);
  });

  it('reassembles pieces that arrive in reverse order', () => {
    new ReassemblerHarness('reverse')
      .insert(8, 'ij')
      .insert(4, 'efgh')
      .insert(1, 'bcd')
      .expectState({ pending: 9, pushed: 0 })
      .insert(0, 'a')
      .expectState({ pending: 0, pushed: 10 })
      .expectRead('abcdefghij', ORDER);
  });

  it('counts overlapping bytes once in bytesPending', () => {
    new ReassemblerHarness('overlap')
      .insert(2, 'cdef')
      .insert(4, 'efgh')
      .expectState({ pending: 6 }, 'bytes 4 and 5 arrived twice but are held once')
      .insert(1, 'bcdefghi')
      .expectState({ pending: 8 }, 'one substring covering both pieces and a byte on each side')
      .insert(0, 'a')
      .expectRead('abcdefghi', ORDER);
  });

  it('ignores duplicates, pending or already pushed', () => {
    new ReassemblerHarness('duplicates')
      .insert(0, 'abcd')
      .insert(0, 'abcd')
      .insert(6, 'gh')
      .insert(6, 'gh')
      .expectState({ pushed: 4, pending: 2 })
      .expectRead('abcd')
      .insert(0, 'abcd')
      .expectState({ pushed: 4, pending: 2 }, 'bytes already pushed (and even read) are old news')
      .insert(4, 'ef')
      .expectRead('efgh');
  });

  it('keeps the new tail of a substring that starts before the bytes already pushed', () => {
    new ReassemblerHarness('old head, new tail')
      .insert(0, 'abcd')
      .expectRead('abcd')
      .insert(2, 'cdefg')
      .expectState({ pushed: 7, pending: 0 }, 'bytes 2–3 were pushed already; 4–6 are new')
      .expectRead('efg');
  });

  it('fills several gaps at once with one substring that spans held pieces', () => {
    new ReassemblerHarness('one substring across gaps and pieces')
      .insert(1, 'b')
      .insert(3, 'd')
      .insert(5, 'f')
      .expectState({ pending: 3 })
      .insert(0, 'abcdefg')
      .expectState({ pending: 0, pushed: 7 })
      .expectRead('abcdefg');
  });

  it('discards bytes beyond the capacity, and accepts them once the reader has made room', () => {
    new ReassemblerHarness('capacity 8', 8)
      .insert(0, 'abcdefghij')
      .expectState({ pushed: 8, pending: 0 }, `${WINDOW}: the last 2 bytes do not fit`)
      .insert(8, 'ij')
      .expectState({ pushed: 8, pending: 0 }, `${WINDOW}: still no room until the reader pops`)
      .expectRead('abcdefgh')
      .insert(8, 'ij')
      .expectRead('ij');
  });

  it('measures the window from what the reader has popped, not from what was pushed', () => {
    new ReassemblerHarness('capacity 4, reader behind', 4)
      .insert(0, 'ab')
      .insert(3, 'dXY')
      .expectState({ pending: 1, pushed: 2 }, `${WINDOW}: first unacceptable index = 0 popped + 4 capacity = 4, so only index 3 is kept`)
      .insert(2, 'c')
      .expectState({ pushed: 4, pending: 0 })
      .expectRead('abcd')
      .insert(4, 'XY')
      .expectState({ pushed: 6 }, `${WINDOW}: after 4 bytes popped the window reaches index 8`)
      .expectRead('XY');
  });

  it('holds out-of-order bytes only inside the window', () => {
    new ReassemblerHarness('capacity 6', 6)
      .insert(4, 'efgh')
      .expectState({ pending: 2 }, `${WINDOW}: of indices 4–7 only 4–5 are below 6`)
      .insert(0, 'abcd')
      .expectRead('abcdef')
      .insert(6, 'gh')
      .expectRead('gh');
  });

  it('closes the output once the last substring and every byte before it are in', () => {
    new ReassemblerHarness('end')
      .insert(0, 'abc')
      .insert(3, 'def', true)
      .expectState({ closed: true, pushed: 6 }, END)
      .expectRead('abcdef');
  });

  it('pushes nothing past the end of the stream, even from a substring that arrives in order', () => {
    new ReassemblerHarness('bytes beyond the last substring')
      .insert(0, 'ab')
      .insert(3, 'd', true)
      .insert(1, 'bcdefg')
      .expectState({ closed: true, pushed: 4 }, `${END}: the stream ends where the last substring ended; 'efg' lies beyond it`)
      .expectRead('abcd');
  });

  it('waits for the gaps before closing when the last substring comes first', () => {
    new ReassemblerHarness('end first')
      .insert(6, 'ghi', true)
      .expectState({ closed: false, pending: 3 }, END)
      .insert(0, 'abc')
      .expectState({ closed: false, pushed: 3 }, END)
      .insert(3, 'def')
      .expectState({ closed: true, pushed: 9 }, END)
      .expectRead('abcdefghi');
  });

  it('closes at once on an empty last substring at the end of what was pushed', () => {
    new ReassemblerHarness('empty last substring')
      .insert(0, 'abc')
      .insert(3, '', true)
      .expectState({ closed: true, pushed: 3 }, END);
  });

  it('closes an empty stream on an empty last substring at index 0', () => {
    new ReassemblerHarness('empty stream').insert(0, '', true).expectState({ closed: true, pushed: 0 }, END);
  });

  it('knows where the stream ends even when the last substring did not fit, and closes once the rest arrives again', () => {
    new ReassemblerHarness('truncated last substring', 4)
      .insert(0, 'abcdef', true)
      .expectState({ pushed: 4, closed: false }, `${END}; bytes 4–5 did not fit`)
      .expectRead('abcd')
      .insert(4, 'ef')
      .expectState({ pushed: 6, closed: true }, `${END}: the end was known from the first insert`)
      .expectRead('ef');
  });

  it('stores its own copy of held bytes: the caller may reuse its buffer', () => {
    const stream = new ByteStream(64);
    const reassembler = new Reassembler(stream);
    const buffer = Uint8Array.of(0x64, 0x65, 0x66);
    reassembler.insert(3, buffer, false);
    buffer.fill(0); // the network stack reuses its receive buffer
    reassembler.insert(0, Uint8Array.of(0x61, 0x62, 0x63), false);
    expectBytes(drain(stream), Uint8Array.of(0x61, 0x62, 0x63, 0x64, 0x65, 0x66), { what: 'the reassembled stream', see: 'keep a copy of what you store' });
  });

  it('agrees with a simple model for any sequence of inserts and reads (property)', () => {
    const scenario = fc
      .record({ length: fc.integer({ min: 1, max: 120 }), capacity: fc.integer({ min: 1, max: 130 }), seed: fc.integer() })
      .chain(({ length, capacity, seed }) =>
        fc.record({
          length: fc.constant(length),
          capacity: fc.constant(capacity),
          seed: fc.constant(seed),
          ops: fc.array(
            fc.oneof(
              { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), start: fc.nat(length - 1), size: fc.nat(30) }) },
              { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), n: fc.nat(40) }) },
            ),
            { maxLength: 80 },
          ),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ length, capacity, seed, ops }) => {
        const data = seededBytes(seed, length);
        const stream = new ByteStream(capacity);
        const reassembler = new Reassembler(stream);
        const model = new ReassemblerModel(capacity);
        const steps: string[] = [];
        for (const op of ops) {
          if (op.kind === 'insert') {
            const end = Math.min(length, op.start + op.size);
            const last = end === length;
            steps.push(`insert(${op.start}, ${end - op.start} bytes${last ? ', last' : ''})`);
            reassembler.insert(op.start, data.slice(op.start, end), last);
            model.insert(op.start, data.subarray(op.start, end), last);
          } else {
            steps.push(`read ${op.n}`);
            const expected = data.slice(model.popped, Math.min(model.popped + op.n, model.pushed));
            const got = drain(stream, op.n);
            expect(Array.from(got), `bytes read after ${steps.join('; ')}`).toEqual(Array.from(expected));
            model.pop(op.n);
          }
          expect(
            { bytesPushed: stream.bytesPushed, bytesPending: reassembler.bytesPending, closed: stream.isClosed },
            `after ${steps.join('; ')} (stream of ${length} bytes, capacity ${capacity})`,
          ).toEqual({ bytesPushed: model.pushed, bytesPending: model.pending, closed: model.closed });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds a 64 KiB stream from overlapping pieces in any order (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 5, maxLength: 60 }), (seed, cuts) => {
        const data = seededBytes(seed, 65536);
        // Pieces that overlap their neighbours by up to 100 bytes, delivered in a shuffled order.
        const pieces: [number, number][] = [];
        let at = 0;
        for (let i = 0; at < data.length; i++) {
          const size = cuts[i % cuts.length]! * 4;
          const start = Math.max(0, at - (size % 101));
          pieces.push([start, Math.min(data.length, at + size)]);
          at += size;
        }
        const order = pieces.map((_, i) => i).sort((a, b) => ((a * 2654435761 + seed) >>> 0) % 997 - ((b * 2654435761 + seed) >>> 0) % 997);
        const stream = new ByteStream(65536);
        const reassembler = new Reassembler(stream);
        for (const i of order) {
          const [start, end] = pieces[i]!;
          reassembler.insert(start, data.subarray(start, end), end === data.length);
        }
        expect(stream.isClosed, 'closed once every piece is in').toBe(true);
        expect(reassembler.bytesPending, 'nothing left pending').toBe(0);
        expectBytes(drain(stream), data, { what: `the stream rebuilt from ${pieces.length} pieces (seed ${seed})` });
      }),
      { numRuns: 40 },
    );
  });
});
