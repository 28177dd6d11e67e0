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
  return encodeBase64(sha1(new TextEncoder().encode(key + WEBSOCKET_GUID)));
}

/** Header fields of an HTTP/1.1 message head: lower-case name → values in order (a field may repeat). */
export function parseHeaderFields(lines: string[]): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    // RFC 9112 §5.1: no whitespace between the field name and the colon.
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) throw new HandshakeError(400, `malformed header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** The comma-separated tokens of every value of a field, lower-cased (RFC 9110 §5.6.1). */
function tokens(fields: Map<string, string[]>, name: string): string[] {
  return (fields.get(name) ?? []).flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean);
}

/** The one value of a field that must appear once. */
function single(fields: Map<string, string[]>, name: string): string | undefined {
  const values = fields.get(name);
  if (values && values.length > 1) throw new HandshakeError(400, `${name} appears ${values.length} times`);
  return values?.[0];
}

/**
 * Parses and validates a client's opening handshake (RFC 6455 §4.2.1): the
 * head of an HTTP/1.1 request, lines ending in CRLF, up to and including the
 * empty line. Throws HandshakeError with 405 for a method other than GET, 426
 * for a Sec-WebSocket-Version other than 13, and 400 for everything else wrong.
 */
export function parseOpeningHandshake(head: string): OpeningRequest {
  if (!head.endsWith('\r\n\r\n')) throw new HandshakeError(400, 'the request head must end with an empty line (CRLF CRLF)');
  const [requestLine = '', ...lines] = head.slice(0, -4).split('\r\n');
  const match = /^(\S+) (\S+) HTTP\/(\d)\.(\d)$/.exec(requestLine);
  if (!match) throw new HandshakeError(400, `malformed request line ${JSON.stringify(requestLine)}`);
  const [, method, resource, major, minor] = match;
  if (method !== 'GET') throw new HandshakeError(405, `the method must be GET, got ${method}`);
  // §4.1 item 2: HTTP/1.1 or higher.
  if (Number(major) < 1 || (major === '1' && minor === '0')) throw new HandshakeError(400, `HTTP/1.1 or later is required, got HTTP/${major}.${minor}`);
  const fields = parseHeaderFields(lines);

  const host = single(fields, 'host');
  if (!host) throw new HandshakeError(400, 'the Host header is missing');
  // §4.2.1 items 3-4: Upgrade contains "websocket", Connection contains the token "Upgrade" (both case-insensitive).
  if (!tokens(fields, 'upgrade').includes('websocket')) throw new HandshakeError(400, 'Upgrade must contain "websocket"');
  if (!tokens(fields, 'connection').includes('upgrade')) throw new HandshakeError(400, 'Connection must contain the token "Upgrade"');
  // §4.4: a version we do not speak gets 426 and the versions we do.
  const version = single(fields, 'sec-websocket-version');
  if (version !== '13') throw new HandshakeError(426, `Sec-WebSocket-Version must be 13, got ${version ?? 'nothing'}`);
  // §4.2.1 item 5: the key must decode to exactly 16 bytes.
  const key = single(fields, 'sec-websocket-key');
  if (key === undefined || decodeBase64(key)?.length !== 16) throw new HandshakeError(400, `Sec-WebSocket-Key must be base64 of 16 bytes, got ${key ?? 'nothing'}`);
  const protocols = (fields.get('sec-websocket-protocol') ?? []).flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
  return { resource: resource!, host, key, protocols, origin: single(fields, 'origin') };
}

/**
 * The server's 101 response (RFC 6455 §4.2.2 item 5), head only, ending in
 * CRLF CRLF. `protocol`, when given, must be one the client offered.
 */
export function acceptResponse(request: OpeningRequest, protocol?: string): string {
  if (protocol !== undefined && !request.protocols.includes(protocol)) {
    throw new RangeError(`the server may only choose a subprotocol the client offered (${request.protocols.join(', ') || 'none'}), not ${protocol}`);
  }
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(request.key)}`];
  if (protocol !== undefined) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The response refusing a handshake: its status, and for 426 the version we speak (RFC 6455 §4.4). */
export function rejectResponse(error: HandshakeError): string {
  const reason = { 400: 'Bad Request', 405: 'Method Not Allowed', 426: 'Upgrade Required' }[error.status];
  const body = error.message + '\n';
  const lines = [`HTTP/1.1 ${error.status} ${reason}`, 'Connection: close', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${new TextEncoder().encode(body).length}`];
  if (error.status === 426) lines.push('Sec-WebSocket-Version: 13');
  if (error.status === 405) lines.push('Allow: GET');
  return lines.join('\r\n') + '\r\n\r\n' + body;
}

/** A client's opening handshake for `resource` on `host` with `key` (base64 of 16 random bytes) (RFC 6455 §4.1). */
export function clientRequest(host: string, resource: string, key: string): string {
  return [`GET ${resource} HTTP/1.1`, `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13'].join('\r\n') + '\r\n\r\n';
}

/**
 * Checks a server's response head to the handshake sent with `key` (RFC 6455
 * §4.1, the client's checks 1-4); throws HandshakeError (400) naming the
 * first thing wrong. Returns the subprotocol the server chose, if any.
 */
export function checkServerResponse(head: string, key: string): string | undefined {
  const [statusLine = '', ...lines] = head.replace(/\r\n\r\n$/, '').split('\r\n');
  if (!/^HTTP\/1\.1 101( |$)/.test(statusLine)) throw new HandshakeError(400, `expected 101 Switching Protocols, got ${JSON.stringify(statusLine)}`);
  const fields = parseHeaderFields(lines);
  if (!tokens(fields, 'upgrade').includes('websocket')) throw new HandshakeError(400, 'the response lacks Upgrade: websocket');
  if (!tokens(fields, 'connection').includes('upgrade')) throw new HandshakeError(400, 'the response lacks Connection: Upgrade');
  const accept = single(fields, 'sec-websocket-accept');
  if (accept !== acceptKey(key)) throw new HandshakeError(400, `Sec-WebSocket-Accept is ${accept ?? 'missing'}, expected ${acceptKey(key)}`);
  return single(fields, 'sec-websocket-protocol');
}
