/**
 * Stage maglev: Maglev's lookup table against the NSDI 2016 paper (its worked
 * example, Tables 1 and 2, and Pseudocode 1 written apart in the fixtures)
 * and its properties (balance within one entry, little disruption); jump
 * consistent hash against published outputs of the 2014 paper's function.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fnv1a32, fnv1a64 } from '@impl/hash.ts';
import { MaglevTable, defaultPreference } from '@impl/maglev.ts';
import { DEFAULT_TABLE_SIZE } from '@impl/maglev-types.ts';
import { jumpHash } from '@impl/jump-hash.ts';
import { JUMP_VECTORS, PAPER_EXAMPLE, paperJump, paperPopulate } from './fixtures/maglev-reference.ts';

const SEE_MAGLEV = 'Eisenbud et al., "Maglev", NSDI 2016, §3.4 and Pseudocode 1';
const SEE_JUMP = 'Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014, Figure 1';
const paperPreference = (name: string) => PAPER_EXAMPLE.prefs[name]!;
const names = (n: number, prefix = 'backend-') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('MaglevTable', () => {
  it('fills the paper\'s Table 2 for B0, B1, B2 with M = 7', () => {
    const table = new MaglevTable(['B0', 'B1', 'B2'], PAPER_EXAMPLE.size, paperPreference);
    expect([...table.entries], `Table 2, "Before"; ${SEE_MAGLEV}`).toEqual(PAPER_EXAMPLE.before);
  });

  it('fills Table 2\'s "After" column once B1 is removed', () => {
    const table = new MaglevTable(['B0', 'B2'], PAPER_EXAMPLE.size, paperPreference);
    expect([...table.entries], `Table 2, "After"; ${SEE_MAGLEV}`).toEqual(PAPER_EXAMPLE.afterB1Leaves);
  });

  it('builds the same table as the paper\'s Pseudocode 1 for any offsets and skips', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 13, 31, 101),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (M, raw) => {
          const prefs = raw.map(([o, s]) => ({ offset: o % M, skip: (s % (M - 1)) + 1 }));
          const backends = prefs.map((_, i) => `b${i}`);
          const table = new MaglevTable(backends, M, (name) => prefs[Number(name.slice(1))]!);
          expect([...table.entries], `M = ${M}, preferences ${JSON.stringify(prefs)}; ${SEE_MAGLEV}`).toEqual(paperPopulate(prefs, M).map((i) => backends[i]));
        },
      ),
    );
  });

  it('takes offset = h1 mod M and skip = h2 mod (M − 1) + 1 from the two given hashes', () => {
    for (const name of ['10.0.0.1', 'backend-7', 'rs3']) {
      expect(defaultPreference(name, 65537), name).toEqual({ offset: fnv1a32(name) % 65537, skip: (fnv1a32(name, 0x01000193) % 65536) + 1 });
    }
  });

  it('gives each of 7 backends ⌊M/N⌋ or ⌈M/N⌉ of the 65,537 entries (within 1 % of M/N)', () => {
    const table = new MaglevTable(names(7));
    expect(table.entries.length).toBe(DEFAULT_TABLE_SIZE);
    const counts = new Map<string, number>();
    for (const e of table.entries) counts.set(e, (counts.get(e) ?? 0) + 1);
    expect(counts.size).toBe(7);
    for (const [b, c] of counts) expect([9362, 9363], `${b} owns ${c} entries; ${SEE_MAGLEV}, "balance"`).toContain(c);
  });

  it('when one of 20 backends leaves, moves its own entries and less than 3 % of the others\' (minimal disruption)', () => {
    const backends = names(20);
    const before = new MaglevTable(backends, 65537);
    const after = new MaglevTable(backends.filter((b) => b !== 'backend-11'), 65537);
    let others = 0;
    let churn = 0;
    for (let i = 0; i < 65537; i++) {
      if (before.entries[i] === 'backend-11') expect(after.entries[i]).not.toBe('backend-11');
      else {
        others++;
        if (before.entries[i] !== after.entries[i]) churn++;
      }
    }
    expect(churn / others, `share of surviving backends' entries that changed owner; ${SEE_MAGLEV}, Figure 9`).toBeLessThan(0.03);
  });

  it('looks a flow up at entries[hash mod M]', () => {
    const table = new MaglevTable(['B0', 'B1', 'B2'], 7, paperPreference);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 15, 0xffffffff].map((h) => table.lookup(h))).toEqual(['B1', 'B0', 'B1', 'B0', 'B2', 'B2', 'B0', 'B1', 'B0', PAPER_EXAMPLE.before[0xffffffff % 7]]);
  });

  it('refuses no backends, a repeated backend, and a size that is not a prime above the number of backends', () => {
    expect(() => new MaglevTable([])).toThrow(/MaglevTable: needs at least one backend/);
    expect(() => new MaglevTable(['a', 'a'], 7)).toThrow(/listed twice/);
    for (const size of [8, 9, 1, 3, 7.5]) expect(() => new MaglevTable(['a', 'b', 'c'], size), `size ${size}`).toThrow(`size ${size} must be a prime larger than the number of backends`);
    expect(new MaglevTable(['a', 'b'], 3).entries.length).toBe(3);
    expect(new MaglevTable(['a'], 2, () => ({ offset: 1, skip: 1 })).entries, 'one backend, M = 2, the smallest prime').toEqual(['a', 'a']);
  });
});

describe('jumpHash', () => {
  it('gives the published outputs of the paper\'s function', () => {
    for (const [key, buckets, bucket] of JUMP_VECTORS) expect(jumpHash(key, buckets), `jumpHash(${key}, ${buckets}); ${SEE_JUMP}`).toBe(bucket);
  });

  it('agrees with the paper\'s listing for any 64-bit key and up to 10,000 buckets', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 10_000 }), (key, buckets) => {
        expect(jumpHash(key, buckets), `jumpHash(${key}n, ${buckets}); ${SEE_JUMP}`).toBe(paperJump(key, buckets));
      }),
    );
  });

  it('carries into the high 32 bits when the generator\'s low half wraps on the + 1', () => {
    // 0x666313ab × the multiplier's low half ≡ 2^32 − 1 (mod 2^32): adding 1 carries out of the low 32 bits;
    // 0xccc62756 gives 2^32 − 2, one short of a carry.
    for (const high of [0n, 1n, 0x12345678n, 0xffffffffn]) for (const low of [0x666313abn, 0xccc62756n]) {
      const key = (high << 32n) | low;
      for (const buckets of [100, 10_000]) expect(jumpHash(key, buckets), `jumpHash(${key}n, ${buckets}); ${SEE_JUMP}`).toBe(paperJump(key, buckets));
    }
  });

  it('moves a key only to the new bucket when one is added, and about 1/N of the keys', () => {
    let moved = 0;
    for (let i = 0; i < 10_000; i++) {
      const key = fnv1a64(`order:${i}`);
      const before = jumpHash(key, 9);
      const after = jumpHash(key, 10);
      if (before !== after) {
        moved++;
        expect(after, `order:${i} moved from ${before} to ${after}; only bucket 9 is new`).toBe(9);
      }
    }
    expect(moved / 10_000).toBeGreaterThan(0.08);
    expect(moved / 10_000).toBeLessThan(0.12);
  });

  it('refuses a negative or too large key and a bucket count below 1', () => {
    expect(() => jumpHash(-1n, 3)).toThrow(/key -1 is not an unsigned 64-bit number/);
    expect(() => jumpHash(1n << 64n, 3)).toThrow(/is not an unsigned 64-bit number/);
    expect(jumpHash((1n << 64n) - 1n, 10), 'the largest key is allowed').toBe(paperJump((1n << 64n) - 1n, 10));
    for (const b of [0, -1, 1.5]) expect(() => jumpHash(1n, b), `buckets ${b}`).toThrow(`buckets ${b} must be a whole number`);
  });
});
