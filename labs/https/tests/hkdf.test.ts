/**
 * Stage hkdf: HKDF-Extract and HKDF-Expand (RFC 5869) over HMAC-SHA-256, and TLS
 * 1.3's HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1). References: RFC 5869's
 * Appendix A vectors, WebCrypto's own HKDF, and RFC 8448's published secrets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { deriveSecret, hkdfExpand, hkdfExpandLabel, hkdfExtract, transcriptHash } from '@impl/hkdf.ts';
import { CLIENT_HELLO, DERIVED_FOR_HANDSHAKE, EARLY_SECRET, EMPTY_HASH, HANDSHAKE_SECRET, HELLO_HASH, SERVER_FINISHED_KEY, SERVER_HELLO, SERVER_HS_TRAFFIC, SEE } from './fixtures/rfc8448.ts';

const RFC5869 = 'RFC 5869 Appendix A';

/** RFC 5869 A.1 and A.3 (SHA-256). */
const CASES = [
  {
    name: 'A.1 (basic)',
    ikm: fromHex('0b'.repeat(22)),
    salt: fromHex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c'),
    info: fromHex('f0 f1 f2 f3 f4 f5 f6 f7 f8 f9'),
    prk: fromHex('07 77 09 36 2c 2e 32 df 0d dc 3f 0d c4 7b ba 63 90 b6 c7 3b b5 0f 9c 31 22 ec 84 4a d7 c2 b3 e5'),
    okm: fromHex('3c b2 5f 25 fa ac d5 7a 90 43 4f 64 d0 36 2f 2a 2d 2d 0a 90 cf 1a 5a 4c 5d b0 2d 56 ec c4 c5 bf 34 00 72 08 d5 b8 87 18 58 65'),
  },
  {
    name: 'A.3 (empty salt and info)',
    ikm: fromHex('0b'.repeat(22)),
    salt: new Uint8Array(0),
    info: new Uint8Array(0),
    prk: fromHex('19 ef 24 a3 2c 71 7b 16 7f 33 a9 1d 6f 64 8b df 96 59 67 76 af db 63 77 ac 43 4c 1c 29 3c cb 04'),
    okm: fromHex('8d a4 e7 75 a5 63 c1 8f 71 5f 80 2a 06 3c 5a 31 b8 a1 1f 5c 5e e1 87 9e c3 45 4e 5f 3c 73 8d 2d 9d 20 13 95 fa a4 b6 1a 96 c8'),
  },
];

/** WebCrypto's HKDF (Extract then Expand), an independent implementation to compare with. */
async function webCryptoHkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(ikm), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(salt), info: new Uint8Array(info) }, key, length * 8));
}

describe('HKDF (RFC 5869)', () => {
  for (const c of CASES) {
    it(`HKDF-Extract gives the PRK of ${c.name}`, async () => {
      expectBytes(await hkdfExtract(c.salt, c.ikm), c.prk, { what: `PRK of ${c.name}`, see: `${RFC5869}; PRK = HMAC-Hash(salt, IKM), §2.2` });
    });

    it(`HKDF-Expand gives the 42-byte OKM of ${c.name} (two HMAC blocks, the second cut short)`, async () => {
      expectBytes(await hkdfExpand(c.prk, c.info, 42), c.okm, { what: `OKM of ${c.name}`, see: `${RFC5869}; T(i) = HMAC(PRK, T(i-1) | info | i), §2.3` });
    });
  }

  it('HKDF-Expand agrees with WebCrypto for lengths from 0 to 100 bytes and any info', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 100 }), async (ikm, info, length) => {
        const prk = await hkdfExtract(new Uint8Array(0), ikm);
        expectBytes(await hkdfExpand(prk, info, length), await webCryptoHkdf(ikm, new Uint8Array(0), info, length), { what: `HKDF-Expand(PRK, info, ${length})`, see: 'RFC 5869 §2.3' });
      }),
      { numRuns: 30 },
    );
  });

  it('HKDF-Expand can give 255 blocks (8160 bytes) and refuses one byte more', async () => {
    const prk = CASES[0]!.prk;
    const longest = await hkdfExpand(prk, new Uint8Array(0), 255 * 32);
    expect(longest.length).toBe(8160);
    expectBytes(longest.subarray(8100), (await webCryptoHkdfFromPrk(prk, 8160)).subarray(8100), { what: 'the last bytes of 255 blocks', see: 'RFC 5869 §2.3' });
    await expect(hkdfExpand(prk, new Uint8Array(0), 255 * 32 + 1), 'L > 255 · HashLen must be refused (RFC 5869 §2.3)').rejects.toThrow(RangeError);
    await expect(hkdfExpand(prk, new Uint8Array(0), -1), 'a negative length').rejects.toThrow(RangeError);
    await expect(hkdfExpand(prk, new Uint8Array(0), 2.5), 'a length that is not a whole number of bytes').rejects.toThrow(RangeError);
  });
});

