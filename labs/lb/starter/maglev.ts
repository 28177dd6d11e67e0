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
export const defaultPreference: PreferenceFunction = (backend, size) => {
  void fnv1a32;
  void backend;
  void size;
  throw new Error('TODO(maglev): offset and skip from h1 and h2');
};

/** A Maglev lookup table. */
export class MaglevTable {
  /** Slot → backend. */
  readonly entries: readonly string[] = [];

  /**
   * Builds the table for `backends` (in this order: it decides who claims
   * first). Throws RangeError for an empty list, a repeated name, or a size
   * that is not a prime larger than the number of backends.
   */
  constructor(backends: readonly string[], size = DEFAULT_TABLE_SIZE, preference: PreferenceFunction = defaultPreference) {
    void backends;
    void size;
    void preference;
  }

  /** The backend for a flow whose hash is `hash` (an unsigned 32-bit number): entries[hash mod M]. */
  lookup(hash: number): string {
    void hash;
    throw new Error('TODO(maglev): look the flow up');
  }
}
