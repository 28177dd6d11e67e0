/**
 * Stage maglev: Maglev's lookup table (Eisenbud et al., "Maglev: A Fast and
 * Reliable Software Network Load Balancer", NSDI 2016, §3.4). Every backend
 * gets a permutation of the table's M slots from two hashes of its name; the
 * backends then take turns claiming their next free preferred slot until the
 * table is full. Each backend ends up with ⌊M/N⌋ or ⌈M/N⌉ slots, and when one
 * leaves, few slots change owner among the rest. A flow's hash modulo M picks
 * its slot.
 */
import { fnv1a32 } from '@impl/hash.ts';
import { DEFAULT_TABLE_SIZE, type PreferenceFunction } from '@impl/maglev-types.ts';

/** Two FNV-1a hashes with different bases stand in for the paper's h1 and h2: h1 = fnv1a32(name), h2 = fnv1a32(name, 0x01000193). */
export const defaultPreference: PreferenceFunction = (backend, size) => ({
  offset: fnv1a32(backend) % size,
  skip: (fnv1a32(backend, 0x01000193) % (size - 1)) + 1,
});

function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** A Maglev lookup table. */
export class MaglevTable {
  /** Slot → backend. */
  readonly entries: readonly string[];

  /**
   * Builds the table for `backends` (in this order: it decides who claims
   * first). Throws RangeError for an empty list, a repeated name, or a size
   * that is not a prime larger than the number of backends.
   */
  constructor(backends: readonly string[], size = DEFAULT_TABLE_SIZE, preference: PreferenceFunction = defaultPreference) {
    if (backends.length === 0) throw new RangeError('MaglevTable: needs at least one backend');
    if (new Set(backends).size !== backends.length) throw new RangeError('MaglevTable: a backend is listed twice');
    if (!isPrime(size) || size <= backends.length) throw new RangeError(`MaglevTable: size ${size} must be a prime larger than the number of backends`);
    const prefs = backends.map((b) => preference(b, size));
    const next = backends.map(() => 0);
    const entries = new Array<string | undefined>(size).fill(undefined);
    // Paper, Pseudocode 1: each backend in turn takes its next preferred slot that is still free.
    let filled = 0;
    for (;;) {
      for (let i = 0; i < backends.length; i++) {
        const { offset, skip } = prefs[i]!;
        let slot = (offset + next[i]! * skip) % size;
        while (entries[slot] !== undefined) {
          next[i]!++;
          slot = (offset + next[i]! * skip) % size;
        }
        entries[slot] = backends[i]!;
        next[i]!++;
        if (++filled === size) {
          this.entries = entries as string[];
          return;
        }
      }
    }
  }

  /** The backend for a flow whose hash is `hash` (an unsigned 32-bit number): entries[hash mod M]. */
  lookup(hash: number): string {
    return this.entries[hash % this.entries.length]!;
  }
}
