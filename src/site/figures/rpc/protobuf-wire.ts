/**
 * Just enough of the Protocol Buffers wire format to encode the chapter's
 * sample message, because no protobuf library is installed here: base-128
 * varints, field tags, and fields of wire type 0 (VARINT: ints, bools) and
 * 2 (LEN: strings, bytes). Not a protobuf library: no schema, no other wire
 * types, no negative numbers (which int32 would write as ten bytes).
 * Source: protobuf.dev, "Encoding" (Base 128 Varints; Message Structure).
 */
import { concat } from '../../../../labs/rpc/given/bytes.ts';

/** A field of a message: its number in the .proto file and its value. */
export interface ProtoField {
  name: string;
  number: number;
  value: string | number | boolean;
}

/** One encoded field, in its three parts (the length only for wire type 2). */
export interface EncodedField {
  field: ProtoField;
  wireType: 0 | 2;
  tag: Uint8Array;
  length: Uint8Array;
  data: Uint8Array;
}

/** `value` as a varint: seven bits a byte, least significant group first, the high bit set on every byte but the last. */
export function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint: expected a non-negative safe integer; got ${value}`);
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** One field: tag = (field number << 3) | wire type, then the value (and before a string, its length in bytes). */
export function encodeField(field: ProtoField): EncodedField {
  if (typeof field.value === 'string') {
    const data = new TextEncoder().encode(field.value);
    return { field, wireType: 2, tag: varint(field.number * 8 + 2), length: varint(data.length), data };
  }
  const number = typeof field.value === 'boolean' ? Number(field.value) : field.value;
  return { field, wireType: 0, tag: varint(field.number * 8), length: new Uint8Array(0), data: varint(number) };
}

/** A message's bytes: its fields one after another, in field-number order as protobuf writers emit them. */
export function encodeMessage(fields: readonly ProtoField[]): { bytes: Uint8Array; fields: EncodedField[] } {
  const encoded = [...fields].sort((a, b) => a.number - b.number).map(encodeField);
  const bytes = concat(encoded.flatMap((f) => [f.tag, f.length, f.data]));
  return { bytes, fields: encoded };
}
