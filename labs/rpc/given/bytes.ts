/**
 * Given code: big-endian readers and writers for the widths the Dubbo header
 * and Hessian use. The learner reads it and imports it as `@impl/bytes.ts`.
 */
import { TruncatedError } from './errors.ts';

function need(bytes: Uint8Array, offset: number, width: number): void {
  if (offset < 0 || offset + width > bytes.length) {
    throw new TruncatedError(`need ${width} bytes at offset ${offset}, have ${Math.max(0, bytes.length - offset)}`);
  }
}

/** The unsigned big-endian 16-bit number at `offset`. */
export function readU16(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 2);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** The unsigned big-endian 32-bit number at `offset`. */
export function readU32(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 4);
  return ((bytes[offset]! << 24) >>> 0) + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

/** The signed (two's complement) big-endian 32-bit number at `offset`. */
export function readI32(bytes: Uint8Array, offset: number): number {
  return readU32(bytes, offset) | 0;
}

/** The unsigned big-endian 64-bit number at `offset`, as a bigint. */
export function readU64(bytes: Uint8Array, offset: number): bigint {
  need(bytes, offset, 8);
  return (BigInt(readU32(bytes, offset)) << 32n) | BigInt(readU32(bytes, offset + 4));
}

/** The signed (two's complement) big-endian 64-bit number at `offset`, as a bigint. */
export function readI64(bytes: Uint8Array, offset: number): bigint {
  return BigInt.asIntN(64, readU64(bytes, offset));
}

/** The big-endian IEEE 754 double at `offset`. */
export function readF64(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 8);
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getFloat64(0);
}

/** Writes `value` (0 to 65535) big-endian at `offset`. */
export function writeU16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 8;
  bytes[offset + 1] = value & 0xff;
}

/** Writes the low 32 bits of `value` big-endian at `offset` (signed and unsigned alike). */
export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/** Writes the low 64 bits of `value` big-endian at `offset` (signed and unsigned alike). */
export function writeU64(bytes: Uint8Array, offset: number, value: bigint): void {
  const unsigned = BigInt.asUintN(64, value);
  writeU32(bytes, offset, Number(unsigned >> 32n));
  writeU32(bytes, offset + 4, Number(unsigned & 0xffffffffn));
}

/** Writes `value` as a big-endian IEEE 754 double at `offset`. */
export function writeF64(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset + offset, 8).setFloat64(0, value);
}

/** The parts one after another, in a new array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
