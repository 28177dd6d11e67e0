/**
 * Stage grpc: a unary gRPC server over node:http2, with gRPC's own message
 * framing (PROTOCOL-HTTP2.md, Length-Prefixed-Message: one flag byte, a
 * 4-byte big-endian length, the message). The HTTP status is 200 for every
 * gRPC call, whatever its outcome: the outcome is `grpc-status` (and
 * `grpc-message`) in the trailers, sent after the response message, or alone
 * in a Trailers-Only response when there is no message.
 */
import type http2 from 'node:http2';
import type { UnaryHandler } from '@impl/grpc-call.ts';

/** Bytes before each message: the compressed flag and the length. */
export const GRPC_PREFIX_LENGTH = 5;

/** `message` with its 5-byte prefix, uncompressed. */
export function encodeGrpcMessage(message: Uint8Array): Uint8Array {
  throw new Error('TODO(grpc): the flag byte, the length, then the message');
}

/** The message at `offset` and the offset after it, or null when the bytes end before it does. */
export function decodeGrpcMessage(bytes: Uint8Array, offset = 0): { compressed: boolean; message: Uint8Array; next: number } | null {
  throw new Error('TODO(grpc): read the prefix, and wait until the whole message is there');
}

/** A `grpc-timeout` value ("250m", "5S", "1H"…) in milliseconds, or null when it is malformed. */
export function parseGrpcTimeout(value: string): number | null {
  throw new Error('TODO(grpc): a number of at most 8 digits, then one unit letter');
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
  throw new Error('TODO(grpc): an http2 server whose streams each serve one call');
}
