/**
 * Stage ring: consistent hashing on a ring with virtual nodes, placed the way
 * libketama (last.fm, 2007) places them so that every ketama client — the
 * `hashring` package, twemproxy, libmemcached — sends a key to the same
 * server. Each backend hashes "name-0", "name-1", … with MD5 and cuts each
 * 16-byte digest into four points; a key goes to the first point at or after
 * its own hash, wrapping past the top of the 32-bit circle.
 */
import { md5 } from '@impl/hash.ts';
import type { RingBackend, RingOptions, RingPoint } from '@impl/ring-types.ts';

/** The 32-bit number in four digest bytes from `at`, read little-endian (the lowest byte first). */
function littleEndian32(digest: Uint8Array, at: number): number {
  return ((digest[at + 3]! << 24) | (digest[at + 2]! << 16) | (digest[at + 1]! << 8) | digest[at]!) >>> 0;
}

/** The four 32-bit points in a 16-byte digest: bytes 0–3, 4–7, 8–11, 12–15, each read little-endian. */
export function digestPoints(digest: Uint8Array): number[] {
  return [0, 4, 8, 12].map((at) => littleEndian32(digest, at));
}

/** Where a key sits on the ring: the first point of its MD5 digest. */
export function keyPosition(key: string): number {
  return littleEndian32(md5(key), 0);
}

/** A ketama consistent-hash ring. */
export class HashRing {
  readonly #points: RingPoint[];

  /**
   * Backends by name (weight 1) or with weights. A backend gets
   * floor(weight / total weight × vnodes × number of backends) digests, as
   * ketama gives heavier servers more of the circle. Throws RangeError for an
   * empty list, a repeated name or a weight that is not positive.
   */
  constructor(backends: readonly (string | RingBackend)[], options: RingOptions = {}) {
    const list = backends.map((b) => (typeof b === 'string' ? { name: b, weight: 1 } : b));
    if (list.length === 0) throw new RangeError('HashRing: needs at least one backend');
    const names = new Set<string>();
    for (const { name, weight } of list) {
      if (names.has(name)) throw new RangeError(`HashRing: backend "${name}" is listed twice`);
      if (!(weight > 0)) throw new RangeError(`HashRing: backend "${name}" has weight ${weight}; expected more than 0`);
      names.add(name);
    }
    const vnodes = options.vnodes ?? 40;
    const total = list.reduce((sum, b) => sum + b.weight, 0);
    const points: RingPoint[] = [];
    for (const { name, weight } of list) {
      const digests = Math.floor((weight / total) * vnodes * list.length);
      for (let i = 0; i < digests; i++) {
        for (const position of digestPoints(md5(`${name}-${i}`))) points.push({ position, backend: name });
      }
    }
    this.#points = points.sort((a, b) => a.position - b.position);
  }

  /** Every point, in ring order. */
  points(): readonly RingPoint[] {
    return this.#points;
  }

  /** The backend for a key: the first point at or after the key's position, wrapping to the first point. */
  get(key: string): string {
    const position = keyPosition(key);
    // Binary search for the first point with position ≥ the key's.
    let low = 0;
    let high = this.#points.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#points[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return this.#points[low === this.#points.length ? 0 : low]!.backend;
  }
}
