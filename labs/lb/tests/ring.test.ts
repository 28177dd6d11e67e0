/**
 * Stage ring: a ketama ring, checked key for key against the `hashring`
 * package (recorded in fixtures/ketama-golden.ts by capture-ketama.ts; the
 * course checks the recording against the library), and for the property
 * consistent hashing exists for: when a server leaves, only its keys move.
 */
import { describe, expect, it } from 'vitest';
import { md5 } from '@impl/hash.ts';
import { HashRing, digestPoints, keyPosition } from '@impl/hash-ring.ts';
import { KETAMA_CASES } from './fixtures/ketama-cases.ts';
import { KETAMA_GOLDEN } from './fixtures/ketama-golden.ts';
import { maxOverMean } from './fixtures/reference-pickers.ts';

const SEE = 'the chapter, "Consistent hashing on a ring"; libketama\'s ketama_get_server';

function ringFor(backends: Record<string, number>): HashRing {
  return new HashRing(Object.entries(backends).map(([name, weight]) => ({ name, weight })));
}

describe('digestPoints and keyPosition', () => {
  it('cuts MD5("") = d41d8cd9 8f00b204 e9800998 ecf8427e into four little-endian numbers', () => {
    expect(digestPoints(md5('')), 'RFC 1321 §A.5 test suite; ketama reads each 4 bytes lowest first').toEqual([0xd98c1dd4, 0x04b2008f, 0x980980e9, 0x7e42f8ec]);
  });

  it('places a key at the first of its digest\'s points', () => {
    expect(keyPosition('abc'), 'MD5("abc") = 90015098 3cd24fb0 …').toBe(0x98500190);
  });
});

describe('HashRing against hashring', () => {
  for (const golden of KETAMA_GOLDEN) {
    const config = KETAMA_CASES.find((c) => c.name === golden.name)!;
    it(`${golden.name}: the same ${golden.pointCount} points, starting as hashring's do`, () => {
      const ring = ringFor(config.backends);
      expect(ring.points().length, 'points on the ring (4 per digest)').toBe(golden.pointCount);
      expect(ring.points().slice(0, golden.firstPoints.length), `the lowest points; ${SEE}`).toEqual(golden.firstPoints);
    });

    it(`${golden.name}: every one of ${config.keys.length} keys goes to the server hashring chooses`, () => {
      const ring = ringFor(config.backends);
      const wrong = config.keys.filter((key) => ring.get(key) !== golden.owners[key]);
      const shown = wrong.slice(0, 5).map((key) => `${key}: expected ${golden.owners[key]}, got ${ring.get(key)} (position ${keyPosition(key)})`);
      expect(shown, `${wrong.length} keys differ; ${SEE}`).toEqual([]);
    });
  }
});

describe('HashRing', () => {
  it('sends a key exactly on a point to that point, and a key past the last point to the first', () => {
    const ring = new HashRing(['a', 'b', 'c'], { vnodes: 8 });
    const points = ring.points();
    for (const p of points) expect(points.filter((q) => q.position < p.position).length).toBe(points.indexOf(p));
    // Find keys whose positions fall past the last point (wrap) and exactly between two points.
    const last = points[points.length - 1]!.position;
    let wrapped = 0;
    for (let i = 0; i < 4000 && wrapped < 3; i++) {
      const key = `k${i}`;
      const position = keyPosition(key);
      const owner = position > last ? points[0]!.backend : points.find((p) => p.position >= position)!.backend;
      if (position > last) wrapped++;
      expect(ring.get(key), `key ${key} at ${position}; the next point clockwise`).toBe(owner);
    }
    expect(wrapped, 'keys past the last point were tried').toBeGreaterThan(0);
    // "b-3" hashes to the first point of b's digest number 3: a key exactly on a point belongs to it.
    for (const name of ['a', 'b', 'c']) expect(ring.get(`${name}-3`), `key "${name}-3" sits exactly on one of ${name}'s points`).toBe(name);
  });

  it('moves only the leaving server\'s keys, about 1/N of them', () => {
    const names = Array.from({ length: 10 }, (_, i) => `10.1.0.${i + 1}:11211`);
    const before = new HashRing(names);
    const after = new HashRing(names.filter((n) => n !== '10.1.0.4:11211'));
    let moved = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = `order:${i}`;
      const was = before.get(key);
      const now = after.get(key);
      if (was !== now) {
        moved++;
        expect(was, `${key} moved from ${was} to ${now}, but only 10.1.0.4's keys may move`).toBe('10.1.0.4:11211');
      }
    }
    expect(moved / 20_000, 'fraction of keys moved when 1 of 10 servers leaves').toBeGreaterThan(0.05);
    expect(moved / 20_000).toBeLessThan(0.15);
  });

  it('keeps 10 equal servers within 25 % of the mean with 160 points each', () => {
    const names = Array.from({ length: 10 }, (_, i) => `10.1.0.${i + 1}:11211`);
    const ring = new HashRing(names);
    const counts = new Map(names.map((n) => [n, 0]));
    for (let i = 0; i < 50_000; i++) counts.set(ring.get(`order:${i}`), counts.get(ring.get(`order:${i}`))! + 1);
    expect(maxOverMean(counts.values())).toBeLessThan(1.25);
  });

  it('refuses an empty list, a repeated name and a weight that is not positive', () => {
    expect(() => new HashRing([])).toThrow(/HashRing: needs at least one backend/);
    expect(() => new HashRing(['a', 'a'])).toThrow(/backend "a" is listed twice/);
    expect(() => new HashRing([{ name: 'a', weight: 0 }])).toThrow(/backend "a" has weight 0/);
  });
});
