/**
 * Stage maglev, second part: jump consistent hash (Lamping and Veach, "A
 * Fast, Minimal Memory, Consistent Hash Algorithm", 2014). No table at all: a
 * 64-bit linear congruential generator seeded with the key decides, jump by
 * jump, the last bucket the key would have moved to as buckets were added one
 * at a time. Buckets are numbered, so only the last one can leave.
 */

/** The bucket in [0, buckets) for a 64-bit key. Throws RangeError for a key outside [0, 2^64) or a bucket count that is not a whole number ≥ 1. */
export function jumpHash(key: bigint, buckets: number): number {
  void key;
  void buckets;
  throw new Error('TODO(maglev): the paper\'s loop, in 64-bit unsigned arithmetic');
}
