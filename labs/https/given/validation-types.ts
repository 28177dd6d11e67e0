/** What certificate path validation is given (RFC 5280 §6) and its chain limit. */

/** What validation needs besides the chain. */
export interface ValidationOptions {
  /** The name the client asked for (the SNI host name). */
  serverName: string;
  /** The time to check validity at (injected, so tests can travel in time). */
  now: Date;
  /** DER certificates of the roots the client trusts. */
  trustAnchors: Uint8Array[];
}

/** The longest chain followed, anchor excluded; real chains are 1–3 certificates. */
export const MAX_CHAIN_LENGTH = 8;
