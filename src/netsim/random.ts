/**
 * A small seeded PRNG: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator,
 * from PractRand), seeded through splitmix32. sfc32 passes PractRand and BigCrush,
 * has 128 bits of state and needs only 32-bit integer ops, so it is fast in every JS
 * engine. mulberry32 is smaller but cannot produce about a third of all 32-bit values.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32 step: spreads a 32-bit seed over the four state words so nearby seeds diverge at once. */
function splitmix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** FNV-1a over a label, so `fork('a:eth0-b:eth0')` gets a stable, distinct stream. */
function fnv1a(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic random stream; keep `seed` to print on failure and replay with `new Random(seed)`. */
export class Random {
  /** The seed this stream started from, as an unsigned 32-bit integer. */
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`Random: seed must be an integer, got ${seed}`);
    this.seed = seed >>> 0;
    let s = this.seed;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    [this.#a, this.#b, this.#c, this.#d] = words as [number, number, number, number];
    // The author's reference implementation discards the first outputs to mix the state.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** An integer in [0, n) for a positive integer n ≤ 2^32 (bias at most n / 2^32, invisible at course scale). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`Random.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    return Math.floor(this.next() * n);
  }

  /** True with probability p (p ≤ 0 is never, p ≥ 1 is always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * An independent stream derived from this seed and a label. The simulator gives each
   * link direction and device its own fork, so traffic on one link never shifts the
   * loss pattern of another.
   */
  fork(label: string): Random {
    const [, mixed] = splitmix32((this.seed ^ fnv1a(label)) | 0);
    return new Random(mixed);
  }
}
