/**
 * The chapter's reserve call as gRPC sends it over HTTP/2: the request's
 * HEADERS, then one DATA frame holding the message behind gRPC's 5-byte
 * prefix (encoded by the RPC lab's reference, labs/rpc/solution/grpc.ts),
 * then the response's HEADERS, DATA and trailers. The DATA frame is shown byte
 * by byte; HEADERS are listed as the header fields they carry, because their
 * bytes are HPACK-compressed (RFC 7541) and would say little.
 * Sources: RFC 9113 §4.1 (frame layout), §6.1 (DATA), §6.2 (HEADERS), §8.1;
 * grpc/grpc doc/PROTOCOL-HTTP2.md.
 */
import { concat, writeU32 } from '../../../../labs/rpc/given/bytes.ts';
import { encodeGrpcMessage, GRPC_PREFIX_LENGTH } from '../../../../labs/rpc/solution/grpc.ts';
import type { HexField, HexGroup } from '../../components/hex-view.ts';
import { RESERVE, SERVICE, type Call } from './dubbo-invocation.ts';
import { encodeMessage, type ProtoField } from './protobuf-wire.ts';

/** Bytes in an HTTP/2 frame header (RFC 9113 §4.1). */
export const HTTP2_FRAME_HEADER_LENGTH = 9;
/** Frame types (RFC 9113 §6). */
const FrameType = { DATA: 0x0, HEADERS: 0x1 } as const;
/** Flags (RFC 9113 §6.1, §6.2). */
const Flag = { END_STREAM: 0x1, END_HEADERS: 0x4 } as const;

/** The 9-byte HTTP/2 frame header: 24-bit length, type, flags, a reserved bit and the 31-bit stream id. */
export function http2FrameHeader(length: number, type: number, flags: number, streamId: number): Uint8Array {
  const header = new Uint8Array(HTTP2_FRAME_HEADER_LENGTH);
  header[0] = (length >>> 16) & 0xff;
  header[1] = (length >>> 8) & 0xff;
  header[2] = length & 0xff;
  header[3] = type;
  header[4] = flags;
  writeU32(header, 5, streamId & 0x7fffffff);
  return header;
}

/** The stream of the example: the client's third request on the connection (client streams are odd, RFC 9113 §5.1.1). */
export const STREAM_ID = 5;

/** The request message in the .proto the chapter shows: the call's arguments as numbered fields. */
export function reserveRequestFields(call: Call = RESERVE): ProtoField[] {
  return call.args.map((arg, i) => ({ name: snakeCase(arg.name), number: i + 1, value: arg.value as string | number }));
}

/** orderId → order_id, as .proto fields are named. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One HTTP/2 frame of the exchange as the chapter lists it. */
export interface ExchangeFrame {
  from: 'client' | 'server';
  type: 'HEADERS' | 'DATA';
  flags: string[];
  /** Header fields, for HEADERS. */
  headers?: [string, string][];
  /** The frame's bytes, for DATA. */
  bytes?: Uint8Array;
  note: string;
}

/** The whole unary exchange, frame by frame, for a call with `timeoutMs` left. */
export function grpcExchange(timeoutMs: number, call: Call = RESERVE): ExchangeFrame[] {
  const method = call.method[0]!.toUpperCase() + call.method.slice(1);
  return [
    {
      from: 'client',
      type: 'HEADERS',
      flags: ['END_HEADERS'],
      headers: [
        [':method', 'POST'],
        [':scheme', 'http'],
        [':path', `/${SERVICE}/${method}`],
        [':authority', 'inventory:50051'],
        ['te', 'trailers'],
        ['content-type', 'application/grpc'],
        ['grpc-timeout', `${timeoutMs}m`],
      ],
      note: 'A new stream: the path names service and method; grpc-timeout carries the time left (m = milliseconds).',
    },
    { from: 'client', type: 'DATA', flags: ['END_STREAM'], bytes: dataFrame(call).bytes, note: 'The request message behind its 5-byte prefix; END_STREAM: the client has nothing more to send.' },
    { from: 'server', type: 'HEADERS', flags: ['END_HEADERS'], headers: [[':status', '200'], ['content-type', 'application/grpc']], note: 'HTTP says only that the stream was accepted; the call’s outcome comes last.' },
    {
      from: 'server',
      type: 'DATA',
      flags: [],
      bytes: concat([http2FrameHeader(GRPC_PREFIX_LENGTH + 2, FrameType.DATA, 0, STREAM_ID), encodeGrpcMessage(encodeMessage([{ name: 'reserved', number: 1, value: true }]).bytes)]),
      note: 'The reply message: field 1, reserved = true.',
    },
    { from: 'server', type: 'HEADERS', flags: ['END_STREAM', 'END_HEADERS'], headers: [['grpc-status', '0']], note: 'Trailers: grpc-status 0 is OK; on failure a code such as 4 (DEADLINE_EXCEEDED) and a grpc-message.' },
  ];
}

