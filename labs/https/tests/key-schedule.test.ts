/**
 * Stage key-schedule: every secret and key of RFC 8448's 1-RTT handshake from its
 * inputs (RFC 8446 §7.1, §7.3, §4.4.4), then the secrets of a live handshake with
 * OpenSSL, checked against the key log OpenSSL itself wrote.
 */
import { describe, it } from 'vitest';
import { expectBytes } from '@lab-kit';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, trafficKeys } from '@impl/key-schedule.ts';
import { transcriptHash } from '@impl/hkdf.ts';
import { x25519 } from '@impl/crypto.ts';
import * as v from './fixtures/rfc8448.ts';
import { loadSession } from './fixtures/session.ts';

const SEE = `${v.SEE}; RFC 8446 §7.1`;

describe("RFC 8448's key schedule", () => {
  it('the X25519 shared secret of the two key shares (given crypto) is the RFC\'s', async () => {
    expectBytes(await x25519(v.CLIENT_PRIVATE_KEY, v.SERVER_PUBLIC_KEY), v.SHARED_SECRET, { what: 'ECDHE shared secret', see: v.SEE });
  });

  it('handshakeSecrets gives the early secret, the handshake secret and both handshake traffic secrets', async () => {
    const s = await handshakeSecrets(v.SHARED_SECRET, v.HELLO_HASH);
    expectBytes(s.earlySecret, v.EARLY_SECRET, { what: 'early secret = HKDF-Extract(0, 0)', see: SEE });
    expectBytes(s.handshakeSecret, v.HANDSHAKE_SECRET, { what: 'handshake secret = HKDF-Extract(Derive-Secret(early, "derived", ""), ECDHE)', see: SEE });
    expectBytes(s.clientHandshakeTrafficSecret, v.CLIENT_HS_TRAFFIC, { what: 'client_handshake_traffic_secret ("c hs traffic")', see: SEE });
    expectBytes(s.serverHandshakeTrafficSecret, v.SERVER_HS_TRAFFIC, { what: 'server_handshake_traffic_secret ("s hs traffic")', see: SEE });
  });

  it('applicationSecrets gives the master secret and both application traffic secrets', async () => {
    const s = await applicationSecrets(v.HANDSHAKE_SECRET, v.SERVER_FINISHED_HASH);
    expectBytes(s.masterSecret, v.MASTER_SECRET, { what: 'master secret = HKDF-Extract(Derive-Secret(handshake, "derived", ""), 0)', see: SEE });
    expectBytes(s.clientApplicationTrafficSecret, v.CLIENT_AP_TRAFFIC, { what: 'client_application_traffic_secret_0 ("c ap traffic")', see: SEE });
    expectBytes(s.serverApplicationTrafficSecret, v.SERVER_AP_TRAFFIC, { what: 'server_application_traffic_secret_0 ("s ap traffic")', see: SEE });
  });

  it('trafficKeys gives the key and IV of each of the four traffic secrets', async () => {
    const pairs = [
      ['server handshake', v.SERVER_HS_TRAFFIC, v.SERVER_HS_KEYS],
      ['client handshake', v.CLIENT_HS_TRAFFIC, v.CLIENT_HS_KEYS],
      ['server application', v.SERVER_AP_TRAFFIC, v.SERVER_AP_KEYS],
      ['client application', v.CLIENT_AP_TRAFFIC, v.CLIENT_AP_KEYS],
    ] as const;
    for (const [name, secret, expected] of pairs) {
      const keys = await trafficKeys(secret);
      expectBytes(keys.key, expected.key, { what: `${name} write key (16 bytes, label "key")`, see: `${v.SEE}; RFC 8446 §7.3` });
      expectBytes(keys.iv, expected.iv, { what: `${name} write IV (12 bytes, label "iv")`, see: `${v.SEE}; RFC 8446 §7.3` });
    }
  });

  it("finishedVerifyData gives the server's and the client's Finished", async () => {
    const upToCertificateVerify = await transcriptHash(v.CLIENT_HELLO, v.SERVER_HELLO, v.SERVER_FLIGHT.subarray(0, v.SERVER_FLIGHT.length - 36));
    expectBytes(await finishedVerifyData(v.SERVER_HS_TRAFFIC, upToCertificateVerify), v.SERVER_VERIFY_DATA, {
      what: "server Finished verify_data (server handshake secret, transcript through CertificateVerify)",
      see: `${v.SEE}; RFC 8446 §4.4.4`,
    });
    expectBytes(await finishedVerifyData(v.CLIENT_HS_TRAFFIC, v.SERVER_FINISHED_HASH), v.CLIENT_VERIFY_DATA, {
      what: 'client Finished verify_data (client handshake secret, transcript through server Finished)',
      see: `${v.SEE}; RFC 8446 §4.4.4`,
    });
  });
});

describe('a live handshake with OpenSSL (recorded)', () => {
  it("gives the same four traffic secrets as OpenSSL's key log", async () => {
    const s = await loadSession();
    const helloHash = await transcriptHash(s.clientHello, s.serverHello);
    // The server's x25519 key_share entry: type 0x0033, length 36, group 0x001d, key length 32, then the key.
    const at = s.serverHello.findIndex((_, i) => [0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20].every((b, j) => s.serverHello[i + j] === b));
    const keyShare = s.serverHello.subarray(at + 8, at + 40);
    const hs = await handshakeSecrets(await x25519(s.privateKey, keyShare), helloHash);
    const see = "OpenSSL's SSLKEYLOGFILE lines for this session (tests/fixtures/openssl-session.ts)";
    expectBytes(hs.clientHandshakeTrafficSecret, s.secrets.clientHandshake, { what: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', see });
    expectBytes(hs.serverHandshakeTrafficSecret, s.secrets.serverHandshake, { what: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', see });
    const app = await applicationSecrets(hs.handshakeSecret, await transcriptHash(s.clientHello, s.serverHello, ...s.flight));
    expectBytes(app.clientApplicationTrafficSecret, s.secrets.clientApplication, { what: 'CLIENT_TRAFFIC_SECRET_0', see });
    expectBytes(app.serverApplicationTrafficSecret, s.secrets.serverApplication, { what: 'SERVER_TRAFFIC_SECRET_0', see });
  });
});
