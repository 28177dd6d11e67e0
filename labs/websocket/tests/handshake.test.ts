/**
 * Stage handshake: the opening handshake of RFC 6455 §4, checked against the
 * RFC's sample key and requests as browsers really send them. The Accept
 * values are fixed strings from the RFC and from Chromium's own checks, not
 * computed by your code.
 */
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '@impl/close-codes.ts';
import { acceptKey, acceptResponse, checkServerResponse, clientRequest, parseOpeningHandshake, rejectResponse } from '@impl/handshake.ts';
import { CHROMIUM_REQUEST, FIREFOX_REQUEST, head, RFC_ACCEPT, RFC_KEY, RFC_REQUEST, withHeader } from './fixtures/requests.ts';

const SEE = 'RFC 6455 §4.2.1';

/** Runs `parse` and returns the HandshakeError's status, failing clearly if it did not throw one. */
function statusOf(request: string): number {
  try {
    parseOpeningHandshake(request);
  } catch (error) {
    if (error instanceof HandshakeError) return error.status;
    throw new Error(`expected a HandshakeError, got ${String(error)}`);
  }
  throw new Error(`accepted a request it should refuse:\n${request}`);
}

describe('Sec-WebSocket-Accept', () => {
  it('is s3pPLMBiTxaQ9kYGzzhZRbK+xOo= for the RFC’s key dGhlIHNhbXBsZSBub25jZQ== (RFC 6455 §1.3)', () => {
    expect(acceptKey(RFC_KEY), 'base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))').toBe(RFC_ACCEPT);
  });

  it('is HSmrc0sMlYUkAGmm5OPpG2HaGWk= for the key x3JJHMbDL1EzLkh9GBhXDw==', () => {
    // The worked example in Wikipedia's WebSocket article, checked with node:crypto's SHA-1.
    expect(acceptKey('x3JJHMbDL1EzLkh9GBhXDw=='), 'the key is used as text, never decoded first').toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });
});

describe('parseOpeningHandshake', () => {
  it('reads the RFC’s sample request: resource, host, key, subprotocols in order, origin', () => {
    expect(parseOpeningHandshake(RFC_REQUEST), SEE).toEqual({
      resource: '/chat',
      host: 'server.example.com',
      key: RFC_KEY,
      protocols: ['chat', 'superchat'],
      origin: 'http://example.com',
    });
  });

  it('accepts Chromium’s and Firefox’s requests (Connection: keep-alive, Upgrade)', () => {
    expect(parseOpeningHandshake(CHROMIUM_REQUEST).key, 'Chromium').toBe('x3JJHMbDL1EzLkh9GBhXDw==');
    expect(parseOpeningHandshake(FIREFOX_REQUEST).protocols, 'Firefox, no subprotocol').toEqual([]);
    expect(parseOpeningHandshake(withHeader('Sec-WebSocket-Protocol', 'chat,,superchat')).protocols, 'empty list elements are ignored (RFC 9110 §5.6.1)').toEqual(['chat', 'superchat']);
  });

  it('compares header names and the Upgrade/Connection tokens case-insensitively', () => {
    const shouting = head('GET / HTTP/1.1', 'HOST: a', 'UPGRADE: WebSocket', 'connection: upgrade', `sec-websocket-key: ${RFC_KEY}`, 'SEC-WEBSOCKET-VERSION: 13');
    expect(parseOpeningHandshake(shouting).key, 'RFC 9110 §5.1: field names are case-insensitive; §4.2.1: so are these tokens').toBe(RFC_KEY);
  });

  it('refuses a method other than GET with 405', () => {
    expect(statusOf(RFC_REQUEST.replace('GET', 'POST')), `${SEE} item 1: the method MUST be GET`).toBe(405);
  });

  it('refuses HTTP/1.0 with 400', () => {
    expect(statusOf(RFC_REQUEST.replace('HTTP/1.1', 'HTTP/1.0')), `${SEE} item 1: HTTP/1.1 or higher`).toBe(400);
  });

  it.each([
    ['no Host', withHeader('Host', null), 'item 2'],
    ['no Upgrade', withHeader('Upgrade', null), 'item 3'],
    ['Upgrade: h2c', withHeader('Upgrade', 'h2c'), 'item 3'],
    ['no Connection', withHeader('Connection', null), 'item 4'],
    ['Connection: keep-alive alone', withHeader('Connection', 'keep-alive'), 'item 4'],
    ['Connection: Upgraded (a token is a whole word)', withHeader('Connection', 'Upgraded'), 'item 4'],
    ['no key', withHeader('Sec-WebSocket-Key', null), 'item 5'],
    ['a key of 15 bytes', withHeader('Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25j'), 'item 5'],
    ['a key of 17 bytes', withHeader('Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZTE='), 'item 5'],
    ['a key of 24 characters that is not base64', withHeader('Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ!!'), 'item 5'],
    ['two keys', RFC_REQUEST.replace('\r\n\r\n', `\r\nSec-WebSocket-Key: ${RFC_KEY}\r\n\r\n`), 'item 5: exactly one'],
    ['a request without the final empty line', RFC_REQUEST.slice(0, -2), 'RFC 9112 §2.1'],
    ['a header line without a colon', RFC_REQUEST.replace('Origin: http://example.com', 'Origin http://example.com'), 'RFC 9112 §5'],
    ['whitespace before a header’s colon', RFC_REQUEST.replace('Upgrade: websocket', 'Upgrade : websocket'), 'RFC 9112 §5.1'],
    ['a malformed request line', RFC_REQUEST.replace('GET /chat HTTP/1.1', 'GET /chat'), 'RFC 9112 §3'],
    ['a request line with something after the version', RFC_REQUEST.replace('GET /chat HTTP/1.1', 'GET /chat HTTP/1.1 x'), 'RFC 9112 §3'],
    ['a request line with something before the method', RFC_REQUEST.replace('GET /chat HTTP/1.1', 'x GET /chat HTTP/1.1'), 'RFC 9112 §3'],
    ['HTTP/0.9', RFC_REQUEST.replace('HTTP/1.1', 'HTTP/0.9'), 'item 1'],
    ['a header line that is one word', RFC_REQUEST.replace('Origin: http://example.com', 'Origin'), 'RFC 9112 §5'],
    ['a header line with no name', RFC_REQUEST.replace('Origin: http://example.com', ': http://example.com'), 'RFC 9112 §5'],
  ])('refuses %s with 400', (_name, request, item) => {
    expect(statusOf(request), `${SEE} ${item}`).toBe(400);
  });

  it('answers a version other than 13 with 426 (RFC 6455 §4.4)', () => {
    expect(statusOf(withHeader('Sec-WebSocket-Version', '8')), 'version 8 was a draft').toBe(426);
    expect(statusOf(withHeader('Sec-WebSocket-Version', null)), 'no version at all').toBe(426);
  });
});

