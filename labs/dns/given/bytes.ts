/**
 * Byte-level reading and writing shared by every codec: big-endian integers
 * (RFC 1035 §2.3.2: "network order"), bounds checks that fail with
 * DnsFormatError 'truncated' instead of reading `undefined`, and a growable
 * writer whose `length` is the offset of the next byte, which is what name
 * compression needs to remember.
 */
import { DnsFormatError } from './errors.ts';

/** What every decoder returns: the value, and how many bytes it consumed starting at `offset`. */
export interface Decoded<T> {
  value: T;
  bytesRead: number;
}

/** Reads one octet at `offset`, or throws DnsFormatError 'truncated'. */
export function readU8(bytes: Uint8Array, offset: number): number {
  const value = bytes[offset];
  if (value === undefined || offset < 0) throw new DnsFormatError('truncated', 'expected 1 more byte', offset);
  return value;
}

/** Reads a big-endian 16-bit unsigned integer at `offset`, or throws DnsFormatError 'truncated'. */
export function readU16(bytes: Uint8Array, offset: number): number {
  checkAvailable(bytes, offset, 2);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** Reads a big-endian 32-bit unsigned integer at `offset`, or throws DnsFormatError 'truncated'. */
export function readU32(bytes: Uint8Array, offset: number): number {
  checkAvailable(bytes, offset, 4);
  // Multiply instead of `<< 24`, which would make the result negative when the top bit is set.
  return bytes[offset]! * 0x1000000 + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

/** Copies `length` bytes starting at `offset`, or throws DnsFormatError 'truncated'. */
export function readBytes(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  checkAvailable(bytes, offset, length);
  return bytes.slice(offset, offset + length);
}

/** Throws DnsFormatError 'truncated' unless `bytes` holds `length` bytes from `offset`. */
export function checkAvailable(bytes: Uint8Array, offset: number, length: number): void {
  if (offset < 0 || offset + length > bytes.length) {
    throw new DnsFormatError(
      'truncated',
      `expected ${length} byte${length === 1 ? '' : 's'}, only ${Math.max(0, bytes.length - offset)} left`,
      offset,
    );
  }
}

/** An append-only byte buffer; `length` is the offset the next byte will have. */
export class ByteWriter {
  #buffer = new Uint8Array(512);
  #length = 0;

  /** Number of bytes written so far, i.e. the offset of the next byte. */
  get length(): number {
    return this.#length;
  }

  /** Appends one octet. */
  u8(value: number): void {
    checkRange(value, 0xff, 'an 8-bit field');
    this.#reserve(1);
    this.#buffer[this.#length++] = value;
  }

  /** Appends a big-endian 16-bit unsigned integer. */
  u16(value: number): void {
    checkRange(value, 0xffff, 'a 16-bit field');
    this.#reserve(2);
    this.#buffer[this.#length++] = value >>> 8;
    this.#buffer[this.#length++] = value & 0xff;
  }

  /** Appends a big-endian 32-bit unsigned integer. */
  u32(value: number): void {
    checkRange(value, 0xffffffff, 'a 32-bit field');
    this.#reserve(4);
    this.#buffer[this.#length++] = value >>> 24;
    this.#buffer[this.#length++] = (value >>> 16) & 0xff;
    this.#buffer[this.#length++] = (value >>> 8) & 0xff;
    this.#buffer[this.#length++] = value & 0xff;
  }

  /** Appends bytes as they are. */
  bytes(data: Uint8Array): void {
    this.#reserve(data.length);
    this.#buffer.set(data, this.#length);
    this.#length += data.length;
  }

  /** Overwrites a 16-bit value written earlier, e.g. an RDLENGTH known only after the RDATA. */
  setU16(offset: number, value: number): void {
    checkRange(value, 0xffff, 'a 16-bit field');
    if (offset < 0 || offset + 2 > this.#length) throw new RangeError(`setU16: offset ${offset} was never written`);
    this.#buffer[offset] = value >>> 8;
    this.#buffer[offset + 1] = value & 0xff;
  }

  /** A copy of everything written so far. */
  toBytes(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#buffer.length) return;
    const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.#length + extra));
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
  }
}

function checkRange(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new DnsFormatError('value-out-of-range', `${value} does not fit ${what} (0–${max})`);
  }
}
