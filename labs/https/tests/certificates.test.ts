/**
 * Stage certificates: deciding whether to trust a server's chain (RFC 5280 §6 in
 * outline, names per RFC 9525 §6.3, alerts per RFC 8446 §6.2), on certificates a
 * throwaway CA issued with node:crypto (tests/fixtures/pki.ts) and checked with
 * OpenSSL's `openssl verify`, at an injected time.
 */
import { describe, expect, it } from 'vitest';
import { nameMatches, validateChain } from '@impl/certificates.ts';
import { der, NOW, SERVER_NAME } from './fixtures/certificates-fixture.ts';
import { expectAlertAsync } from './fixtures/expect-alert.ts';

const DAY = 86_400_000;
const anchors = [der('root')];
const good = [der('server'), der('intermediate')];

function expectAlert(chain: Uint8Array[], options: Partial<Parameters<typeof validateChain>[1]>, alert: string, why: string): Promise<void> {
  return expectAlertAsync(validateChain(chain, { serverName: SERVER_NAME, now: NOW, trustAnchors: anchors, ...options }), alert, `${why}: the chain must be refused (RFC 8446 §6.2)`);
}

describe('names (RFC 9525 §6.3)', () => {
  const cases: [string, string, boolean, string][] = [
    ['shop.example', 'shop.example', true, 'the same name'],
    ['Shop.EXAMPLE', 'shop.example', true, 'DNS names are case-insensitive'],
    ['shop.example.', 'shop.example', true, 'a trailing dot is the same name'],
    ['shop.example', 'www.shop.example', false, 'a name does not cover its subdomains'],
    ['shop.example', 'hop.example', false, 'labels are compared whole'],
    ['shop.example', 'shop.example.evil', false, 'a name does not cover a longer name that starts with it'],
    ['*.shop.example', 'www.shop.example', true, 'a wildcard covers one label'],
    ['*.shop.example', 'WWW.Shop.Example', true, 'wildcards are case-insensitive too'],
    ['*.shop.example', 'shop.example', false, 'a wildcard does not cover the name itself'],
    ['*.shop.example', 'a.b.shop.example', false, 'a wildcard covers exactly one label'],
    ['*.example', 'shop.example', false, 'no wildcard directly under a single label'],
    ['w*.shop.example', 'www.shop.example', false, 'only a whole left-most label may be a wildcard'],
    ['www.*.example', 'www.shop.example', false, 'a wildcard only on the left'],
    ['*.*.example', 'a.b.example', false, 'one wildcard, left-most'],
    ['', 'shop.example', false, 'an empty name covers nothing'],
    ['shop..example', 'shop..example', false, 'a name with an empty label is no name'],
    ['shop.example', 'SHOP.example.', true, 'the host name may end in a dot too'],
    ['*.shop.example', '.shop.example', false, 'a wildcard does not stand for an empty label'],
  ];
  for (const [pattern, host, expected, why] of cases) {
    it(`"${pattern}" ${expected ? 'covers' : 'does not cover'} "${host}": ${why}`, () => {
      expect(nameMatches(pattern, host), `nameMatches("${pattern}", "${host}"): ${why}`).toBe(expected);
    });
  }
});

describe('a good chain', () => {
  it('is trusted: server certificate, issuing CA, then the trusted root', async () => {
    await expect(validateChain(good, { serverName: SERVER_NAME, now: NOW, trustAnchors: anchors })).resolves.toBeUndefined();
  });

  it('is trusted for a name its wildcard covers', async () => {
    await expect(validateChain(good, { serverName: 'api.shop.example', now: NOW, trustAnchors: anchors })).resolves.toBeUndefined();
  });

  it('is trusted on the first and the last second of every validity period (both ends are inclusive, RFC 5280 §4.1.2.5)', async () => {
    // Every certificate here is valid from a year before NOW to a year after.
    for (const offset of [-365 * DAY, 365 * DAY]) {
      await expect(validateChain(good, { serverName: SERVER_NAME, now: new Date(NOW.getTime() + offset), trustAnchors: anchors })).resolves.toBeUndefined();
    }
  });

  it('is trusted when the trust store holds other roots too', async () => {
    await expect(validateChain(good, { serverName: SERVER_NAME, now: NOW, trustAnchors: [der('otherRoot'), der('root')] })).resolves.toBeUndefined();
  });
});

