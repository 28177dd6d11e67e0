/**
 * The first line of an HTTP/1.1 request (RFC 9112 §3):
 *
 *   request-line = method SP request-target SP HTTP-version CRLF
 *
 * e.g. "GET /search?q=a HTTP/1.1". This is all the lab reads of HTTP: enough
 * to recognise, at the top of the stack, what the frame was carrying.
 */
import type { HttpRequestLine } from '@impl/encapsulation-types.ts';

/** RFC 9112 §3 recommends supporting request lines of at least 8000 octets; we look no further. */
const MAX_REQUEST_LINE = 8000;

// RFC 9110 §5.6.2: token = 1*tchar.
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([^\s]+) (HTTP\/[0-9]\.[0-9])$/;

/**
 * The request line at the start of `payload`, or undefined when the payload
 * does not start with one: it must end in CRLF (a bare LF is accepted too,
 * RFC 9112 §2.2) within the first 8000 bytes and have exactly the three parts
 * separated by single spaces.
 */
export function parseHttpRequestLine(payload: Uint8Array): HttpRequestLine | undefined {
  const end = payload.subarray(0, MAX_REQUEST_LINE).indexOf(0x0a);
  if (end < 0) return undefined;
  const lineEnd = end > 0 && payload[end - 1] === 0x0d ? end - 1 : end;
  // Octets as Latin-1 characters: the grammar is ASCII, and no byte can make decoding fail.
  const line = String.fromCharCode(...payload.subarray(0, lineEnd));
  const match = REQUEST_LINE.exec(line);
  if (!match) return undefined;
  return { method: match[1]!, target: match[2]!, version: match[3]! };
}
