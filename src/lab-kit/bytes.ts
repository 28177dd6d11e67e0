/**
 * Byte diagnostics for graders: when bytes differ, say where, in which field,
 * and show both sides as hex with the first differing byte marked
 * (CodeCrafters-style), instead of dumping two arrays of numbers.
 */
import { LabAssertionError } from './assertion.ts';

/** A named byte range of a message, e.g. `{ name: 'header.flags', offset: 2, length: 2 }`. */
export interface ByteField {
  name: string;
  offset: number;
  length: number;
}

export interface ExpectBytesOptions {
  /** What the bytes are, for the first line of the message: "the encoded query". */
  what?: string;
  /** Field layout of the expected bytes, to name the field of the first difference. */
  fields?: readonly ByteField[];
  /** Where the chapter or RFC explains the format: "RFC 1035 §4.1.1". */
  see?: string;
}

const ROW = 16;

/** Two hex digits per byte, space separated. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Parses "12 34 ab" or "1234ab" (whitespace ignored) into bytes; for readable fixtures. */
export function fromHex(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) {
    throw new Error(`fromHex: "${hex.slice(0, 40)}" is not an even number of hex digits`);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Index of the first byte where the two differ, or -1 when equal (a length difference counts). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** The field that holds byte `index`, or undefined. */
export function fieldAt(fields: readonly ByteField[], index: number): ByteField | undefined {
  return fields.find((f) => index >= f.offset && index < f.offset + f.length);
}

function row(bytes: Uint8Array, start: number): string {
  const cells: string[] = [];
  for (let i = start; i < start + ROW; i++) cells.push(i < bytes.length ? bytes[i]!.toString(16).padStart(2, '0') : '  ');
  return cells.join(' ').trimEnd();
}

function describeByte(bytes: Uint8Array, index: number): string {
  return index < bytes.length ? `0x${bytes[index]!.toString(16).padStart(2, '0')}` : 'end of data';
}

/**
 * Asserts that `actual` equals `expected` byte for byte. On failure the message
 * names the first differing offset and its field, and shows the 16-byte rows
 * around it with a caret under the difference.
 */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, options: ExpectBytesOptions = {}): void {
  if (!(actual instanceof Uint8Array)) {
    throw new LabAssertionError(
      `${options.what ?? 'value'}: expected a Uint8Array, got ${actual === null ? 'null' : typeof actual}`,
      String(actual),
      toHex(expected),
    );
  }
  const at = firstDifference(actual, expected);
  if (at === -1) return;

  const field = options.fields ? fieldAt(options.fields, at) : undefined;
  const rowStart = Math.floor(at / ROW) * ROW;
  const caretColumn = (at - rowStart) * 3;
  const offsetLabel = rowStart.toString(16).padStart(4, '0');
  const lines = [
    `${options.what ?? 'bytes'} differ at offset ${at}` +
      (field ? ` (field ${field.name}, bytes ${field.offset}–${field.offset + field.length - 1})` : '') +
      `: expected ${describeByte(expected, at)}, got ${describeByte(actual, at)}`,
    `lengths: expected ${expected.length} bytes, got ${actual.length}`,
    `          ${offsetLabel}  ${row(expected, rowStart)}   (expected)`,
    `          ${offsetLabel}  ${row(actual, rowStart)}   (actual)`,
    `          ${' '.repeat(4)}  ${' '.repeat(caretColumn)}^^`,
  ];
  if (options.see) lines.push(`see ${options.see}`);
  throw new LabAssertionError(lines.join('\n'), toHex(actual), toHex(expected), {
    kind: 'bytes',
    offset: at,
    field: field?.name,
    fields: options.fields,
    expected: toHex(expected),
    actual: toHex(actual),
  });
}
