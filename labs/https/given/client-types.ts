/** The TLS client's states, options and what one step of it hands back (RFC 8446 §2, §A.1). */
import type { AlertName } from './alerts.ts';

/** The client's states (RFC 8446 Appendix A.1, without PSK, early data or client certificates). */
export type ClientState =
  | 'start'
  | 'wait-server-hello'
  | 'wait-encrypted-extensions'
  | 'wait-certificate'
  | 'wait-certificate-verify'
  | 'wait-finished'
  | 'connected'
  | 'closed';

/** Everything the client needs from outside. */
export interface TlsClientOptions {
  /** The host name to ask for (SNI) and to find in the certificate. */
  serverName: string;
  /** The 32-byte ClientHello.random. */
  random: Uint8Array;
  /** The 32-byte X25519 private key of the key share. */
  privateKey: Uint8Array;
  /** DER certificates of the roots the client trusts. */
  trustAnchors: Uint8Array[];
  /** The time at which certificates must be valid. */
  now: Date;
}

/** What one call to receive() produced. */
export interface ClientOutput {
  /** Bytes to write to the server (records; possibly none). */
  send: Uint8Array;
  /** Application data that arrived from the server. */
  received: Uint8Array;
}

/** How the connection ended, once it has. */
export interface ClientClosure {
  /** The alert that ended it. */
  alert: AlertName;
  /** True when this client sent the alert, false when the server did. */
  sentByClient: boolean;
  reason: string;
}
