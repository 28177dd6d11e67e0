/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1) for a full handshake without PSK:
 * early secret → handshake secret (with the ECDHE shared secret) → master secret,
 * and from them the traffic secrets, the record keys (§7.3) and Finished (§4.4.4).
 */
import { hmacSha256 } from '@impl/crypto.ts';
import { IV_LENGTH, KEY_LENGTH, type ApplicationSecrets, type HandshakeSecrets, type TrafficKeys } from '@impl/key-types.ts';
import { deriveSecret, HASH_LENGTH, hkdfExpandLabel, hkdfExtract, transcriptHash } from './hkdf.ts';

/**
 * From the ECDHE shared secret and Transcript-Hash(ClientHello..ServerHello):
 * Early Secret = HKDF-Extract(0, 0) when there is no PSK; Handshake Secret =
 * HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), shared secret); the two
 * handshake traffic secrets are Derive-Secret(Handshake Secret, "c hs traffic" /
 * "s hs traffic", ClientHello..ServerHello).
 */
export async function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array): Promise<HandshakeSecrets> {
  const zeros = new Uint8Array(HASH_LENGTH);
  const earlySecret = await hkdfExtract(zeros, zeros);
  const handshakeSecret = await hkdfExtract(await deriveSecret(earlySecret, 'derived', await transcriptHash()), sharedSecret);
  return {
    earlySecret,
    handshakeSecret,
    clientHandshakeTrafficSecret: await deriveSecret(handshakeSecret, 'c hs traffic', helloHash),
    serverHandshakeTrafficSecret: await deriveSecret(handshakeSecret, 's hs traffic', helloHash),
  };
}

/**
 * From the handshake secret and Transcript-Hash(ClientHello..server Finished):
 * Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0),
 * then "c ap traffic" and "s ap traffic".
 */
export async function applicationSecrets(handshakeSecret: Uint8Array, serverFinishedHash: Uint8Array): Promise<ApplicationSecrets> {
  const masterSecret = await hkdfExtract(await deriveSecret(handshakeSecret, 'derived', await transcriptHash()), new Uint8Array(HASH_LENGTH));
  return {
    masterSecret,
    clientApplicationTrafficSecret: await deriveSecret(masterSecret, 'c ap traffic', serverFinishedHash),
    serverApplicationTrafficSecret: await deriveSecret(masterSecret, 's ap traffic', serverFinishedHash),
  };
}

/** key = HKDF-Expand-Label(Secret, "key", "", 16), iv = HKDF-Expand-Label(Secret, "iv", "", 12) (RFC 8446 §7.3). */
export async function trafficKeys(trafficSecret: Uint8Array): Promise<TrafficKeys> {
  const empty = new Uint8Array(0);
  return {
    key: await hkdfExpandLabel(trafficSecret, 'key', empty, KEY_LENGTH),
    iv: await hkdfExpandLabel(trafficSecret, 'iv', empty, IV_LENGTH),
  };
}

/**
 * Finished's verify_data (RFC 8446 §4.4.4): HMAC(finished_key, transcript hash), with
 * finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) and BaseKey
 * the sender's handshake traffic secret.
 */
export async function finishedVerifyData(baseKey: Uint8Array, handshakeHash: Uint8Array): Promise<Uint8Array> {
  const finishedKey = await hkdfExpandLabel(baseKey, 'finished', new Uint8Array(0), HASH_LENGTH);
  return hmacSha256(finishedKey, handshakeHash);
}
