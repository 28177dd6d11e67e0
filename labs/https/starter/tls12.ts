/**
 * The TLS 1.2 key derivation the chapter contrasts with TLS 1.3 (RFC 5246 §5, §8.1):
 * the PRF P_SHA256 and the master secret from the pre-master secret and both randoms.
 */

/**
 * PRF(secret, label, seed) = P_SHA256(secret, label + seed) (RFC 5246 §5):
 * A(0) = seed', A(i) = HMAC(secret, A(i-1)), output = HMAC(secret, A(1) + seed') |
 * HMAC(secret, A(2) + seed') | …, cut to `length` bytes.
 */
export async function prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Promise<Uint8Array> {
  throw new Error('TODO(tls12-prf): P_SHA256, RFC 5246 §5');
}

/**
 * master_secret = PRF(pre_master_secret, "master secret", ClientHello.random +
 * ServerHello.random)[0..47] (RFC 5246 §8.1): both randoms and the pre-master secret
 * the client sent under the server's RSA key.
 */
export async function masterSecret(preMasterSecret: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Promise<Uint8Array> {
  throw new Error('TODO(tls12-prf): the master secret, RFC 5246 §8.1');
}
