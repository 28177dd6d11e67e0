/**
 * Stage wrap32: 32-bit sequence numbers that start at a random ISN and wrap around
 * (RFC 9293 §3.4, §3.4.1), converted to and from absolute sequence numbers that
 * start at 0 and never wrap. The checkpoint makes unwrap unambiguous: a peer never
 * has anywhere near 2^31 sequence numbers in flight.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unwrap, wrap } from '@impl/wrap32.ts';

const SEE = 'RFC 9293 §3.4 (sequence numbers are modulo 2^32) and the chapter\'s "32-bit wrap" section';
const TWO_32 = 2 ** 32;
const TWO_31 = 2 ** 31;
/** Largest absolute number the lab promises to handle exactly (see wrap32.ts). */
const LARGEST = 2 ** 53 - TWO_32;

describe('wrap', () => {
  it('maps absolute sequence number 0 (the SYN) to the ISN', () => {
    expect(wrap(0, 0), 'wrap(0, isn 0)').toBe(0);
    expect(wrap(0, 123_456_789), 'wrap(0, isn 123456789)').toBe(123_456_789);
  });

  it('adds the ISN modulo 2^32', () => {
    expect(wrap(3, 10), 'wrap(3, 10)').toBe(13);
    expect(wrap(10, TWO_32 - 5), `wrap(10, 2^32 − 5): ${SEE}`).toBe(5);
  });

  it('wraps absolute numbers that have gone round the space many times', () => {
    expect(wrap(3 * TWO_32 + 17, 15), 'wrap(3·2^32 + 17, 15)').toBe(32);
    expect(wrap(TWO_32, 0), 'wrap(2^32, 0)').toBe(0);
    expect(wrap(2 ** 50 + 5, TWO_32 - 1), 'wrap(2^50 + 5, 2^32 − 1)').toBe(4);
  });

  it('stays exact near 2^53', () => {
    // 2^53 − 2^32 + 7 = 7 (mod 2^32); a sum computed before the modulo would lose the low bits.
    expect(wrap(LARGEST + 7, TWO_32 - 2), 'wrap(2^53 − 2^32 + 7, 2^32 − 2)').toBe(5);
  });

  it('always gives an integer in [0, 2^32) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LARGEST }), fc.integer({ min: 0, max: TWO_32 - 1 }), (n, isn) => {
        const seqno = wrap(n, isn);
        expect(Number.isInteger(seqno) && seqno >= 0 && seqno < TWO_32, `wrap(${n}, ${isn}) = ${seqno} is a 32-bit seqno`).toBe(true);
        expect(seqno, `wrap(${n}, ${isn})`).toBe(Number((BigInt(n) + BigInt(isn)) % BigInt(TWO_32)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('unwrap', () => {
  it('inverts wrap near the start of the connection', () => {
    expect(unwrap(1, 0, 0), 'unwrap(1, isn 0, checkpoint 0)').toBe(1);
    expect(unwrap(16, 16, 0), 'unwrap(isn, isn, 0): the SYN').toBe(0);
    expect(unwrap(123_456_800, 123_456_789, 0), 'unwrap(isn + 11, isn, 0)').toBe(11);
  });

  it('picks the candidate nearest the checkpoint, which may lie in the next turn of the space', () => {
    expect(unwrap(1, 0, TWO_32 - 1), `unwrap(1, 0, 2^32 − 1): ${SEE}`).toBe(TWO_32 + 1);
    expect(unwrap(5, TWO_32 - 10, TWO_32), 'unwrap(5, 2^32 − 10, 2^32): 15 after the ISN, one turn on').toBe(TWO_32 + 15);
  });

  it('picks the candidate just below the checkpoint when that is nearer', () => {
    expect(unwrap(TWO_32 - 2, 0, 3 * TWO_32), 'unwrap(2^32 − 2, 0, 3·2^32)').toBe(3 * TWO_32 - 2);
    expect(unwrap(TWO_32 - 1, 10, 3 * TWO_32), 'unwrap(2^32 − 1, 10, 3·2^32)').toBe(3 * TWO_32 - 11);
  });

  it('never returns a negative number', () => {
    expect(unwrap(15, 16, 0), 'unwrap(isn − 1, isn, 0): −1 is no sequence number, 2^32 − 1 is').toBe(TWO_32 - 1);
    expect(unwrap(TWO_32 - 1, 0, 0), 'unwrap(2^32 − 1, 0, 0)').toBe(TWO_32 - 1);
  });

  it('handles offsets of about 2^31 from the checkpoint', () => {
    expect(unwrap(0, TWO_31 - 1, 0), 'unwrap(0, 2^31 − 1, 0)').toBe(TWO_31 + 1);
    expect(unwrap(TWO_32 - 1, TWO_31 - 1, 0), 'unwrap(2^32 − 1, 2^31 − 1, 0)').toBe(TWO_31);
    expect(unwrap(TWO_32 - 1, TWO_31, 0), 'unwrap(2^32 − 1, 2^31, 0)').toBe(TWO_31 - 1);
  });

  it('works for checkpoints far beyond 2^32', () => {
    const checkpoint = 2 ** 52 + 12_345;
    expect(unwrap(wrap(checkpoint + 1000, 77), 77, checkpoint), 'a seqno 1000 past a checkpoint near 2^52').toBe(checkpoint + 1000);
    expect(unwrap(wrap(checkpoint - 1000, 77), 77, checkpoint), 'a seqno 1000 before it').toBe(checkpoint - 1000);
  });

  it('undoes wrap for any absolute number within 2^31 of the checkpoint (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 52 }),
        fc.integer({ min: -(TWO_31 - 1), max: TWO_31 - 1 }),
        fc.integer({ min: 0, max: TWO_32 - 1 }),
        (checkpoint, distance, isn) => {
          const n = Math.max(0, checkpoint + distance);
          expect(unwrap(wrap(n, isn), isn, checkpoint), `unwrap(wrap(${n}, ${isn}), ${isn}, ${checkpoint})`).toBe(n);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('always returns an absolute number that wraps back to the seqno, within 2^31 of the checkpoint (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TWO_32 - 1 }), fc.integer({ min: 0, max: TWO_32 - 1 }), fc.integer({ min: 0, max: 2 ** 52 }), (seqno, isn, checkpoint) => {
        const n = unwrap(seqno, isn, checkpoint);
        expect(Number.isInteger(n) && n >= 0, `unwrap(${seqno}, ${isn}, ${checkpoint}) = ${n} is a non-negative integer`).toBe(true);
        expect(wrap(n, isn), `wrap(unwrap(${seqno}, ${isn}, ${checkpoint}))`).toBe(seqno);
        // Below the checkpoint's first 2^31 the nearest candidate may be above by more: 0 is the floor.
        if (checkpoint >= TWO_31) expect(Math.abs(n - checkpoint), `distance of ${n} from checkpoint ${checkpoint}`).toBeLessThanOrEqual(TWO_31);
      }),
      { numRuns: 1000 },
    );
  });
});
