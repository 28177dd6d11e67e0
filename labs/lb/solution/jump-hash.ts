/**
 * Stage maglev, second part: jump consistent hash (Lamping and Veach, "A
 * Fast, Minimal Memory, Consistent Hash Algorithm", 2014). No table at all: a
 * 64-bit linear congruential generator seeded with the key decides, jump by
 * jump, the last bucket the key would have moved to as buckets were added one
 * at a time. Buckets are numbered, so only the last one can leave.
 *
 * The generator runs on the key's two 32-bit halves rather than on bigint,
 * which allocates at every step: the arithmetic is the same, mod 2^64.
 */

const MAX_KEY = (1n << 64n) - 1n;
// The paper's LCG multiplier, 2862933555777941757 = 0x27bb2ee6_87b0b0fd, in halves.
const MULTIPLIER_HIGH = 0x27bb2ee6;
const MULTIPLIER_LOW = 0x87b0b0fd;

/** The high 32 bits of the 64-bit product of two unsigned 32-bit numbers, exact: no partial product reaches 2^53. */
function mulHigh32(x: number, y: number): number {
  const byLow = x * (y & 0xffff);
  const byHigh = x * (y >>> 16);
  // x · y = byHigh · 2^16 + byLow; what the low 32 bits carry up is the second term.
  return Math.floor(byHigh / 0x10000) + Math.floor(((byHigh % 0x10000) * 0x10000 + byLow) / 2 ** 32);
}

/** The bucket in [0, buckets) for a 64-bit key. Throws RangeError for a key outside [0, 2^64) or a bucket count that is not a whole number ≥ 1. */
export function jumpHash(key: bigint, buckets: number): number {
  if (key < 0n || key > MAX_KEY) throw new RangeError(`jumpHash: key ${key} is not an unsigned 64-bit number`);
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`jumpHash: buckets ${buckets} must be a whole number ≥ 1`);
  let high = Number(key >> 32n);
  let low = Number(key & 0xffffffffn);
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // k = k × multiplier + 1, mod 2^64: the low half, then the high half with the carries out of the low one.
    const nextLow = (Math.imul(low, MULTIPLIER_LOW) >>> 0) + 1;
    high = (mulHigh32(low, MULTIPLIER_LOW) + Math.imul(low, MULTIPLIER_HIGH) + Math.imul(high, MULTIPLIER_LOW) + (nextLow > 0xffffffff ? 1 : 0)) >>> 0;
    low = nextLow >>> 0;
    // The paper's double arithmetic: (b + 1) × 2^31 / ((k >> 33) + 1), truncated; k >> 33 is the high half >> 1.
    j = Math.floor((b + 1) * (2 ** 31 / ((high >>> 1) + 1)));
  }
  return b;
}