/** HKDF-Expand of a known PRK through WebCrypto: a PRK fed through Extract would change, so rebuild it from HMAC. */
async function webCryptoHkdfFromPrk(prk: Uint8Array, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(prk), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const out = new Uint8Array(length);
  let block = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += 32) {
    block = new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array([...block, i])));
    out.set(block.subarray(0, Math.min(32, length - at)), at);
  }
  return out;
}

describe('HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1)', () => {
  it('Transcript-Hash of no messages is SHA-256 of nothing, and of ClientHello + ServerHello is RFC 8448\'s hello hash', async () => {
    expectBytes(await transcriptHash(), EMPTY_HASH, { what: 'Transcript-Hash("")', see: 'RFC 8446 §4.4.1' });
    expectBytes(await transcriptHash(CLIENT_HELLO, SERVER_HELLO), HELLO_HASH, { what: 'Transcript-Hash(ClientHello, ServerHello)', see: SEE });
  });

  it('Derive-Secret(Early Secret, "derived", "") is RFC 8448\'s salt for the handshake secret', async () => {
    expectBytes(await deriveSecret(EARLY_SECRET, 'derived', EMPTY_HASH), DERIVED_FOR_HANDSHAKE, {
      what: 'Derive-Secret(early secret, "derived", "")',
      see: `${SEE}; HkdfLabel = length (2 bytes) | "tls13 " + label (1-byte length) | context (1-byte length), RFC 8446 §7.1`,
    });
  });

  it('Derive-Secret(Handshake Secret, "s hs traffic", hello hash) is RFC 8448\'s server handshake traffic secret', async () => {
    expectBytes(await deriveSecret(HANDSHAKE_SECRET, 's hs traffic', HELLO_HASH), SERVER_HS_TRAFFIC, { what: 'server handshake traffic secret', see: SEE });
  });

  it('HKDF-Expand-Label(server handshake secret, "finished", "", 32) is RFC 8448\'s finished key', async () => {
    expectBytes(await hkdfExpandLabel(SERVER_HS_TRAFFIC, 'finished', new Uint8Array(0), 32), SERVER_FINISHED_KEY, { what: 'server finished_key', see: `${SEE}; RFC 8446 §4.4.4` });
  });

  it('HKDF-Expand-Label puts the output length in HkdfLabel: 12 bytes is not the start of 16', async () => {
    const iv = await hkdfExpandLabel(SERVER_HS_TRAFFIC, 'iv', new Uint8Array(0), 12);
    expectBytes(iv, fromHex('5d 31 3e b2 67 12 76 ee 13 00 0b 30'), { what: 'server handshake iv', see: SEE });
    const sixteen = await hkdfExpandLabel(SERVER_HS_TRAFFIC, 'iv', new Uint8Array(0), 16);
    expect(Array.from(sixteen.subarray(0, 12)), 'the length is part of the info, so each length gives different bytes').not.toEqual(Array.from(iv));
  });
});
