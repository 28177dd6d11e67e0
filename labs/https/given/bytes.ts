/**
 * Reading and writing TLS's presentation language (RFC 8446 §3): big-endian
 * integers of 1, 2 and 3 bytes and vectors prefixed with their length. A read past
 * the end throws TlsAlert('decode_error'), which is the alert RFC 8446 §6.2 asks
 * for when a message cannot be parsed. This file is complete.
 */
import { TlsAlert } from './alerts.ts';

/** The bytes of all the arrays, one after another. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** ASCII/UTF-8 text as bytes. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Reads fields in order from a byte array; every read checks the bounds. */
export class ByteReader {
  private at = 0;
  private readonly data: Uint8Array;
  private readonly what: string;

  /** `what` names the structure in error messages, e.g. "ServerHello". */
  constructor(data: Uint8Array, what = 'message') {
    this.data = data;
    this.what = what;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.data.length - this.at;
  }

  /** The offset of the next byte. */
  get offset(): number {
    return this.at;
  }

  u8(): number {
    return this.take(1, 'a 1-byte field')[0]!;
  }

  u16(): number {
    const b = this.take(2, 'a 2-byte field');
    return (b[0]! << 8) | b[1]!;
  }

  u24(): number {
    const b = this.take(3, 'a 3-byte length');
    return (b[0]! << 16) | (b[1]! << 8) | b[2]!;
  }

  /** The next `n` bytes (a view, not a copy). */
  bytes(n: number, field = `${n} bytes`): Uint8Array {
    return this.take(n, field);
  }

  /** A vector with a 1-byte length prefix (`opaque x<0..2^8-1>`). */
  vector8(field = 'a vector'): Uint8Array {
    return this.take(this.u8(), field);
  }

  /** A vector with a 2-byte length prefix (`opaque x<0..2^16-1>`). */
  vector16(field = 'a vector'): Uint8Array {
    return this.take(this.u16(), field);
  }

  /** A vector with a 3-byte length prefix (`opaque x<0..2^24-1>`). */
  vector24(field = 'a vector'): Uint8Array {
    return this.take(this.u24(), field);
  }

  /** Throws decode_error unless every byte has been read. */
  end(): void {
    if (this.remaining !== 0) throw new TlsAlert('decode_error', `${this.what}: ${this.remaining} bytes left over at offset ${this.at}`);
  }

  private take(n: number, field: string): Uint8Array {
    if (n > this.remaining) {
      throw new TlsAlert('decode_error', `${this.what}: ${field} needs ${n} bytes at offset ${this.at}, only ${this.remaining} left`);
    }
    const out = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** Builds a message field by field; `bytes()` returns the result. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  u8(value: number): this {
    return this.raw(Uint8Array.of(value & 0xff));
  }

  u16(value: number): this {
    return this.raw(Uint8Array.of((value >>> 8) & 0xff, value & 0xff));
  }

  u24(value: number): this {
    return this.raw(Uint8Array.of((value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff));
  }

  /** Bytes as they are, with no length prefix. */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  /** A vector with a 1-byte length prefix. */
  vector8(bytes: Uint8Array): this {
    return this.u8(checkLength(bytes, 0xff)).raw(bytes);
  }

  /** A vector with a 2-byte length prefix. */
  vector16(bytes: Uint8Array): this {
    return this.u16(checkLength(bytes, 0xffff)).raw(bytes);
  }

  /** A vector with a 3-byte length prefix. */
  vector24(bytes: Uint8Array): this {
    return this.u24(checkLength(bytes, 0xffffff)).raw(bytes);
  }

  bytes(): Uint8Array {
    return concat(...this.parts);
  }
}

function checkLength(bytes: Uint8Array, max: number): number {
  if (bytes.length > max) throw new RangeError(`a vector of ${bytes.length} bytes does not fit a length prefix of at most ${max}`);
  return bytes.length;
}