describe('the classic failures, each with its alert', () => {
  it('a name the certificate does not carry: bad_certificate', async () => {
    await expectAlert(good, { serverName: 'evil.example' }, 'bad_certificate', 'shop.example asked for evil.example');
    await expectAlert([der('wrongName'), der('intermediate')], {}, 'bad_certificate', 'a certificate for www.other.example only');
  });

  it('an expired server certificate: certificate_expired', async () => {
    await expectAlert([der('expired'), der('intermediate')], {}, 'certificate_expired', 'notAfter was a day ago');
  });

  it('a chain checked a millisecond outside its validity: certificate_expired', async () => {
    await expectAlert(good, { now: new Date(NOW.getTime() + 365 * DAY + 1) }, 'certificate_expired', 'one millisecond after notAfter');
    await expectAlert(good, { now: new Date(NOW.getTime() - 365 * DAY - 1) }, 'certificate_expired', 'one millisecond before notBefore (not yet valid)');
  });

  it('a self-signed server certificate: unknown_ca', async () => {
    await expectAlert([der('selfSigned')], {}, 'unknown_ca', 'a self-signed certificate is no evidence of anything');
  });

  it('a chain to a root the client does not trust: unknown_ca', async () => {
    await expectAlert([der('untrusted'), der('otherRoot')], {}, 'unknown_ca', 'issued by Some Other Root CA, sent along with its root');
    await expectAlert([der('untrusted')], {}, 'unknown_ca', 'issued by Some Other Root CA, alone');
  });

  it('a missing intermediate: unknown_ca', async () => {
    await expectAlert([der('server')], {}, 'unknown_ca', 'the issuing CA was not sent');
  });

  it('an intermediate that is not a CA: bad_certificate', async () => {
    await expectAlert([der('underNotCa'), der('notCa')], {}, 'bad_certificate', 'signed by a server certificate (basicConstraints cA false, RFC 5280 §4.2.1.9)');
  });

  it('an intermediate with neither basicConstraints nor keyUsage: bad_certificate', async () => {
    await expectAlert([der('underNotCaNoKeyUsage'), der('notCaNoKeyUsage')], {}, 'bad_certificate', 'signed by a certificate without basicConstraints or keyUsage (RFC 5280 §4.2.1.9: without basicConstraints cA, a key must not verify certificate signatures)');
  });

  it('a root whose pathLenConstraint 0 forbids the intermediate below it: bad_certificate', async () => {
    await expectAlert([der('underPathLen'), der('pathLenIntermediate')], { trustAnchors: [der('pathLenRoot')] }, 'bad_certificate', 'RFC 5280 §4.2.1.9: pathLenConstraint 0 allows no CA below');
  });

  it('a root with pathLenConstraint 0 may still issue the server certificate itself', async () => {
    await expect(
      validateChain([der('directUnderPathLen')], { serverName: SERVER_NAME, now: NOW, trustAnchors: [der('pathLenRoot')] }),
      'RFC 5280 §4.2.1.9: pathLenConstraint counts the CA certificates below, not the end-entity certificate; 0 CAs below a limit of 0 is within it',
    ).resolves.toBeUndefined();
  });

  it('a signature that does not verify: bad_certificate', async () => {
    const forged = new Uint8Array(der('server'));
    forged[forged.length - 5]! ^= 0x01;
    await expectAlert([forged, der('intermediate')], {}, 'bad_certificate', 'the last bytes of the server certificate (its signature) changed');
  });

  it("an issuing CA whose root signature does not verify: bad_certificate", async () => {
    const forged = new Uint8Array(der('intermediate'));
    forged[forged.length - 5]! ^= 0x01;
    await expectAlert([der('server'), forged], {}, 'bad_certificate', "the issuing CA's signature by the root changed");
  });

  it('a certificate whose signed part was changed: bad_certificate', async () => {
    // Flip a bit inside the serial number: the parse still succeeds, the signature no longer matches.
    const changed = new Uint8Array(der('server'));
    changed[15]! ^= 0x01;
    await expectAlert([changed, der('intermediate')], {}, 'bad_certificate', 'one bit of tbsCertificate changed');
  });

  it('an expired issuing CA: certificate_expired', async () => {
    const later = new Date(NOW.getTime() + 365 * DAY + 1000);
    await expectAlert(good, { now: later }, 'certificate_expired', 'everything expires a year after NOW');
  });

  it('a CA whose keyUsage does not allow signing certificates: bad_certificate', async () => {
    await expectAlert([der('underNoCertSign'), der('noCertSign')], {}, 'bad_certificate', 'the issuer has cA but only digitalSignature (RFC 5280 §4.2.1.3: keyCertSign)');
  });

  it('a server certificate whose keyUsage does not allow signatures: bad_certificate', async () => {
    await expectAlert([der('noDigitalSignature'), der('intermediate')], {}, 'bad_certificate', 'keyUsage without digitalSignature cannot sign the handshake (RFC 5280 §4.2.1.3)');
  });

  it('a certificate signed with an algorithm the client does not implement: unsupported_certificate', async () => {
    // Change the outer signatureAlgorithm (outside the signed part) from ecdsa-with-SHA256 (…4.3.2) to ecdsa-with-SHA384 (…4.3.3).
    const changed = new Uint8Array(der('server'));
    const oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    let at = -1;
    for (let i = 0; i + oid.length <= changed.length; i++) if (oid.every((b, j) => changed[i + j] === b)) at = i;
    changed[at + oid.length - 1] = 0x03;
    await expectAlert([changed, der('intermediate')], {}, 'unsupported_certificate', 'ecdsa-with-SHA384, which this client does not verify');
  });

  it('two CAs that issued each other, and no root: unknown_ca, without looping forever', async () => {
    await expectAlert([der('underLoop'), der('loopA'), der('loopB')], {}, 'unknown_ca', 'a chain that goes round in a circle never reaches a trust anchor');
  });

  it('an empty chain: decode_error', async () => {
    await expectAlert([], {}, 'decode_error', 'RFC 8446 §4.4.2: a server sends at least one certificate');
  });
});
