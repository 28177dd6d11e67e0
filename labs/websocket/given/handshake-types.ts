/**
 * What the opening handshake (RFC 6455 §4) fixes that the learner only uses:
 * the GUID every Sec-WebSocket-Accept hashes, and what a server learns from
 * a valid request.
 */

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** What the server learns from a valid opening handshake. */
export interface OpeningRequest {
  /** The request target, e.g. "/orders/42/status". */
  resource: string;
  /** The Host header's value. */
  host: string;
  /** Sec-WebSocket-Key as sent (base64 of 16 bytes). */
  key: string;
  /** Sec-WebSocket-Protocol's subprotocols in the client's order of preference; empty if none. */
  protocols: string[];
  /** The Origin header, if any (browsers always send it; RFC 6455 §4.1 item 8). */
  origin: string | undefined;
}
