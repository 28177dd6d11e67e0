/**
 * gRPC's message framing (PROTOCOL-HTTP2.md, Length-Prefixed-Message): one
 * flag byte, a 4-byte big-endian length, the message. (Stage grpc serves it
 * over node:http2.)
 */
import { readU32, writeU32 } from '@impl/bytes.ts';

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
