/**
 * HTTP/1.1 messages as text (RFC 9112), just what the trip's clients and
 * servers say: a request or response with Content-Length framing, parsed
 * from a growing byte buffer once it is complete.
 */
import type { Fields, HttpRequest, HttpResponse } from '../../labs/cdn/given/http.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A request's bytes; `url`'s path goes in the request line, its host in Host. */
export function formatRequest(request: HttpRequest): Uint8Array {
  const url = new URL(request.url);
  const body = request.body ?? '';
  const fields = { host: url.host, ...request.headers, ...(request.body === undefined ? {} : { 'content-length': String(encoder.encode(body).length) }) };
  return encoder.encode(`${request.method} ${url.pathname}${url.search} HTTP/1.1\r\n${formatFields(fields)}\r\n${body}`);
}

/** A response's bytes. */
export function formatResponse(response: HttpResponse): Uint8Array {
  const fields = { ...response.headers, 'content-length': String(encoder.encode(response.body).length) };
  return encoder.encode(`HTTP/1.1 ${response.status} ${reason(response.status)}\r\n${formatFields(fields)}\r\n${response.body}`);
}

function formatFields(fields: Fields): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
}

function reason(status: number): string {
  return { 200: 'OK', 201: 'Created', 409: 'Conflict', 502: 'Bad Gateway', 504: 'Gateway Timeout' }[status] ?? 'Status';
}

/** One message's head and body, once the buffer holds all of it; `rest` is what follows. */
interface Split {
  startLine: string;
  headers: Record<string, string>;
  body: string;
  rest: Uint8Array;
}

function split(buffer: Uint8Array): Split | undefined {
  const text = decoder.decode(buffer);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [startLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const headBytes = encoder.encode(text.slice(0, end + 4)).length;
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < headBytes + length) return undefined;
  return { startLine: startLine!, headers, body: decoder.decode(buffer.subarray(headBytes, headBytes + length)), rest: buffer.slice(headBytes + length) };
}

/** The first complete request in `buffer` (its URL made absolute with `scheme`), or undefined until there is one. */
export function parseRequest(buffer: Uint8Array, scheme: 'http' | 'https'): { request: HttpRequest; rest: Uint8Array } | undefined {
  const message = split(buffer);
  if (message === undefined) return undefined;
  const [method = '', target = ''] = message.startLine.split(' ');
  const request: HttpRequest = {
    method,
    url: `${scheme}://${message.headers['host'] ?? 'localhost'}${target}`,
    headers: message.headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: message.body }),
  };
  return { request, rest: message.rest };
}

/** The first complete response in `buffer`, or undefined until there is one. */
export function parseResponse(buffer: Uint8Array): { response: HttpResponse; rest: Uint8Array } | undefined {
  const message = split(buffer);
  if (message === undefined) return undefined;
  return { response: { status: Number(message.startLine.split(' ')[1]), headers: message.headers, body: message.body }, rest: message.rest };
}
