/** The TLS 1.3 handshake messages this client sends and reads (RFC 8446 §4), as values. */

/** One handshake message: its type, its body, and all of it as sent (what the transcript hashes). */
export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
  /** Header and body, exactly as on the wire. */
  raw: Uint8Array;
}

/** One extension: type and opaque data (RFC 8446 §4.2). */
export interface Extension {
  type: number;
  data: Uint8Array;
}

/** What a ClientHello says (RFC 8446 §4.1.2); legacy_version and compression are fixed. */
export interface ClientHello {
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuites: number[];
  extensions: Extension[];
}

/** What a ServerHello says (RFC 8446 §4.1.3), with the two extensions a client needs picked out. */
export interface ServerHello {
  random: Uint8Array;
  sessionIdEcho: Uint8Array;
  cipherSuite: number;
  extensions: Extension[];
  /** True when `random` is the HelloRetryRequest value: the server wants another key share. */
  isHelloRetryRequest: boolean;
  /** The version from supported_versions, if present. */
  selectedVersion?: number;
  /** The server's key_share entry, if present (a HelloRetryRequest carries only a group). */
  keyShare?: { group: number; publicKey: Uint8Array };
}

/** A Certificate message (RFC 8446 §4.4.2): end-entity certificate first. */
export interface CertificateMessage {
  context: Uint8Array;
  /** DER certificates in the order sent. */
  certificates: Uint8Array[];
}

/** A CertificateVerify message (RFC 8446 §4.4.3). */
export interface CertificateVerify {
  scheme: number;
  signature: Uint8Array;
}
