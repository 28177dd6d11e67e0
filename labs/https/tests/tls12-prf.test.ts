/**
 * Stage tls12-prf: the TLS 1.2 key derivation (RFC 5246 §5, §8.1) that the chapter
 * compares with TLS 1.3's: P_SHA256 against the widely used published test vector
 * for the TLS 1.2 PRF, and the master secret checked with an HMAC chain written out
 * in the test from WebCrypto.
 */
import { describe, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { masterSecret, prf } from '@impl/tls12.ts';

/** The TLS 1.2 PRF (SHA-256) test vector posted to the IETF TLS list and used by most TLS libraries' tests. */
const SECRET = fromHex('9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35');
const SEED = fromHex('a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c');
const OUTPUT = fromHex(`
  e3 f2 29 ba 72 7b e1 7b 8d 12 26 20 55 7c d4 53 c2 aa b2 1d 07 c3 d4 95 32 9b 52 d4 e6 1e db 5a
  6b 30 17 91 e9 0d 35 c9 c9 a4 6b 4e 14 ba f9 af 0f a0 22 f7 07 7d ef 17 ab fd 37 97 c0 56 4b ab
  4f bc 91 66 6e 9d ef 9b 97 fc e3 4f 79 67 89 ba a4 80 82 d1 22 ee 42 c5 a7 2e 5a 51 10 ff f7 01
  87 34 7b 66`);

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array(data)));
}

describe('the TLS 1.2 PRF (RFC 5246 §5)', () => {
  it('gives the published 100 bytes for secret, "test label" and seed', async () => {
    expectBytes(await prf(SECRET, 'test label', SEED, 100), OUTPUT, { what: 'PRF(secret, "test label", seed)[0..99]', see: 'RFC 5246 §5: P_SHA256(secret, label + seed)' });
  });

  it('gives the first bytes of the same stream for a shorter length', async () => {
    expectBytes(await prf(SECRET, 'test label', SEED, 20), OUTPUT.subarray(0, 20), { what: 'the first 20 bytes', see: 'RFC 5246 §5' });
  });
});

describe('the master secret (RFC 5246 §8.1)', () => {
  it('is the first 48 bytes of PRF(pre-master secret, "master secret", client random + server random)', async () => {
    const preMaster = new Uint8Array(48).map((_, i) => (i === 0 ? 3 : i === 1 ? 3 : i * 7));
    const clientRandom = new Uint8Array(32).fill(0xc1);
    const serverRandom = new Uint8Array(32).fill(0x5e);
    const seed = new Uint8Array([...new TextEncoder().encode('master secret'), ...clientRandom, ...serverRandom]);
    const a1 = await hmac(preMaster, seed);
    const a2 = await hmac(preMaster, a1);
    const expected = new Uint8Array([...(await hmac(preMaster, new Uint8Array([...a1, ...seed]))), ...(await hmac(preMaster, new Uint8Array([...a2, ...seed])))]).subarray(0, 48);
    expectBytes(await masterSecret(preMaster, clientRandom, serverRandom), expected, {
      what: 'master_secret',
      see: 'RFC 5246 §8.1: the client random comes first; the output is 48 bytes',
    });
  });
});
