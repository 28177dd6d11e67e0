/**
 * The reserve call's three arguments in four encodings, counted field by
 * field at build time: JSON (JSON.stringify, UTF-8 per RFC 3629), Hessian 2.0
 * as a map with the names and Hessian 2.0 by position as Dubbo sends
 * arguments (both written by the RPC lab's reference codec), and protobuf
 * (protobuf-wire.ts). What is not a field's own is counted as overhead.
 */
import { concat } from '../../../../labs/rpc/given/bytes.ts';
import { encode } from '../../../../labs/rpc/solution/hessian.ts';
import type { HessianValue } from '../../../../labs/rpc/given/hessian-types.ts';
import { DESCRIPTOR, RESERVE, type Call } from './dubbo-invocation.ts';
import { encodeMessage } from './protobuf-wire.ts';
import { reserveRequestFields } from './grpc-example.ts';
import type { Locale } from '../../../course/locale.ts';

/** One encoding of the arguments. */
export interface EncodingSize {
  id: EncodingId;
  /** The encoded bytes, whole. */
  bytes: Uint8Array;
  /** Bytes each argument takes, in the call's order (its name, if sent, included). */
  perField: number[];
  /** The rest: braces and commas, map markers, Dubbo's type descriptor. */
  overhead: number;
}

/** The four encodings compared. */
export type EncodingId = 'json' | 'hessian-map' | 'hessian-args' | 'protobuf';

/** Dubbo's type descriptor of a call's arguments ("Ljava/lang/String;I…"), sent before them. */
export function typeDescriptor(call: Call = RESERVE): string {
  return call.args.map((a) => DESCRIPTOR[a.java]).join('');
}

/** The figure's words in one language: each encoding's name and what its overhead is, the key, the table, the caption. */
export interface SizesWords {
  labels: Record<EncodingId, string>;
  overhead: Record<EncodingId, (descriptor: string) => string>;
  /** The caption, cut where the call goes as code. */
  caption: [before: string, after: string];
  overheadRow: string;
  bytes: string;
  total: string;
  bytesOfEach: string;
}

const EN: SizesWords = {
  labels: { json: 'JSON object', 'hessian-map': 'Hessian 2 map', 'hessian-args': 'Hessian 2 by position (Dubbo)', protobuf: 'Protobuf' },
  overhead: { json: () => 'braces and commas', 'hessian-map': () => "'H' and 'Z'", 'hessian-args': (d) => `the type descriptor ${d}`, protobuf: () => 'none' },
  caption: ['The arguments of ', ', four ways'],
  overheadRow: 'overhead',
  bytes: 'bytes',
  total: 'total',
  bytesOfEach: 'The bytes of each',
};

/** The figure's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const SIZES_WORDS: Record<Locale, SizesWords> = {
  en: EN,
  'zh-cn': {
    labels: { json: 'JSON 对象', 'hessian-map': 'Hessian 2 映射（map）', 'hessian-args': 'Hessian 2 按位置（Dubbo）', protobuf: 'Protobuf' },
    overhead: { json: () => '花括号和逗号', 'hessian-map': () => "'H' 和 'Z'", 'hessian-args': (d) => `类型描述符 ${d}`, protobuf: () => '无' },
    caption: ['', ' 的参数，四种编码'],
    overheadRow: '开销',
    bytes: '字节',
    total: '合计',
    bytesOfEach: '每种编码的字节',
  },
};

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The call's arguments encoded four ways, with each field's share. */
export function serializationSizes(call: Call = RESERVE): EncodingSize[] {
  const args = call.args;
  const object = Object.fromEntries(args.map((a) => [a.name, a.value]));
  const map = new Map<HessianValue, HessianValue>(args.map((a) => [a.name, a.value]));
  const descriptor = typeDescriptor(call);
  const proto = encodeMessage(reserveRequestFields(call));
  const positional = args.map((a) => encode(a.value));

  const sizes: Omit<EncodingSize, 'overhead'>[] = [
    {
      id: 'json',
      bytes: utf8(JSON.stringify(object)),
      perField: args.map((a) => utf8(`${JSON.stringify(a.name)}:${JSON.stringify(a.value)}`).length),
    },
    {
      id: 'hessian-map',
      bytes: encode(map),
      perField: args.map((a) => encode(a.name).length + encode(a.value).length),
    },
    {
      id: 'hessian-args',
      bytes: concat([encode(descriptor), ...positional]),
      perField: positional.map((p) => p.length),
    },
    {
      id: 'protobuf',
      bytes: proto.bytes,
      perField: proto.fields.map((f) => f.tag.length + f.length.length + f.data.length),
    },
  ];
  return sizes.map((s) => ({ ...s, overhead: s.bytes.length - s.perField.reduce((sum, n) => sum + n, 0) }));
}
