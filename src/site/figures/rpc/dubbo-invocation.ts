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
import { hexText, inBoth, type HexField, type HexGroup } from '../../components/hex-view.ts';
import type { Localized } from '../../../course/locale.ts';

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
  { id: 'header', label: inBoth('Dubbo header', 'Dubbo 首部') },
  { id: 'tag', label: inBoth('Hessian: type and length', 'Hessian：类型和长度') },
  { id: 'data', label: inBoth('Hessian: value bytes', 'Hessian：值的字节') },
];

/** A labelled run of one Hessian value's bytes. */
interface ValuePart {
  name: Localized;
  value: HessianValue;
  note: Localized;
}

/** The invocation body's values in the order DubboCodec writes them, each with what it is for. */
export function invocationValues(call: Call, attachments: Map<HessianValue, HessianValue>): ValuePart[] {
  return [
    {
      name: inBoth('Protocol version', '协议版本'),
      value: DUBBO_PROTOCOL_VERSION,
      note: inBoth('The Dubbo protocol version of the caller, so the provider knows how to read the rest.', '调用方的 Dubbo 协议版本，让提供者知道该如何读取后面的内容。'),
    },
    {
      name: inBoth('Service path', '服务路径'),
      value: SERVICE,
      note: inBoth('Which exported service: with the version, the key of the provider’s table of services.', '要调用哪个暴露出来的服务：它和版本一起，构成提供者服务表的键。'),
    },
    { name: inBoth('Service version', '服务版本'), value: SERVICE_VERSION, note: inBoth('Several versions of one interface can be served side by side.', '同一个接口的多个版本可以同时提供服务。') },
    { name: inBoth('Method', '方法'), value: call.method, note: inBoth('The method to run.', '要执行的方法。') },
    {
      name: inBoth('Parameter types', '参数类型'),
      value: call.args.map((a) => DESCRIPTOR[a.java]).join(''),
      note: inBoth(
        'JVM descriptors of the parameter types, to pick among overloads: the arguments that follow carry no names.',
        '参数类型的 JVM 描述符，用来在重载方法之间做选择：后面的参数不带名字。',
      ),
    },
    ...call.args.map((a) => ({ name: inBoth(`Argument ${a.name}`, `参数 ${a.name}`), value: a.value, note: inBoth(`A ${a.java}, by position.`, `一个 ${a.java}，按位置传递。`) })),
    {
      name: inBoth('Attachments', '附件（attachments）'),
      value: attachments,
      note: inBoth(
        'A map of strings riding along with the call: here the path and the timeout the caller gives it, in milliseconds.',
        '随调用一起传递的字符串映射：这里是路径，以及调用方给出的超时时间（毫秒）。',
      ),
    },
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
  const section = inBoth('Header (16 bytes)', '首部（16 字节）');
  const bits = [flags >> 7, (flags >> 6) & 1, (flags >> 5) & 1, flags & 0x1f] as const;
  const fields: HexField[] = [
    {
      name: 'Magic',
      offset: 0,
      length: 2,
      value: hex((bytes[0]! << 8) | bytes[1]!, 4),
      note: inBoth('Every frame starts with these two bytes; anything else means the reader has lost its place in the stream.', '每一帧都以这两个字节开头；如果不是，说明读取方在字节流中迷失了位置。'),
      group: 'header',
      section,
    },
    {
      name: inBoth('Flags', '标志（Flags）'),
      offset: 2,
      length: 1,
      value: inBoth(
        `${hex(flags, 2)}: request ${bits[0]}, two-way ${bits[1]}, event ${bits[2]}, serialization ${bits[3]} (Hessian 2)`,
        `${hex(flags, 2)}：请求 ${bits[0]}，双向 ${bits[1]}，事件 ${bits[2]}，序列化 ${bits[3]}（Hessian 2）`,
      ),
      note: inBoth('Three bits say what the frame is; the low five name the serialization of the body.', '三个位说明这是什么帧；低五位指明消息体的序列化方式。'),
      group: 'header',
      section,
    },
    { name: inBoth('Status', '状态（Status）'), offset: 3, length: 1, value: String(bytes[3]), note: inBoth('Used in responses only (20 is OK); a request leaves it 0.', '只在响应中使用（20 表示 OK）；请求中为 0。'), group: 'header', section },
    {
      name: inBoth('Request id', '请求 id'),
      offset: 4,
      length: 8,
      value: String(id),
      note: inBoth('Chosen by the caller, unique among its calls on this connection; the response carries it back.', '由调用方选定，在这条连接上它的所有调用中唯一；响应会把它带回来。'),
      group: 'header',
      section,
    },
    {
      name: inBoth('Body length', '消息体长度'),
      offset: 12,
      length: 4,
      value: inBoth(`${body.length} bytes`, `${body.length} 字节`),
      note: inBoth('Big-endian, unsigned; the provider refuses bodies over its payload limit (8 MiB by default).', '大端序，无符号；超过载荷上限（默认 8 MiB）的消息体会被提供者拒绝。'),
      group: 'header',
      section,
    },
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
    const note = hexText(field.note);
    if (said.has(note)) delete field.note;
    else said.add(note);
  }
  return { bytes, fields, groups: DUBBO_GROUPS };
}

/** The fields of one Hessian value at `offset`: the lead byte(s) that give type and length, then the value's own bytes. */
function hessianFields(part: ValuePart, offset: number): { fields: HexField[]; next: number } {
  const section = inBoth(`Body: ${part.name.en.toLowerCase()}`, `消息体：${part.name['zh-cn']}`);
  const named = (en: string, zh: string) => inBoth(`${part.name.en}: ${en}`, `${part.name['zh-cn']}：${zh}`);
  const encoded = encode(part.value);
  const value = part.value;
  if (typeof value === 'string') {
    // The reference writes the length in UTF-16 units before the UTF-8 bytes; what is not text is the length prefix.
    const text = new TextEncoder().encode(value).length;
    const prefix = encoded.length - text;
    return {
      fields: [
        {
          name: named('length', '长度'),
          offset,
          length: prefix,
          value: inBoth(`${value.length} characters`, `${value.length} 个字符`),
          note:
            prefix === 1
              ? inBoth('A string under 32 characters: its length is the whole first byte, 0x00 to 0x1f (Hessian 2.0 §4.12.1).', '少于 32 个字符的字符串：整个第一个字节就是它的长度，0x00 到 0x1f（Hessian 2.0 §4.12.1）。')
              : inBoth('A longer string: its length in the lead bytes (Hessian 2.0 §4.12).', '较长的字符串：长度在开头的几个字节里（Hessian 2.0 §4.12）。'),
          group: 'tag',
          section,
        },
        { name: named('text', '文本'), offset: offset + prefix, length: text, value: JSON.stringify(value), note: part.note, group: 'data', section },
      ],
      next: offset + encoded.length,
    };
  }
  if (value instanceof Map) {
    const fields: HexField[] = [{ name: named('map start', '映射开始'), offset, length: 1, value: inBoth("'H': an untyped map", "'H'：无类型的映射"), note: part.note, group: 'tag', section }];
    let at = offset + 1;
    for (const [key, item] of value) {
      for (const [role, entry] of [[inBoth('key', '键'), key], [inBoth('value', '值'), item]] as const) {
        const inner = hessianFields({ name: inBoth(`${part.name.en} ${role.en}`, `${part.name['zh-cn']}的${role['zh-cn']}`), value: entry, note: inBoth(`An entry’s ${role.en}.`, `一个条目的${role['zh-cn']}。`) }, at);
        fields.push(...inner.fields.map((f) => ({ ...f, section })));
        at = inner.next;
      }
    }
    fields.push({ name: named('map end', '映射结束'), offset: at, length: 1, value: "'Z'", note: inBoth('Ends the map (Hessian 2.0 §4.8).', '结束这个映射（Hessian 2.0 §4.8）。'), group: 'tag', section });
    if (at + 1 - offset !== encoded.length) throw new Error(`labelled ${at + 1 - offset} of ${encoded.length} bytes of ${part.name.en}`);
    return { fields, next: at + 1 };
  }
  if (typeof value === 'number' && encoded.length === 1) {
    const note = inBoth(
      `${part.note.en} An int from -16 to 47 is one byte, 0x90 plus the value (Hessian 2.0 §4.5.1).`,
      `${part.note['zh-cn']}-16 到 47 之间的 int 只占一个字节，即 0x90 加上这个值（Hessian 2.0 §4.5.1）。`,
    );
    return { fields: [{ name: part.name, offset, length: 1, value: `${hex(encoded[0]!, 2)} = 0x90 + ${value}`, note, group: 'data', section }], next: offset + 1 };
  }
  return { fields: [{ name: part.name, offset, length: encoded.length, value: String(value), note: part.note, group: 'data', section }], next: offset + encoded.length };
}

/** A heartbeat as a Dubbo consumer sends it: a two-way event request whose body is Hessian null. */
export function heartbeatRequest(id: bigint): Uint8Array {
  return encodeFrame({ request: true, twoWay: true, event: true, serialization: HESSIAN2, status: 0, id, body: encode(null) });
}
