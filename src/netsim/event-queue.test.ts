import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './event-queue.ts';

interface Item<T> {
  time: number;
  seq: number;
  value: T;
}

/** A queue of items numbered in push order, as the simulator numbers its events. */
function queue<T>() {
  const q = new EventQueue<Item<T>>();
  let seq = 0;
  return {
    q,
    push: (time: number, value: T) => q.push({ time, seq: seq++, value }),
  };
}

function drain<T>(q: EventQueue<Item<T>>): T[] {
  const out: T[] = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.value);
  return out;
}

describe('EventQueue', () => {
  it('pops in time order', () => {
    const { q, push } = queue<string>();
    push(30, 'c');
    push(10, 'a');
    push(20, 'b');
    expect(q.size).toBe(3);
    expect(q.peek()?.value).toBe('a');
    expect(drain(q)).toEqual(['a', 'b', 'c']);
    expect(q.pop()).toBeUndefined();
  });

  it('keeps equal times first in, first out', () => {
    const { q, push } = queue<number>();
    for (let i = 0; i < 100; i++) push(5, i);
    push(1, -1);
    expect(drain(q)).toEqual([-1, ...Array.from({ length: 100 }, (_, i) => i)]);
  });

  it('matches a stable sort by time for any pushes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const { q, push } = queue<number>();
        times.forEach((t, i) => push(t, i));
        const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t).map((x) => x.i);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('stays ordered when pushes and pops interleave (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant<'pop'>('pop')), { maxLength: 300 }),
        (ops) => {
          const { q, push } = queue<number>();
          const model: { t: number; seq: number }[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op === 'pop') {
              model.sort((a, b) => a.t - b.t || a.seq - b.seq);
              expect(q.pop()?.value).toBe(model.shift()?.seq);
            } else {
              push(op, seq);
              model.push({ t: op, seq: seq++ });
            }
          }
          expect(q.size).toBe(model.length);
        },
      ),
    );
  });

  it('rejects NaN times', () => {
    expect(() => new EventQueue().push({ time: Number.NaN, seq: 0 })).toThrow(/NaN/);
  });
});