/** Colour groups for the DATA frame: the HTTP/2 frame header, gRPC's prefix, and the protobuf fields. */
export const GRPC_GROUPS: readonly HexGroup[] = [
  { id: 'http2', label: 'HTTP/2 frame header' },
  { id: 'prefix', label: 'gRPC message prefix' },
  { id: 'tag', label: 'Protobuf: tag and length' },
  { id: 'data', label: 'Protobuf: value bytes' },
];

/** The request's DATA frame, every byte labelled for <HexView>. */
export function dataFrame(call: Call = RESERVE): { bytes: Uint8Array; fields: HexField[]; groups: readonly HexGroup[]; message: Uint8Array } {
  const message = encodeMessage(reserveRequestFields(call));
  const payload = encodeGrpcMessage(message.bytes);
  const bytes = concat([http2FrameHeader(payload.length, FrameType.DATA, Flag.END_STREAM, STREAM_ID), payload]);
  const frame = 'HTTP/2 frame header (9 bytes)';
  const prefix = 'gRPC prefix (5 bytes)';
  const fields: HexField[] = [
    { name: 'Length', offset: 0, length: 3, value: `${payload.length} bytes`, note: 'The payload after these nine bytes, 24 bits (RFC 9113 §4.1).', group: 'http2', section: frame },
    { name: 'Type', offset: 3, length: 1, value: '0x0: DATA', note: 'DATA frames carry a stream’s content (RFC 9113 §6.1).', group: 'http2', section: frame },
    { name: 'Flags', offset: 4, length: 1, value: '0x1: END_STREAM', note: 'The client’s side of the stream ends here: a unary request is one message.', group: 'http2', section: frame },
    { name: 'Stream identifier', offset: 5, length: 4, value: String(STREAM_ID), note: 'HTTP/2’s request id: every frame of this call carries it, and frames of other calls interleave between them (RFC 9113 §5).', group: 'http2', section: frame },
    { name: 'Compressed flag', offset: 9, length: 1, value: '0: not compressed', note: 'Set to 1 only with a grpc-encoding such as gzip (PROTOCOL-HTTP2.md, Length-Prefixed-Message).', group: 'prefix', section: prefix },
    { name: 'Message length', offset: 10, length: 4, value: `${message.bytes.length} bytes`, note: 'Big-endian, 32 bits: the message may span several DATA frames, or several messages share one.', group: 'prefix', section: prefix },
  ];
  let at = HTTP2_FRAME_HEADER_LENGTH + GRPC_PREFIX_LENGTH;
  for (const f of message.fields) {
    const section = `Field ${f.field.number}: ${f.field.name}`;
    const tagNote = `(${f.field.number} << 3) | ${f.wireType}: field ${f.field.number}, wire type ${f.wireType} (${f.wireType === 2 ? 'LEN' : 'VARINT'}).`;
    fields.push({ name: `${f.field.name}: tag`, offset: at, length: f.tag.length, value: `0x${f.tag[0]!.toString(16).padStart(2, '0')}`, note: `${tagNote} The name stays in the .proto file.`, group: 'tag', section });
    at += f.tag.length;
    if (f.length.length > 0) {
      fields.push({ name: `${f.field.name}: length`, offset: at, length: f.length.length, value: `${f.data.length} bytes`, note: 'A varint: the UTF-8 bytes that follow.', group: 'tag', section });
      at += f.length.length;
    }
    fields.push({
      name: `${f.field.name}: value`,
      offset: at,
      length: f.data.length,
      value: typeof f.field.value === 'string' ? JSON.stringify(f.field.value) : String(f.field.value),
      note: f.wireType === 2 ? 'UTF-8 text (RFC 3629).' : 'A varint: seven bits a byte, the high bit set while more follow.',
      group: 'data',
      section,
    });
    at += f.data.length;
  }
  if (at !== bytes.length) throw new Error(`labelled ${at} of ${bytes.length} bytes of the DATA frame`);
  return { bytes, fields, groups: GRPC_GROUPS, message: message.bytes };
}
