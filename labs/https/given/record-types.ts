/** A TLS record (RFC 8446 §5.1) and the content of a protected one once opened (§5.2). */

/** One record as it travels: the outer content type and the fragment (RFC 8446 §5.1). */
export interface TlsRecord {
  type: number;
  fragment: Uint8Array;
}

/** What a protected record really carried. */
export interface Unprotected {
  /** The real content type, from the end of TLSInnerPlaintext. */
  type: number;
  content: Uint8Array;
}
