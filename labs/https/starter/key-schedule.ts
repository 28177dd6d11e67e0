/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1) for a full handshake without PSK:
 * early secret → handshake secret (with the ECDHE shared secret) → master secret,
 * and from them the traffic secrets, the record keys (§7.3) and Finished (§4.4.4).
 */
import { IV_LENGTH, KEY_LENGTH, type ApplicationSecrets, type HandshakeSecrets, type TrafficKeys } from '@impl/key-types.ts';

/**
 * From the ECDHE shared secret and Transcript-Hash(ClientHello..ServerHello):
 * Early Secret = HKDF-Extract(0, 0) when there is no PSK; Handshake Secret =
 * HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), shared secret); the two
 * handshake traffic secrets are Derive-Secret(Handshake Secret, "c hs traffic" /
 * "s hs traffic", ClientHello..ServerHello).
 */
export async function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array): Promise<HandshakeSecrets> {
  throw new Error('TODO(key-schedule): the handshake secrets, RFC 8446 §7.1');
}

/**
 * From the handshake secret and Transcript-Hash(ClientHello..server Finished):
 * Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0),
 * then "c ap traffic" and "s ap traffic".
 */
export async function applicationSecrets(handshakeSecret: Uint8Array, serverFinishedHash: Uint8Array): Promise<ApplicationSecrets> {
  throw new Error('TODO(key-schedule): the application secrets, RFC 8446 §7.1');
}

/** key = HKDF-Expand-Label(Secret, "key", "", 16), iv = HKDF-Expand-Label(Secret, "iv", "", 12) (RFC 8446 §7.3). */
export async function trafficKeys(trafficSecret: Uint8Array): Promise<TrafficKeys> {
  throw new Error('TODO(key-schedule): traffic keys, RFC 8446 §7.3');
}

/**
 * Finished's verify_data (RFC 8446 §4.4.4): HMAC(finished_key, transcript hash), with
 * finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) and BaseKey
 * the sender's handshake traffic secret.
 */
export async function finishedVerifyData(baseKey: Uint8Array, handshakeHash: Uint8Array): Promise<Uint8Array> {
  throw new Error('TODO(key-schedule): Finished verify_data, RFC 8446 §4.4.4');
}
