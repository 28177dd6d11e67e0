/**
 * Given code: the hash functions the pickers share. MD5 (RFC 1321) because
 * ketama — the ring every memcached client agrees on — places its points with
 * it; FNV-1a because it is short, fast and good enough to spread names and
 * flow keys (Maglev's paper only asks for two independent hashes).
 */

const encoder = new TextEncoder();

// RFC 1321 §3.4, per step i of 64: the left rotation, which of the block's 16
// words it reads, and T[i] = floor(2^32 · |sin(i + 1)|).
const SHIFT = Uint8Array.from({ length: 64 }, (_, i) => [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21][(i >> 4) * 4 + (i % 4)]!);
const WORD = Uint8Array.from({ length: 64 }, (_, i) => [i, 5 * i + 1, 3 * i + 5, 7 * i][i >> 4]! % 16);
const T = Int32Array.from({ length: 64 }, (_, i) => Math.floor(2 ** 32 * Math.abs(Math.sin(i + 1))) | 0);

// One padded message buffer, reused and grown as needed: hashing a short key
// per request (the ring does) then allocates only its digest.
let message = new Uint8Array(128);
let view = new DataView(message.buffer);
const block = new Int32Array(16);

/** The 16-byte MD5 digest of a string's UTF-8 bytes (RFC 1321). */
export function md5(text: string): Uint8Array {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (message.length < text.length * 3 + 72) {
    message = new Uint8Array(text.length * 3 + 72);
    view = new DataView(message.buffer);
  }
  const { written } = encoder.encodeInto(text, message);
  // §3.1–3.2: pad with 0x80, zeros to 56 mod 64, then the bit length, little-endian.
  const length = Math.ceil((written + 9) / 64) * 64;
  message.fill(0, written, length);
  message[written] = 0x80;
  view.setUint32(length - 8, (written * 8) >>> 0, true);
  view.setUint32(length - 4, Math.floor(written / 0x20000000), true);
  // 32-bit arithmetic throughout: `| 0` wraps sums the way the RFC's words do.
  let a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (let offset = 0; offset < length; offset += 64) {
    for (let w = 0; w < 16; w++) block[w] = view.getInt32(offset + w * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const sum = (a + f + T[i]! + block[WORD[i]!]!) | 0;
      const s = SHIFT[i]!;
      a = d; d = c; c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  const digest = new Uint8Array(16);
  [a0, b0, c0, d0].forEach((word, i) => {
    for (let byte = 0; byte < 4; byte++) digest[i * 4 + byte] = word >>> (byte * 8);
  });
  return digest;
}

/** 32-bit FNV-1a of a string's UTF-8 bytes, as an unsigned number; `seed` replaces the offset basis to get an independent hash. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

const FNV64_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a of a string's UTF-8 bytes, as an unsigned bigint: a key for jump hash. */
export function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  return hash;
}
