/**
 * The opening handshake (RFC 6455 §4): an HTTP/1.1 GET with `Upgrade:
 * websocket`, answered by `101 Switching Protocols` whose
 * Sec-WebSocket-Accept proves the server read this request's key. Both
 * sides: the server parses and answers, the client builds and checks.
 */
import { decodeBase64, encodeBase64 } from '@impl/base64.ts';
import { HandshakeError } from '@impl/close-codes.ts';
import { WEBSOCKET_GUID, type OpeningRequest } from '@impl/handshake-types.ts';
import { sha1 } from '@impl/sha1.ts';

/** Sec-WebSocket-Accept for `key`: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2 item 5.4). */
export function acceptKey(key: string): string {
  throw new Error('TODO(handshake): SHA-1 of the key followed by WEBSOCKET_GUID, in base64 (sha1.ts and base64.ts are given)');
}

/** Header fields of an HTTP/1.1 message head: lower-case name → values in order (a field may repeat). */
export function parseHeaderFields(lines: string[]): Map<string, string[]> {
  throw new Error('TODO(handshake): split each line at its first colon; names are case-insensitive, values are trimmed');
}

/**
 * Parses and validates a client's opening handshake (RFC 6455 §4.2.1): the
 * head of an HTTP/1.1 request, lines ending in CRLF, up to and including the
 * empty line. Throws HandshakeError with 405 for a method other than GET, 426
 * for a Sec-WebSocket-Version other than 13, and 400 for everything else wrong.
 */
export function parseOpeningHandshake(head: string): OpeningRequest {
  throw new Error('TODO(handshake): check the request line and the headers of RFC 6455 §4.2.1, item by item');
}

/**
 * The server's 101 response (RFC 6455 §4.2.2 item 5), head only, ending in
 * CRLF CRLF. `protocol`, when given, must be one the client offered.
 */
export function acceptResponse(request: OpeningRequest, protocol?: string): string {
  throw new Error('TODO(handshake): 101 Switching Protocols with Upgrade, Connection and Sec-WebSocket-Accept');
}

/** The response refusing a handshake: its status, and for 426 the version we speak (RFC 6455 §4.4). */
export function rejectResponse(error: HandshakeError): string {
  throw new Error('TODO(handshake): a status line with error.status, and Sec-WebSocket-Version: 13 for 426');
}

/** A client's opening handshake for `resource` on `host` with `key` (base64 of 16 random bytes) (RFC 6455 §4.1). */
export function clientRequest(host: string, resource: string, key: string): string {
  throw new Error('TODO(handshake): GET with Host, Upgrade, Connection, Sec-WebSocket-Key and Sec-WebSocket-Version');
}

/**
 * Checks a server's response head to the handshake sent with `key` (RFC 6455
 * §4.1, the client's checks 1-4); throws HandshakeError (400) naming the
 * first thing wrong. Returns the subprotocol the server chose, if any.
 */
export function checkServerResponse(head: string, key: string): string | undefined {
  throw new Error('TODO(handshake): 101, Upgrade, Connection, and the Accept that acceptKey(key) gives');
}
