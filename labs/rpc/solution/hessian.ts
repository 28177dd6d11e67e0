/**
 * A Hessian 2.0 codec for a subset of its types: null, boolean, int, long,
 * double, string, binary, untyped list and untyped map. It writes the same
 * compact forms as Caucho's Hessian2Output and hessian.js, and reads every
 * form they write for these types.
 * Grammar: http://hessian.caucho.com/doc/hessian-serialization.html (§3, §4).
 */
import { concat, readF64, readI32, readI64, readU16, writeF64, writeU16, writeU32, writeU64 } from '@impl/bytes.ts';
import { HessianError, TruncatedError } from '@impl/errors.ts';
import { Double, type HessianValue } from '@impl/hessian-types.ts';

/** Binary chunk size, as Hessian2Output and hessian.js write long binaries. */
const BINARY_CHUNK = 4093;
/** String chunk size in UTF-16 units (spec: at most 0x8000). */
const STRING_CHUNK = 0x8000;

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** The Hessian 2.0 bytes of `value`. Throws RangeError for a value outside the subset (a long beyond 64 bits, a non-value). */
export function encode(value: HessianValue): Uint8Array {
  const out: Uint8Array[] = [];
  write(value, out);
  return concat(out);
}

/** The value at the start of `bytes` and the offset just after it. Throws TruncatedError or HessianError. */
export function decodeValue(bytes: Uint8Array, offset = 0): { value: HessianValue; next: number } {
  return new Reader(bytes, offset).value();
}

/** The one value `bytes` holds; throws HessianError if bytes are left after it. */
export function decode(bytes: Uint8Array): HessianValue {
  const { value, next } = decodeValue(bytes);
  if (next !== bytes.length) throw new HessianError(`${bytes.length - next} bytes left after the value`, next);
  return value;
}

function write(value: HessianValue, out: Uint8Array[]): void {
  if (value === null) out.push(Uint8Array.of(0x4e)); // N
  else if (value === true) out.push(Uint8Array.of(0x54)); // T
  else if (value === false) out.push(Uint8Array.of(0x46)); // F
  else if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) out.push(int(value));
    else out.push(double(value));
  } else if (typeof value === 'bigint') out.push(long(value));
  else if (value instanceof Double) out.push(double(value.value));
  else if (typeof value === 'string') string(value, out);
  else if (value instanceof Uint8Array) binary(value, out);
  else if (Array.isArray(value)) {
    // Fixed-length untyped list: x78-x7f for up to 7 items, else x58 and an int.
    out.push(value.length <= 7 ? Uint8Array.of(0x78 + value.length) : concat([Uint8Array.of(0x58), int(value.length)]));
    for (const item of value) write(item, out);
  } else if (value instanceof Map) {
    out.push(Uint8Array.of(0x48)); // H: untyped map
    for (const [key, item] of value) {
      write(key, out);
      write(item, out);
    }
    out.push(Uint8Array.of(0x5a)); // Z
  } else throw new RangeError(`not a value of the Hessian subset: ${String(value)}`);
}

/** §4.5: one byte for -16..47, two for -2048..2047, three for -262144..262143, else I and four. */
function int(value: number): Uint8Array {
  if (value >= -16 && value <= 47) return Uint8Array.of(0x90 + value);
  if (value >= -2048 && value <= 2047) return Uint8Array.of(0xc8 + (value >> 8), value & 0xff);
  if (value >= -262144 && value <= 262143) return Uint8Array.of(0xd4 + (value >> 16), (value >> 8) & 0xff, value & 0xff);
  const bytes = Uint8Array.of(0x49, 0, 0, 0, 0);
  writeU32(bytes, 1, value);
  return bytes;
}

/** §4.7: one byte for -8..15, two for -2048..2047, three for -262144..262143, Y and four for 32 bits, else L and eight. */
function long(value: bigint): Uint8Array {
  if (value < -(2n ** 63n) || value >= 2n ** 63n) throw new RangeError(`a long is 64 bits signed; ${value} does not fit`);
  if (value >= -8n && value <= 15n) return Uint8Array.of(0xe0 + Number(value));
  const small = Number(value);
  if (value >= -2048n && value <= 2047n) return Uint8Array.of(0xf8 + (small >> 8), small & 0xff);
  if (value >= -262144n && value <= 262143n) return Uint8Array.of(0x3c + (small >> 16), (small >> 8) & 0xff, small & 0xff);
  if (value >= BigInt(INT32_MIN) && value <= BigInt(INT32_MAX)) {
    const bytes = Uint8Array.of(0x59, 0, 0, 0, 0);
    writeU32(bytes, 1, small);
    return bytes;
  }
  const bytes = new Uint8Array(9);
  bytes[0] = 0x4c;
  writeU64(bytes, 1, value);
  return bytes;
}

