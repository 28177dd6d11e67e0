/**
 * Close status codes (RFC 6455 §7.4.1, registry in §11.7) and the one error
 * the lab throws on purpose. Every check that finds a peer breaking the
 * protocol throws `ProtocolError` with the code to close with, so the
 * connection can turn any bad input into the right Close frame (§7.1.7).
 */

/** The status codes this lab sends or must recognise. */
export const CloseCode = {
  /** §7.4.1: the purpose of the connection is fulfilled. */
  NORMAL: 1000,
  /** §7.4.1: an endpoint is going away (server shutting down, page navigated away). */
  GOING_AWAY: 1001,
  /** §7.4.1: a protocol error (reserved bits, bad opcode, unmasked client frame…). */
  PROTOCOL_ERROR: 1002,
  /** §7.4.1: a type of data the endpoint cannot accept. */
  UNSUPPORTED_DATA: 1003,
  /** §7.4.1: reserved, never sent: a Close frame arrived without a status code. */
  NO_STATUS: 1005,
  /** §7.4.1: reserved, never sent: the connection ended without a Close frame. */
  ABNORMAL: 1006,
  /** §7.4.1: data inconsistent with the message type, e.g. a text message that is not UTF-8. */
  INVALID_PAYLOAD: 1007,
  /** §7.4.1: a message that violates the endpoint's policy. */
  POLICY_VIOLATION: 1008,
  /** §7.4.1: a message too big to process. */
  MESSAGE_TOO_BIG: 1009,
  /** §7.4.1: sent by a client whose required extension the server did not accept. */
  MANDATORY_EXTENSION: 1010,
  /** §7.4.1: the server met an unexpected condition. */
  INTERNAL_ERROR: 1011,
  /** §7.4.1: reserved, never sent: the TLS handshake failed. */
  TLS_HANDSHAKE: 1015,
} as const;

/** A close status code: one of CloseCode, or an application's own (3000–4999). */
export type CloseCodeValue = number;

/** Thrown when the peer breaks RFC 6455; `code` is the status to close with. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  /** The close code this violation calls for (usually 1002, 1007 or 1009). */
  readonly code: CloseCodeValue;

  constructor(code: CloseCodeValue, message: string) {
    super(message);
    this.code = code;
  }
}

/** Thrown by the opening handshake when a request cannot be upgraded; `status` is the HTTP status to answer with. */
export class HandshakeError extends Error {
  override name = 'HandshakeError';
  /** 400 (malformed), 405 (not GET) or 426 (a WebSocket version this server does not speak, RFC 6455 §4.4). */
  readonly status: 400 | 405 | 426;

  constructor(status: 400 | 405 | 426, message: string) {
    super(message);
    this.status = status;
  }
}