describe('the server’s answer', () => {
  it('is 101 with Upgrade, Connection and the Accept, ending in an empty line (RFC 6455 §4.2.2)', () => {
    const response = acceptResponse(parseOpeningHandshake(RFC_REQUEST));
    const [status, ...rest] = response.split('\r\n');
    expect(status, 'the status line').toBe('HTTP/1.1 101 Switching Protocols');
    expect(response.endsWith('\r\n\r\n'), 'the head ends with CRLF CRLF').toBe(true);
    const fields = rest.filter(Boolean).map((line) => line.toLowerCase());
    expect(fields, 'header fields (compared lower-cased)').toEqual(expect.arrayContaining(['upgrade: websocket', 'connection: upgrade', `sec-websocket-accept: ${RFC_ACCEPT.toLowerCase()}`]));
    expect(fields.some((f) => f.startsWith('sec-websocket-protocol')), 'no subprotocol unless one is chosen').toBe(false);
  });

  it('names the chosen subprotocol, and only one the client offered', () => {
    const request = parseOpeningHandshake(RFC_REQUEST);
    expect(acceptResponse(request, 'superchat'), 'RFC 6455 §4.2.2 item 5.5').toContain('\r\nSec-WebSocket-Protocol: superchat\r\n');
    expect(() => acceptResponse(request, 'mqtt'), 'a subprotocol the client did not offer').toThrow(RangeError);
  });

  it('refuses with the error’s status, and 426 names version 13 (RFC 6455 §4.4)', () => {
    const refusal = rejectResponse(new HandshakeError(426, 'version 8'));
    expect(refusal.split('\r\n')[0], 'status line').toMatch(/^HTTP\/1\.1 426 /);
    expect(refusal, 'tells the client which version to use').toMatch(/\r\nSec-WebSocket-Version: 13\r\n/i);
    const bad = rejectResponse(new HandshakeError(400, 'no key'));
    expect(bad.split('\r\n')[0], 'status line').toMatch(/^HTTP\/1\.1 400 /);
    const [head, body] = [bad.slice(0, bad.indexOf('\r\n\r\n')), bad.slice(bad.indexOf('\r\n\r\n') + 4)];
    expect(head, 'Content-Length matches the body, so the client reads exactly the explanation (RFC 9112 §6.3)').toMatch(new RegExp(`\r\nContent-Length: ${new TextEncoder().encode(body).length}(\r\n|$)`, 'i'));
    expect(rejectResponse(new HandshakeError(405, 'POST')), '405 names the allowed method (RFC 9110 §15.5.6)').toMatch(/\r\nAllow: GET\r\n/i);
  });
});

describe('the client’s side', () => {
  it('sends GET with Host, Upgrade, Connection, the key and version 13 (RFC 6455 §4.1)', () => {
    const request = clientRequest('server.example.com', '/chat', RFC_KEY);
    expect(request.split('\r\n')[0], 'request line').toBe('GET /chat HTTP/1.1');
    // The server side of this lab reads it back as the RFC's request.
    expect(parseOpeningHandshake(request), 'the request passes every server check').toMatchObject({ resource: '/chat', host: 'server.example.com', key: RFC_KEY });
  });

  it('accepts the RFC’s 101 and refuses a wrong Accept, a 200, and a missing Upgrade', () => {
    const good = head('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${RFC_ACCEPT}`, 'Sec-WebSocket-Protocol: chat');
    expect(checkServerResponse(good, RFC_KEY), 'the subprotocol the server chose').toBe('chat');
    expect(checkServerResponse(good.replace('101 Switching Protocols', '101'), RFC_KEY), 'a status line without a reason phrase (RFC 9112 §4)').toBe('chat');
    const wrongAccept = good.replace(RFC_ACCEPT, 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
    expect(() => checkServerResponse(wrongAccept, RFC_KEY), 'RFC 6455 §4.1: an Accept for another key means the server did not read ours').toThrow(HandshakeError);
    expect(() => checkServerResponse(good.replace('101 Switching Protocols', '200 OK'), RFC_KEY), 'a 200 means no upgrade').toThrow(HandshakeError);
    expect(() => checkServerResponse(good.replace('Upgrade: websocket\r\n', ''), RFC_KEY), 'no Upgrade header').toThrow(HandshakeError);
    expect(() => checkServerResponse(good.replace('Connection: Upgrade\r\n', ''), RFC_KEY), 'no Connection header').toThrow(HandshakeError);
    expect(() => checkServerResponse(good.replace(`Sec-WebSocket-Accept: ${RFC_ACCEPT}\r\n`, ''), RFC_KEY), 'no Accept at all').toThrow(HandshakeError);
  });
});
