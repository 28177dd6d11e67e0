/**
 * The code points this lab's TLS 1.3 client uses, from the IANA TLS registries
 * (RFC 8446 §4, §5.1, §B.3). This file is complete.
 */

/** Record content types (RFC 8446 §5.1). */
export const ContentType = {
  change_cipher_spec: 20,
  alert: 21,
  handshake: 22,
  application_data: 23,
} as const;

/** Handshake message types (RFC 8446 §4). */
export const HandshakeType = {
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_request: 13,
  certificate_verify: 15,
  finished: 20,
  key_update: 24,
} as const;

/** Extension types (RFC 8446 §4.2; server_name is RFC 6066 §3). */
export const ExtensionType = {
  server_name: 0,
  supported_groups: 10,
  signature_algorithms: 13,
  supported_versions: 43,
  key_share: 51,
} as const;

/** TLS_AES_128_GCM_SHA256, the one cipher suite this lab implements (RFC 8446 §B.4). */
export const TLS_AES_128_GCM_SHA256 = 0x1301;

/** x25519, the one key-exchange group this lab implements (RFC 8446 §4.2.7). */
export const GROUP_X25519 = 0x001d;

/** Signature schemes (RFC 8446 §4.2.3): the client accepts ecdsa_secp256r1_sha256 only. */
export const SignatureScheme = {
  ecdsa_secp256r1_sha256: 0x0403,
  rsa_pss_rsae_sha256: 0x0804,
} as const;

/** TLS 1.3 in supported_versions; 0x0303 (TLS 1.2) in every legacy_version field (RFC 8446 §4.1.2, §5.1). */
export const TLS13 = 0x0304;
export const LEGACY_VERSION = 0x0303;

/**
 * The `random` of a HelloRetryRequest: a ServerHello with this value is a request to
 * try again with another key share, not a ServerHello (RFC 8446 §4.1.3).
 */
export const HELLO_RETRY_REQUEST_RANDOM = Uint8Array.of(
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
);

/** Largest TLSPlaintext fragment (2^14) and TLSCiphertext payload (2^14 + 256) (RFC 8446 §5.1, §5.2). */
export const MAX_PLAINTEXT = 1 << 14;
export const MAX_CIPHERTEXT = (1 << 14) + 256;
