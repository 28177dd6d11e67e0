/** The key schedule's secrets and traffic keys (RFC 8446 §7.1, §7.3), with their lengths for TLS_AES_128_GCM_SHA256. */

/** The secrets of the handshake phase. */
export interface HandshakeSecrets {
  earlySecret: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
}

/** The secrets of the application phase. */
export interface ApplicationSecrets {
  masterSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
}

/** The AEAD key and IV of one direction (RFC 8446 §7.3). */
export interface TrafficKeys {
  key: Uint8Array;
  iv: Uint8Array;
}

/** AES-128-GCM: a 16-byte key and a 12-byte IV (RFC 8446 §B.4, RFC 5116). */
export const KEY_LENGTH = 16;

export const IV_LENGTH = 12;
