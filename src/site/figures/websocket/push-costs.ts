/**
 * What it costs to learn "shipped" by polling, by long polling and over a
 * WebSocket, counted in bytes at build time: real-sized HTTP/1.1 heads (a
 * browser's fetch with a session cookie, and a typical API response) against
 * frames encoded by the WebSocket lab's reference codec. Bytes of TCP and
 * TLS are left out: they add the same per packet to every method.
 */
import { Opcode } from '../../../../labs/websocket/given/frame-types.ts';
import { encodeFrame } from '../../../../labs/websocket/solution/frame.ts';
import { STATUS_PUSH } from './websocket-frames.ts';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n\r\n';
const size = (text: string) => new TextEncoder().encode(text).length;

/** A browser's poll for the order's status, as a fetch() from the shop's page sends it over HTTP/1.1. */
export const POLL_REQUEST = crlf([
  'GET /api/orders/A-1042/status HTTP/1.1',
  'Host: shop.example',
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  'Accept: application/json',
  'Accept-Encoding: gzip, deflate, br, zstd',
  'Accept-Language: en-US,en;q=0.9',
  'Referer: https://shop.example/orders/A-1042',
  'Cookie: session=8f3a1c5e9b7d4f20a6c1e3b5d7f9a2c4; cart=0',
  'Sec-Fetch-Mode: cors',
  'Sec-Fetch-Site: same-origin',
  'Sec-Fetch-Dest: empty',
]);

/** The status while it has not changed yet. */
export const PENDING_BODY = '{"order":"A-1042","status":"packing"}';

/** The answer while nothing has changed. */
export const POLL_RESPONSE_HEAD = crlf([
  'HTTP/1.1 200 OK',
  'Date: Fri, 04 Dec 2026 16:00:00 GMT',
  'Content-Type: application/json',
  `Content-Length: ${size(PENDING_BODY)}`,
  'Cache-Control: no-store',
  'Vary: Accept-Encoding',
]);

/** The costs over one hour in which the status changes `updates` times. */
export interface PushCosts {
  /** Bytes of one poll, request and response. */
  pollBytes: number;
  /** One hour of polling every `pollIntervalS`. */
  pollingPerHour: number;
  /** The WebSocket's opening handshake, both ways. */
  handshakeBytes: number;
  /** One status push as a frame, and its payload alone. */
  pushFrameBytes: number;
  pushPayloadBytes: number;
  /** One heartbeat: the server's Ping and the client's masked Pong. */
  heartbeatBytes: number;
  /** One hour of WebSocket: the handshake, the pushes and a Ping every 50 s. */
  websocketPerHour: number;
  /** Mean delay before the page learns of a change: half the polling interval, against one one-way trip. */
  pollIntervalS: number;
  updates: number;
}

/** Counts the bytes for polling every `pollIntervalS` seconds against one WebSocket, over an hour with `updates` status changes. */
export function pushCosts(pollIntervalS = 5, updates = 3): PushCosts {
  const pollBytes = size(POLL_REQUEST) + size(POLL_RESPONSE_HEAD) + size(PENDING_BODY);
  const polls = 3600 / pollIntervalS;
  const handshake = size(
    crlf(['GET /orders/A-1042/status HTTP/1.1', 'Host: shop.example', 'Upgrade: websocket', 'Connection: Upgrade', 'Origin: https://shop.example', 'Cookie: session=8f3a1c5e9b7d4f20a6c1e3b5d7f9a2c4; cart=0', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13']),
  ) + size(crlf(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=']));
  const payload = new TextEncoder().encode(STATUS_PUSH);
  const pushFrameBytes = encodeFrame({ fin: true, rsv: 0, opcode: Opcode.TEXT, payload }).length;
  const heartbeatBytes = encodeFrame({ fin: true, rsv: 0, opcode: Opcode.PING, payload: new Uint8Array(0) }).length + encodeFrame({ fin: true, rsv: 0, opcode: Opcode.PONG, payload: new Uint8Array(0) }, new Uint8Array(4)).length;
  return {
    pollBytes,
    pollingPerHour: pollBytes * polls,
    handshakeBytes: handshake,
    pushFrameBytes,
    pushPayloadBytes: payload.length,
    heartbeatBytes,
    websocketPerHour: handshake + updates * pushFrameBytes + Math.floor(3600 / 50) * heartbeatBytes,
    pollIntervalS,
    updates,
  };
}
