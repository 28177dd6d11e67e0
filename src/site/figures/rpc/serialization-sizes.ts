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

/** One encoding of the arguments. */
export interface EncodingSize {
  id: 'json' | 'hessian-map' | 'hessian-args' | 'protobuf';
  label: string;
  /** The encoded bytes, whole. */
  bytes: Uint8Array;
  /** Bytes each argument takes, in the call's order (its name, if sent, included). */
  perField: number[];
  /** The rest: braces and commas, map markers, Dubbo's type descriptor. */
  overhead: number;
  /** What the overhead is. */
  overheadLabel: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The call's arguments encoded four ways, with each field's share. */
export function serializationSizes(call: Call = RESERVE): EncodingSize[] {
  const args = call.args;
  const object = Object.fromEntries(args.map((a) => [a.name, a.value]));
  const map = new Map<HessianValue, HessianValue>(args.map((a) => [a.name, a.value]));
  const descriptor = args.map((a) => DESCRIPTOR[a.java]).join('');
  const proto = encodeMessage(reserveRequestFields(call));
  const positional = args.map((a) => encode(a.value));

  const sizes: Omit<EncodingSize, 'overhead'>[] = [
    {
      id: 'json',
      label: 'JSON object',
      bytes: utf8(JSON.stringify(object)),
      perField: args.map((a) => utf8(`${JSON.stringify(a.name)}:${JSON.stringify(a.value)}`).length),
      overheadLabel: 'braces and commas',
    },
    {
      id: 'hessian-map',
      label: 'Hessian 2 map',
      bytes: encode(map),
      perField: args.map((a) => encode(a.name).length + encode(a.value).length),
      overheadLabel: "'H' and 'Z'",
    },
    {
      id: 'hessian-args',
      label: 'Hessian 2 by position (Dubbo)',
      bytes: concat([encode(descriptor), ...positional]),
      perField: positional.map((p) => p.length),
      overheadLabel: `the type descriptor ${descriptor}`,
    },
    {
      id: 'protobuf',
      label: 'Protobuf',
      bytes: proto.bytes,
      perField: proto.fields.map((f) => f.tag.length + f.length.length + f.data.length),
      overheadLabel: 'none',
    },
  ];
  return sizes.map((s) => ({ ...s, overhead: s.bytes.length - s.perField.reduce((sum, n) => sum + n, 0) }));
}
