/** What Maglev's lookup table is built from (NSDI 2016, §3.4): a backend's permutation and the table's default size. */

/** Where a backend's permutation starts and how far it steps (paper §3.4: offset < M, 1 ≤ skip < M). */
export interface Preference {
  offset: number;
  skip: number;
}

/** A backend's offset and skip from two independent hashes of its name: offset = h1 mod M, skip = h2 mod (M − 1) + 1. */
export type PreferenceFunction = (backend: string, size: number) => Preference;

/** The paper's suggested table size for up to a few hundred backends: a prime, so every skip visits every slot. */
export const DEFAULT_TABLE_SIZE = 65537;
