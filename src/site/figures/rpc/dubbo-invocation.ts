/**
 * The chapter's calls as Dubbo puts them on the wire: the invocation body
 * DubboCodec.encodeRequestData writes (protocol version, service path, service
 * version, method, parameter-type descriptor, the arguments, the attachments:
 * one Hessian 2.0 value after another) and the response body
 * encodeResponseData writes, each value encoded by the RPC lab's reference
 * Hessian codec and framed by its reference frame codec (labs/rpc/solution).
 * The labelling walks the bytes the reference wrote, so HexView's fields and
 * the bytes cannot disagree.
 */
import { concat } from '../../../../labs/rpc/given/bytes.ts';
import { encodeFrame } from '../../../../labs/rpc/solution/frame.ts';
import { encode } from '../../../../labs/rpc/solution/hessian.ts';
import { HEADER_LENGTH, HESSIAN2, Status, type Frame } from '../../../../labs/rpc/given/frame-layout.ts';
import type { HessianValue } from '../../../../labs/rpc/given/hessian-types.ts';
import type { HexField, HexGroup } from '../../components/hex-view.ts';

/** The version of the Dubbo protocol a Dubbo 2.7 or 3 consumer writes first in every request body. */
export const DUBBO_PROTOCOL_VERSION = '2.0.2';
/** The service the order service calls. */
export const SERVICE = 'shop.InventoryService';
/** The service's version, as its provider registered it. */
export const SERVICE_VERSION = '1.0.0';
/** JVM descriptors of the parameter types the chapter's methods take. */
export const DESCRIPTOR = { String: 'Ljava/lang/String;', int: 'I' } as const;

/** One method call of the chapter: a method of InventoryService, its arguments and their Java types. */
export interface Call {
  method: string;
  args: { name: string; java: keyof typeof DESCRIPTOR; value: HessianValue }[];
}

/** The call the chapter follows byte by byte: reserve two of SKU-1042 for order A-1042. */
export const RESERVE: Call = {
  method: 'reserve',
  args: [
    { name: 'sku', java: 'String', value: 'SKU-1042' },
    { name: 'quantity', java: 'int', value: 2 },
    { name: 'orderId', java: 'String', value: 'A-1042' },
  ],
};

/** Dubbo's first value of a response body: a value follows, then attachments (DubboCodec's RESPONSE_VALUE_WITH_ATTACHMENTS). */
export const RESPONSE_VALUE_WITH_ATTACHMENTS = 4;

/** Colour groups for a Dubbo frame, in a fixed order so every view of one uses the same colours. */
export const DUBBO_GROUPS: readonly HexGroup[] = [
  { id: 'header', label: 'Dubbo header' },
  { id: 'tag', label: 'Hessian: type and length' },
  { id: 'data', label: 'Hessian: value bytes' },
];

/** A labelled run of one Hessian value's bytes. */
interface ValuePart {
  name: string;
  value: HessianValue;
  note: string;
}

/** The invocation body's values in the order DubboCodec writes them, each with what it is for. */
export function invocationValues(call: Call, attachments: Map<HessianValue, HessianValue>): ValuePart[] {
  return [
    { name: 'Protocol version', value: DUBBO_PROTOCOL_VERSION, note: 'The Dubbo protocol version of the caller, so the provider knows how to read the rest.' },
    { name: 'Service path', value: SERVICE, note: 'Which exported service: with the version, the key of the provider’s table of services.' },
    { name: 'Service version', value: SERVICE_VERSION, note: 'Several versions of one interface can be served side by side.' },
    { name: 'Method', value: call.method, note: 'The method to run.' },
    {
      name: 'Parameter types',
      value: call.args.map((a) => DESCRIPTOR[a.java]).join(''),
      note: 'JVM descriptors of the parameter types, to pick among overloads: the arguments that follow carry no names.',
    },
    ...call.args.map((a) => ({ name: `Argument ${a.name}`, value: a.value, note: `A ${a.java}, by position.` })),
    { name: 'Attachments', value: attachments, note: 'A map of strings riding along with the call: here the path and the timeout the caller gives it, in milliseconds.' },
  ];
}

/** The attachments the chapter's calls carry (a real consumer sends a few more: interface, version, group…). */
export function attachments(timeoutMs: number): Map<HessianValue, HessianValue> {
  return new Map<HessianValue, HessianValue>([
    ['path', SERVICE],
    ['timeout', String(timeoutMs)],
  ]);
}

/** The request body of `call`: its values, each Hessian-encoded by the reference, one after another. */
export function requestBody(call: Call, timeoutMs: number): Uint8Array {
  return concat(invocationValues(call, attachments(timeoutMs)).map((part) => encode(part.value)));
}

/** The response body for a result: the kind of response, the value, no attachments. */
export function responseBody(result: HessianValue): Uint8Array {
  return concat([encode(RESPONSE_VALUE_WITH_ATTACHMENTS), encode(result), encode(new Map())]);
}

/** A two-way Hessian request frame. */
export function requestFrame(id: bigint, body: Uint8Array): Frame {
  return { request: true, twoWay: true, event: false, serialization: HESSIAN2, status: 0, id, body };
}

/** An OK response frame to request `id`. */
export function responseFrame(id: bigint, body: Uint8Array): Frame {
  return { request: false, twoWay: false, event: false, serialization: HESSIAN2, status: Status.OK, id, body };
}

