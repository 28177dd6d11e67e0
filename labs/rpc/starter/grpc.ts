/**
 * gRPC's message framing (PROTOCOL-HTTP2.md, Length-Prefixed-Message): one
 * flag byte, a 4-byte big-endian length, the message. (Stage grpc serves it
 * over node:http2.)
 */

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
