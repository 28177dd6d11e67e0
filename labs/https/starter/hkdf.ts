/**
 * HKDF (RFC 5869) with SHA-256, and the two ways TLS 1.3 calls it:
 * HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1). Every secret and key of
 * a TLS 1.3 connection comes out of these four functions.
 */
import { hmacSha256, sha256 } from '@impl/crypto.ts';

/** SHA-256's output length, Hash.length in RFC 8446. */
export const HASH_LENGTH = 32;

/**
 * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2). A missing salt is
 * HashLen zero bytes, which HMAC pads a key to anyway, so an empty salt needs no case.
 */
export async function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Promise<Uint8Array> {
  throw new Error('TODO(hkdf): HKDF-Extract, RFC 5869 §2.2');
}

/**
 * HKDF-Expand(PRK, info, L) (RFC 5869 §2.3): T(1) = HMAC(PRK, info | 0x01),
 * T(i) = HMAC(PRK, T(i-1) | info | i), the output is the first L bytes of T(1) | T(2) | ….
 * L may be at most 255 · HashLen (throw a RangeError beyond).
 */
export async function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  throw new Error('TODO(hkdf): HKDF-Expand, RFC 5869 §2.3');
}

/**
 * HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1): HKDF-Expand
 * with info = HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label;
 * opaque context<0..255> }.
 */
export async function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Promise<Uint8Array> {
  throw new Error('TODO(hkdf): HKDF-Expand-Label, RFC 8446 §7.1');
}

/** Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1), given Transcript-Hash(Messages) already computed. */
export async function deriveSecret(secret: Uint8Array, label: string, transcriptHash: Uint8Array): Promise<Uint8Array> {
  throw new Error('TODO(hkdf): Derive-Secret, RFC 8446 §7.1');
}

/** Transcript-Hash of handshake messages (RFC 8446 §4.4.1): SHA-256 of the messages, headers included, in order. */
export async function transcriptHash(...messages: Uint8Array[]): Promise<Uint8Array> {
  throw new Error('TODO(hkdf): Transcript-Hash, RFC 8446 §4.4.1');
}