/** A frame ready for <HexView>. */
export interface FrameExample {
  bytes: Uint8Array;
  fields: HexField[];
  groups: readonly HexGroup[];
}

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

/** The request frame of `call` under request id `id`, every byte labelled. */
export function requestExample(call: Call, id: bigint, timeoutMs: number): FrameExample {
  const body = requestBody(call, timeoutMs);
  const bytes = encodeFrame(requestFrame(id, body));
  const flags = bytes[2]!;
  const section = 'Header (16 bytes)';
  const fields: HexField[] = [
    { name: 'Magic', offset: 0, length: 2, value: hex((bytes[0]! << 8) | bytes[1]!, 4), note: 'Every frame starts with these two bytes; anything else means the reader has lost its place in the stream.', group: 'header', section },
    {
      name: 'Flags',
      offset: 2,
      length: 1,
      value: `${hex(flags, 2)}: request ${flags >> 7}, two-way ${(flags >> 6) & 1}, event ${(flags >> 5) & 1}, serialization ${flags & 0x1f} (Hessian 2)`,
      note: 'Three bits say what the frame is; the low five name the serialization of the body.',
      group: 'header',
      section,
    },
    { name: 'Status', offset: 3, length: 1, value: String(bytes[3]), note: 'Used in responses only (20 is OK); a request leaves it 0.', group: 'header', section },
    { name: 'Request id', offset: 4, length: 8, value: String(id), note: 'Chosen by the caller, unique among its calls on this connection; the response carries it back.', group: 'header', section },
    { name: 'Body length', offset: 12, length: 4, value: `${body.length} bytes`, note: 'Big-endian, unsigned; the provider refuses bodies over its payload limit (8 MiB by default).', group: 'header', section },
  ];
  let offset = HEADER_LENGTH;
  for (const part of invocationValues(call, attachments(timeoutMs))) {
    const labelled = hessianFields(part, offset);
    fields.push(...labelled.fields);
    offset = labelled.next;
  }
  if (offset !== bytes.length) throw new Error(`labelled ${offset} of ${bytes.length} bytes of the ${call.method} request`);
  // A rule explained at its first field need not be repeated at the next dozen.
  const said = new Set<string>();
  for (const field of fields) {
    if (field.note === undefined) continue;
    if (said.has(field.note)) delete field.note;
    else said.add(field.note);
  }
  return { bytes, fields, groups: DUBBO_GROUPS };
}

/** The fields of one Hessian value at `offset`: the lead byte(s) that give type and length, then the value's own bytes. */
function hessianFields(part: ValuePart, offset: number): { fields: HexField[]; next: number } {
  const section = `Body: ${part.name.toLowerCase()}`;
  const encoded = encode(part.value);
  const value = part.value;
  if (typeof value === 'string') {
    // The reference writes the length in UTF-16 units before the UTF-8 bytes; what is not text is the length prefix.
    const text = new TextEncoder().encode(value).length;
    const prefix = encoded.length - text;
    return {
      fields: [
        { name: `${part.name}: length`, offset, length: prefix, value: `${value.length} characters`, note: prefix === 1 ? 'A string under 32 characters: its length is the whole first byte, 0x00 to 0x1f (Hessian 2.0 §4.12.1).' : 'A longer string: its length in the lead bytes (Hessian 2.0 §4.12).', group: 'tag', section },
        { name: `${part.name}: text`, offset: offset + prefix, length: text, value: JSON.stringify(value), note: part.note, group: 'data', section },
      ],
      next: offset + encoded.length,
    };
  }
  if (value instanceof Map) {
    const fields: HexField[] = [{ name: `${part.name}: map start`, offset, length: 1, value: "'H': an untyped map", note: part.note, group: 'tag', section }];
    let at = offset + 1;
    for (const [key, item] of value) {
      for (const [role, entry] of [['key', key], ['value', item]] as const) {
        const inner = hessianFields({ name: `${part.name} ${role}`, value: entry, note: `An entry’s ${role}.` }, at);
        fields.push(...inner.fields.map((f) => ({ ...f, section })));
        at = inner.next;
      }
    }
    fields.push({ name: `${part.name}: map end`, offset: at, length: 1, value: "'Z'", note: 'Ends the map (Hessian 2.0 §4.8).', group: 'tag', section });
    if (at + 1 - offset !== encoded.length) throw new Error(`labelled ${at + 1 - offset} of ${encoded.length} bytes of ${part.name}`);
    return { fields, next: at + 1 };
  }
  if (typeof value === 'number' && encoded.length === 1) {
    return { fields: [{ name: part.name, offset, length: 1, value: `${hex(encoded[0]!, 2)} = 0x90 + ${value}`, note: `${part.note} An int from -16 to 47 is one byte, 0x90 plus the value (Hessian 2.0 §4.5.1).`, group: 'data', section }], next: offset + 1 };
  }
  return { fields: [{ name: part.name, offset, length: encoded.length, value: String(value), note: part.note, group: 'data', section }], next: offset + encoded.length };
}

/** A heartbeat as a Dubbo consumer sends it: a two-way event request whose body is Hessian null. */
export function heartbeatRequest(id: bigint): Uint8Array {
  return encodeFrame({ request: true, twoWay: true, event: true, serialization: HESSIAN2, status: 0, id, body: encode(null) });
}
