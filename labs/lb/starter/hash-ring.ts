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

/** The four 32-bit points in a 16-byte digest: bytes 0–3, 4–7, 8–11, 12–15, each read little-endian. */
export function digestPoints(digest: Uint8Array): number[] {
  void digest;
  throw new Error('TODO(ring): four unsigned little-endian numbers');
}

/** Where a key sits on the ring: the first point of its MD5 digest. */
export function keyPosition(key: string): number {
  void md5;
  void key;
  throw new Error('TODO(ring): the first point of md5(key)');
}

/** A ketama consistent-hash ring. */
export class HashRing {
  /**
   * Backends by name (weight 1) or with weights. A backend gets
   * floor(weight / total weight × vnodes × number of backends) digests, as
   * ketama gives heavier servers more of the circle. Throws RangeError for an
   * empty list, a repeated name or a weight that is not positive.
   */
  constructor(backends: readonly (string | RingBackend)[], options: RingOptions = {}) {
    void backends;
    void options;
  }

  /** Every point, in ring order. */
  points(): readonly RingPoint[] {
    throw new Error('TODO(ring): the sorted points');
  }

  /** The backend for a key: the first point at or after the key's position, wrapping to the first point. */
  get(key: string): string {
    void key;
    throw new Error('TODO(ring): find the next point clockwise');
  }
}
