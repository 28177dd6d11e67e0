/**
 * The primitives, through WebCrypto (`crypto.subtle`), which Node 24 and current
 * browsers both provide: SHA-256, HMAC-SHA-256, X25519, AES-128-GCM and ECDSA
 * P-256 signature checks. Everything TLS builds from them (HKDF, the key schedule,
 * record protection, Finished) is yours to write. WebCrypto is asynchronous, so
 * every function returns a promise. This file is complete.
 */
import { concat } from './bytes.ts';

const subtle = globalThis.crypto.subtle;

/** A copy in a fresh ArrayBuffer: WebCrypto's types want an ArrayBuffer-backed view. */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** SHA-256 of the data (32 bytes). */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', buf(data)));
}

/** HMAC-SHA-256 of the data under the key (32 bytes; RFC 2104). */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  // An empty HMAC key is legal (RFC 2104) but WebCrypto refuses length 0; a key
  // shorter than the block is zero-padded anyway, so one zero byte is the same key.
  const k = await subtle.importKey('raw', buf(key.length === 0 ? new Uint8Array(1) : key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, buf(data)));
}

/** The fixed DER prefix of a PKCS #8 X25519 private key (RFC 8410 §7); the 32 key bytes follow. */
const X25519_PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20);

/** An X25519 key pair: the 32-byte private scalar and the 32-byte public key that goes in key_share. */
export interface X25519KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** The key pair of a given 32-byte X25519 private key (inject a fixed one to make a handshake repeatable). */
export async function x25519KeyPair(privateKey: Uint8Array): Promise<X25519KeyPair> {
  if (privateKey.length !== 32) throw new RangeError(`an X25519 private key is 32 bytes, got ${privateKey.length}`);
  const key = await subtle.importKey('pkcs8', buf(concat(X25519_PKCS8_PREFIX, privateKey)), { name: 'X25519' }, true, ['deriveBits']);
  const jwk = await subtle.exportKey('jwk', key);
  return { privateKey: new Uint8Array(privateKey), publicKey: fromBase64Url(jwk.x!) };
}

/** The X25519 shared secret of our private key and the peer's public key (32 bytes; RFC 7748 §6.1). */
export async function x25519(privateKey: Uint8Array, peerPublicKey: Uint8Array): Promise<Uint8Array> {
  if (peerPublicKey.length !== 32) throw new RangeError(`an X25519 public key is 32 bytes, got ${peerPublicKey.length}`);
  const mine = await subtle.importKey('pkcs8', buf(concat(X25519_PKCS8_PREFIX, privateKey)), { name: 'X25519' }, false, ['deriveBits']);
  const theirs = await subtle.importKey('raw', buf(peerPublicKey), { name: 'X25519' }, false, []);
  return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: theirs }, mine, 256));
}

/** AES-128-GCM encryption: ciphertext followed by the 16-byte tag (RFC 5116 §5.1). */
export async function aes128GcmSeal(key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  const k = await subtle.importKey('raw', buf(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: buf(nonce), additionalData: buf(additionalData), tagLength: 128 }, k, buf(plaintext)));
}

/** AES-128-GCM decryption of ciphertext-and-tag; undefined when the tag does not verify. */
export async function aes128GcmOpen(key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array, sealed: Uint8Array): Promise<Uint8Array | undefined> {
  const k = await subtle.importKey('raw', buf(key), 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: buf(nonce), additionalData: buf(additionalData), tagLength: 128 }, k, buf(sealed)));
  } catch {
    return undefined;
  }
}

/**
 * Checks an ECDSA P-256 / SHA-256 signature over `data`. `spki` is the signer's
 * SubjectPublicKeyInfo (DER, as in a certificate); `signature` is DER
 * `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, the form TLS and X.509
 * carry (RFC 8446 §4.2.3). False for a bad signature or a malformed one.
 */
export async function ecdsaP256Sha256Verify(spki: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const raw = ecdsaDerToRaw(signature);
  if (!raw) return false;
  try {
    const key = await subtle.importKey('spki', buf(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, buf(raw), buf(data));
  } catch {
    return false;
  }
}

/** WebCrypto wants r‖s, 32 bytes each; DER gives two INTEGERs with sign bytes. */
function ecdsaDerToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(64);
  let at = 2;
  for (const half of [0, 32]) {
    if (der[at] !== 0x02) return undefined;
    const len = der[at + 1]!;
    let value = der.subarray(at + 2, at + 2 + len);
    if (value.length !== len) return undefined;
    while (value.length > 32 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32) return undefined;
    out.set(value, half + 32 - value.length);
    at += 2 + len;
  }
  return at === der.length ? out : undefined;
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
