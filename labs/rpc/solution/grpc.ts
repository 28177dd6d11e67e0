/**
 * Stage grpc: a unary gRPC server over node:http2, with gRPC's own message
 * framing (PROTOCOL-HTTP2.md, Length-Prefixed-Message: one flag byte, a
 * 4-byte big-endian length, the message). The HTTP status is 200 for every
 * gRPC call, whatever its outcome: the outcome is `grpc-status` (and
 * `grpc-message`) in the trailers, sent after the response message, or alone
 * in a Trailers-Only response when there is no message.
 */
import http2 from 'node:http2';
import { readU32, writeU32 } from '@impl/bytes.ts';
import { DEFAULT_MAX_MESSAGE, GrpcError, GrpcStatus, type UnaryHandler } from '@impl/grpc-call.ts';

/** Bytes before each message: the compressed flag and the length. */
export const GRPC_PREFIX_LENGTH = 5;

/** `message` with its 5-byte prefix, uncompressed. */
export function encodeGrpcMessage(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(GRPC_PREFIX_LENGTH + message.length);
  writeU32(out, 1, message.length);
  out.set(message, GRPC_PREFIX_LENGTH);
  return out;
}

/** The message at `offset` and the offset after it, or null when the bytes end before it does. */
export function decodeGrpcMessage(bytes: Uint8Array, offset = 0): { compressed: boolean; message: Uint8Array; next: number } | null {
  if (bytes.length - offset < GRPC_PREFIX_LENGTH) return null;
  const length = readU32(bytes, offset + 1);
  const end = offset + GRPC_PREFIX_LENGTH + length;
  if (bytes.length < end) return null;
  return { compressed: bytes[offset] === 1, message: bytes.slice(offset + GRPC_PREFIX_LENGTH, end), next: end };
}

// PROTOCOL-HTTP2.md, Timeout: at most 8 digits, then the unit.
const TIMEOUT_UNITS_MS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 1e-3, n: 1e-6 };

/** A `grpc-timeout` value ("250m", "5S", "1H"…) in milliseconds, or null when it is malformed. */
export function parseGrpcTimeout(value: string): number | null {
  const match = /^(\d{1,8})([HMSmun])$/.exec(value);
  return match ? Number(match[1]) * TIMEOUT_UNITS_MS[match[2]!]! : null;
}

/**
 * An HTTP/2 server (cleartext, not yet listening) serving `methods`, keyed by
 * path ("/shop.Inventory/GetStock"). Unknown methods get UNIMPLEMENTED, a
 * handler's GrpcError its code, any other error UNKNOWN, a call still running
 * at its deadline DEADLINE_EXCEEDED, a compressed request UNIMPLEMENTED (only
 * identity is accepted), a message over `maxMessageBytes` (default DEFAULT_MAX_MESSAGE) RESOURCE_EXHAUSTED,
 * and a request without exactly one message INTERNAL; every error status
 * comes with a grpc-message saying why.
 */
export function createGrpcServer(methods: Readonly<Record<string, UnaryHandler>>, options: { maxMessageBytes?: number } = {}): http2.Http2Server {
  const table = new Map(Object.entries(methods));
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
  const server = http2.createServer();
  server.on('stream', (stream, headers) => serve(stream, headers, table, maxMessageBytes));
  return server;
}

/** A grpc-message value: UTF-8, with every byte outside 0x20–0x7e and "%" percent-encoded (PROTOCOL-HTTP2.md, Status-Message). */
function percentEncode(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function serve(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, table: ReadonlyMap<string, UnaryHandler>, maxMessageBytes: number): void {
  // A client that resets the stream makes it emit 'error'; the call just ends ('close' below).
  stream.on('error', () => {});
  // Not a gRPC request: there is no call to give a grpc-status to, so HTTP's own answer (PROTOCOL-HTTP2.md).
  if (headers[':method'] !== 'POST' || !/^application\/grpc([+;]|$)/.test(String(headers['content-type'] ?? ''))) {
    stream.respond({ ':status': 415 }, { endStream: true });
    return;
  }
  const method = String(headers[':path']);
  const aborter = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;

  const settle = (): boolean => {
    if (done) return false;
    done = true;
    clearTimeout(timer);
    return !stream.destroyed;
  };
  // Trailers-Only: one HEADERS frame with the status, ending the stream.
  const fail = (code: number, message: string, extra: http2.OutgoingHttpHeaders = {}): void => {
    if (!settle()) return;
    aborter.abort(new GrpcError(code, message));
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(code), 'grpc-message': percentEncode(message), ...extra }, { endStream: true });
  };
  const reply = (message: Uint8Array): void => {
    if (!settle()) return;
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GrpcStatus.OK) }));
    stream.end(encodeGrpcMessage(message));
  };
  // Closed before an answer was sent: the client cancelled (or reset) the call.
  stream.on('close', () => {
    if (done) return;
    settle();
    aborter.abort(new GrpcError(GrpcStatus.CANCELLED, 'the client cancelled the call'));
  });

  let deadline: number | null = null;
  const timeout = headers['grpc-timeout'];
  if (timeout !== undefined) {
    const ms = parseGrpcTimeout(String(timeout));
    if (ms === null) return fail(GrpcStatus.INTERNAL, `malformed grpc-timeout "${String(timeout)}"`);
    deadline = Date.now() + ms;
    timer = setTimeout(() => fail(GrpcStatus.DEADLINE_EXCEEDED, `deadline of ${String(timeout)} exceeded`), ms);
  }
  const handler = table.get(method);
  if (!handler) return fail(GrpcStatus.UNIMPLEMENTED, `unknown method ${method}`);

  let body = new Uint8Array(0);
  stream.on('data', (chunk: Uint8Array) => {
    if (done) return;
    const joined = new Uint8Array(body.length + chunk.length);
    joined.set(body);
    joined.set(chunk, body.length);
    body = joined;
    if (body.length < GRPC_PREFIX_LENGTH) return;
    // Checked on the prefix alone, before the message is buffered.
    const length = readU32(body, 1);
    if (body[0] !== 0) fail(GrpcStatus.UNIMPLEMENTED, 'compressed message: this server accepts identity only', { 'grpc-accept-encoding': 'identity' });
    else if (length > maxMessageBytes) fail(GrpcStatus.RESOURCE_EXHAUSTED, `message of ${length} bytes, over the limit of ${maxMessageBytes}`);
    else if (body.length > GRPC_PREFIX_LENGTH + length) fail(GrpcStatus.INTERNAL, 'more than one message in a unary request');
  });
  stream.on('end', () => {
    if (done) return;
    const request = decodeGrpcMessage(body);
    if (request === null) return fail(GrpcStatus.INTERNAL, 'the request ended before its message did');
    Promise.resolve()
      .then(() => handler(request.message, { method, deadline, signal: aborter.signal }))
      .then(reply, (error: unknown) => {
        if (error instanceof GrpcError) fail(error.code, error.message);
        else fail(GrpcStatus.UNKNOWN, error instanceof Error ? error.message : String(error));
      });
  });
}