/** §4.4: 0.0 and 1.0 in one byte, whole values in a byte or a short, thousandths in an int (x5f, as Hessian2Output writes it), else D and eight. */
function double(value: number): Uint8Array {
  if (Number.isInteger(value)) {
    if (value === 0) return Uint8Array.of(0x5b);
    if (value === 1) return Uint8Array.of(0x5c);
    if (value >= -0x80 && value < 0x80) return Uint8Array.of(0x5d, value & 0xff);
    if (value >= -0x8000 && value < 0x8000) return Uint8Array.of(0x5e, (value >> 8) & 0xff, value & 0xff);
  }
  const mills = Math.trunc(value * 1000);
  if (mills >= INT32_MIN && mills <= INT32_MAX && mills * 0.001 === value) {
    const bytes = Uint8Array.of(0x5f, 0, 0, 0, 0);
    writeU32(bytes, 1, mills);
    return bytes;
  }
  const bytes = new Uint8Array(9);
  bytes[0] = 0x44;
  writeF64(bytes, 1, value);
  return bytes;
}

/** Each UTF-16 unit as one to three bytes (surrogates one by one, as Java writes them). */
function utf16Units(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes.push(unit);
    else if (unit < 0x800) bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/** §4.12: the length counts UTF-16 units; x00-x1f up to 31, x30-x33 up to 1023, else S; R chunks of 0x8000 before. */
function string(text: string, out: Uint8Array[]): void {
  let rest = text;
  while (rest.length > STRING_CHUNK) {
    // A chunk may not end between the two halves of a surrogate pair.
    const last = rest.charCodeAt(STRING_CHUNK - 1);
    const size = last >= 0xd800 && last <= 0xdbff ? STRING_CHUNK - 1 : STRING_CHUNK;
    const head = Uint8Array.of(0x52, 0, 0);
    writeU16(head, 1, size);
    out.push(head, utf16Units(rest.slice(0, size)));
    rest = rest.slice(size);
  }
  const n = rest.length;
  if (n <= 31) out.push(Uint8Array.of(n));
  else if (n <= 1023) out.push(Uint8Array.of(0x30 + (n >> 8), n & 0xff));
  else out.push(Uint8Array.of(0x53, n >> 8, n & 0xff));
  out.push(utf16Units(rest));
}

/** §4.1: x20-x2f up to 15 bytes, x34-x37 up to 1023, else B; A chunks before. */
function binary(data: Uint8Array, out: Uint8Array[]): void {
  let rest = data;
  if (rest.length > 15) {
    while (rest.length > BINARY_CHUNK) {
      out.push(Uint8Array.of(0x41, BINARY_CHUNK >> 8, BINARY_CHUNK & 0xff), rest.subarray(0, BINARY_CHUNK));
      rest = rest.subarray(BINARY_CHUNK);
    }
  }
  const n = rest.length;
  if (n <= 15) out.push(Uint8Array.of(0x20 + n));
  else if (n <= 1023) out.push(Uint8Array.of(0x34 + (n >> 8), n & 0xff));
  else out.push(Uint8Array.of(0x42, n >> 8, n & 0xff));
  out.push(rest.slice());
}

/** Reads values from `bytes`, moving `at` past each. */
class Reader {
  private readonly bytes: Uint8Array;
  private at: number;

  constructor(bytes: Uint8Array, at: number) {
    this.bytes = bytes;
    this.at = at;
  }

  value(): { value: HessianValue; next: number } {
    const value = this.read();
    return { value, next: this.at };
  }

  private byte(): number {
    if (this.at >= this.bytes.length) throw new TruncatedError(`need 1 byte at offset ${this.at}, have 0`);
    return this.bytes[this.at++]!;
  }

  private take(count: number): Uint8Array {
    if (this.at + count > this.bytes.length) throw new TruncatedError(`need ${count} bytes at offset ${this.at}, have ${this.bytes.length - this.at}`);
    const part = this.bytes.slice(this.at, this.at + count);
    this.at += count;
    return part;
  }

  private u16(): number {
    const value = readU16(this.bytes, this.at);
    this.at += 2;
    return value;
  }

  private i32(): number {
    const value = readI32(this.bytes, this.at);
    this.at += 4;
    return value;
  }

  private read(): HessianValue {
    const start = this.at;
    const code = this.byte();
    if (code === 0x4e) return null;
    if (code === 0x54) return true;
    if (code === 0x46) return false;
    // int
    if (code >= 0x80 && code <= 0xbf) return code - 0x90;
    if (code >= 0xc0 && code <= 0xcf) return ((code - 0xc8) << 8) + this.byte();
    if (code >= 0xd0 && code <= 0xd7) return ((code - 0xd4) << 16) + this.u16();
    if (code === 0x49) return this.i32();
    // long
    if (code >= 0xd8 && code <= 0xef) return BigInt(code - 0xe0);
    if (code >= 0xf0) return BigInt(((code - 0xf8) << 8) + this.byte());
    if (code >= 0x38 && code <= 0x3f) return BigInt(((code - 0x3c) << 16) + this.u16());
    if (code === 0x59) return BigInt(this.i32());
    if (code === 0x4c) {
      const value = readI64(this.bytes, this.at);
      this.at += 8;
      return value;
    }
    // double
    if (code === 0x5b) return new Double(0);
    if (code === 0x5c) return new Double(1);
    if (code === 0x5d) return new Double((this.byte() << 24) >> 24);
    if (code === 0x5e) return new Double((this.u16() << 16) >> 16);
    if (code === 0x5f) return new Double(this.i32() * 0.001);
    if (code === 0x44) {
      const value = readF64(this.bytes, this.at);
      this.at += 8;
      return new Double(value);
    }
    // string
    if (code <= 0x1f) return this.units(code, start);
    if (code >= 0x30 && code <= 0x33) return this.units(((code - 0x30) << 8) + this.byte(), start);
    if (code === 0x52 || code === 0x53) return this.chunkedString(code);
    // binary
    if (code >= 0x20 && code <= 0x2f) return this.take(code - 0x20);
    if (code >= 0x34 && code <= 0x37) return this.take(((code - 0x34) << 8) + this.byte());
    if (code === 0x41 || code === 0x42) return this.chunkedBinary(code);
    // list
    if (code >= 0x78 && code <= 0x7f) return this.items(code - 0x78);
    if (code === 0x58) {
      const length = this.read();
      if (typeof length !== 'number' || length < 0) throw new HessianError('a list length must be a non-negative int', start + 1);
      return this.items(length);
    }
    if (code === 0x57) {
      const items: HessianValue[] = [];
      while (this.peek() !== 0x5a) items.push(this.read());
      this.at++;
      return items;
    }
    if (code === 0x48) {
      const map = new Map<HessianValue, HessianValue>();
      while (this.peek() !== 0x5a) map.set(this.read(), this.read());
      this.at++;
      return map;
    }
    throw new HessianError(`code 0x${code.toString(16).padStart(2, '0')} is not a value of the lab's Hessian subset`, start);
  }

  private peek(): number {
    if (this.at >= this.bytes.length) throw new TruncatedError(`need 1 byte at offset ${this.at}, have 0`);
    return this.bytes[this.at]!;
  }

  private items(count: number): HessianValue[] {
    const items: HessianValue[] = [];
    for (let i = 0; i < count; i++) items.push(this.read());
    return items;
  }

  private chunkedString(code: number): string {
    let text = '';
    let last = code;
    for (;;) {
      text += this.units(this.u16(), this.at - 3);
      if (last === 0x53) return text;
      const next = this.byte();
      if (next <= 0x1f) return text + this.units(next, this.at - 1);
      if (next >= 0x30 && next <= 0x33) return text + this.units(((next - 0x30) << 8) + this.byte(), this.at - 2);
      if (next !== 0x52 && next !== 0x53) throw new HessianError('a string chunk must be followed by another string chunk', this.at - 1);
      last = next;
    }
  }

  private chunkedBinary(code: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let last = code;
    for (;;) {
      parts.push(this.take(this.u16()));
      if (last === 0x42) return concat(parts);
      const next = this.byte();
      if (next >= 0x20 && next <= 0x2f) return concat([...parts, this.take(next - 0x20)]);
      if (next >= 0x34 && next <= 0x37) return concat([...parts, this.take(((next - 0x34) << 8) + this.byte())]);
      if (next !== 0x41 && next !== 0x42) throw new HessianError('a binary chunk must be followed by another binary chunk', this.at - 1);
      last = next;
    }
  }

  /** `count` UTF-16 units, each written as one to three bytes. */
  private units(count: number, start: number): string {
    const units: number[] = [];
    for (let i = 0; i < count; i++) {
      const lead = this.byte();
      if (lead < 0x80) units.push(lead);
      else if (lead >= 0xc0 && lead < 0xe0) units.push(((lead & 0x1f) << 6) | this.continuation(start));
      else if (lead >= 0xe0 && lead < 0xf0) units.push(((lead & 0x0f) << 12) | (this.continuation(start) << 6) | this.continuation(start));
      else throw new HessianError(`byte 0x${lead.toString(16)} cannot start a character of a Hessian string`, this.at - 1);
    }
    return String.fromCharCode(...units);
  }

  private continuation(start: number): number {
    const byte = this.byte();
    if ((byte & 0xc0) !== 0x80) throw new HessianError(`byte 0x${byte.toString(16)} in the string starting at ${start} is not a continuation byte`, this.at - 1);
    return byte & 0x3f;
  }
}
