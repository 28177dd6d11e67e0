/**
 * Stage maglev, second part: jump consistent hash (Lamping and Veach, "A
 * Fast, Minimal Memory, Consistent Hash Algorithm", 2014). No table at all: a
 * 64-bit linear congruential generator seeded with the key decides, jump by
 * jump, the last bucket the key would have moved to as buckets were added one
 * at a time. Buckets are numbered, so only the last one can leave.
 */

const MASK64 = (1n << 64n) - 1n;
// The paper's LCG multiplier.
const MULTIPLIER = 2862933555777941757n;

/** The bucket in [0, buckets) for a 64-bit key. Throws RangeError for a key outside [0, 2^64) or a bucket count that is not a whole number ≥ 1. */
export function jumpHash(key: bigint, buckets: number): number {
  if (key < 0n || key > MASK64) throw new RangeError(`jumpHash: key ${key} is not an unsigned 64-bit number`);
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`jumpHash: buckets ${buckets} must be a whole number ≥ 1`);
  let k = key;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * MULTIPLIER + 1n) & MASK64;
    // The paper's double arithmetic: (b + 1) × 2^31 / ((k >> 33) + 1), truncated.
    j = Math.floor((b + 1) * (2 ** 31 / Number((k >> 33n) + 1n)));
  }
  return b;
}
