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
import { inBoth, type HexField, type HexGroup } from '../../components/hex-view.ts';
import type { Localized } from '../../../course/locale.ts';
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
  note: Localized;
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
      note: inBoth('A new stream: the path names service and method; grpc-timeout carries the time left (m = milliseconds).', '一条新的流：path 指明服务和方法；grpc-timeout 携带剩余时间（m = 毫秒）。'),
    },
    { from: 'client', type: 'DATA', flags: ['END_STREAM'], bytes: dataFrame(call).bytes, note: inBoth('The request message behind its 5-byte prefix; END_STREAM: the client has nothing more to send.', '5 字节前缀后面的请求消息；END_STREAM：客户端没有更多要发送的了。') },
    { from: 'server', type: 'HEADERS', flags: ['END_HEADERS'], headers: [[':status', '200'], ['content-type', 'application/grpc']], note: inBoth('HTTP says only that the stream was accepted; the call’s outcome comes last.', 'HTTP 只表明这条流被接受了；调用的结果最后才给出。') },
    {
      from: 'server',
      type: 'DATA',
      flags: [],
      bytes: concat([http2FrameHeader(GRPC_PREFIX_LENGTH + 2, FrameType.DATA, 0, STREAM_ID), encodeGrpcMessage(encodeMessage([{ name: 'reserved', number: 1, value: true }]).bytes)]),
      note: inBoth('The reply message: field 1, reserved = true.', '回复消息：字段 1，reserved = true。'),
    },
    { from: 'server', type: 'HEADERS', flags: ['END_STREAM', 'END_HEADERS'], headers: [['grpc-status', '0']], note: inBoth('Trailers: grpc-status 0 is OK; on failure a code such as 4 (DEADLINE_EXCEEDED) and a grpc-message.', '尾部（trailers）：grpc-status 0 表示 OK；失败时是 4（DEADLINE_EXCEEDED）这样的状态码，外加一个 grpc-message。') },
  ];
}

/** Colour groups for the DATA frame: the HTTP/2 frame header, gRPC's prefix, and the protobuf fields. */
export const GRPC_GROUPS: readonly HexGroup[] = [
  { id: 'http2', label: inBoth('HTTP/2 frame header', 'HTTP/2 帧首部') },
  { id: 'prefix', label: inBoth('gRPC message prefix', 'gRPC 消息前缀') },
  { id: 'tag', label: inBoth('Protobuf: tag and length', 'Protobuf：标签和长度') },
  { id: 'data', label: inBoth('Protobuf: value bytes', 'Protobuf：值的字节') },
];

/** The request's DATA frame, every byte labelled for <HexView>. */
export function dataFrame(call: Call = RESERVE): { bytes: Uint8Array; fields: HexField[]; groups: readonly HexGroup[]; message: Uint8Array } {
  const message = encodeMessage(reserveRequestFields(call));
  const payload = encodeGrpcMessage(message.bytes);
  const bytes = concat([http2FrameHeader(payload.length, FrameType.DATA, Flag.END_STREAM, STREAM_ID), payload]);
  const frame = inBoth('HTTP/2 frame header (9 bytes)', 'HTTP/2 帧首部（9 字节）');
  const prefix = inBoth('gRPC prefix (5 bytes)', 'gRPC 前缀（5 字节）');
  const bytesOf = (n: number) => inBoth(`${n} bytes`, `${n} 字节`);
  const fields: HexField[] = [
    { name: inBoth('Length', '长度（Length）'), offset: 0, length: 3, value: bytesOf(payload.length), note: inBoth('The payload after these nine bytes, 24 bits (RFC 9113 §4.1).', '这九个字节之后的载荷长度，24 位（RFC 9113 §4.1）。'), group: 'http2', section: frame },
    { name: inBoth('Type', '类型（Type）'), offset: 3, length: 1, value: '0x0: DATA', note: inBoth('DATA frames carry a stream’s content (RFC 9113 §6.1).', 'DATA 帧承载一条流的内容（RFC 9113 §6.1）。'), group: 'http2', section: frame },
    { name: inBoth('Flags', '标志（Flags）'), offset: 4, length: 1, value: '0x1: END_STREAM', note: inBoth('The client’s side of the stream ends here: a unary request is one message.', '客户端这一侧的流到此结束：一元请求只有一条消息。'), group: 'http2', section: frame },
    {
      name: inBoth('Stream identifier', '流标识符'),
      offset: 5,
      length: 4,
      value: String(STREAM_ID),
      note: inBoth(
        'HTTP/2’s request id: every frame of this call carries it, and frames of other calls interleave between them (RFC 9113 §5).',
        'HTTP/2 的请求 id：这次调用的每一帧都带着它，其他调用的帧穿插在它们之间（RFC 9113 §5）。',
      ),
      group: 'http2',
      section: frame,
    },
    {
      name: inBoth('Compressed flag', '压缩标志'),
      offset: 9,
      length: 1,
      value: inBoth('0: not compressed', '0：未压缩'),
      note: inBoth('Set to 1 only with a grpc-encoding such as gzip (PROTOCOL-HTTP2.md, Length-Prefixed-Message).', '只有使用 gzip 这类 grpc-encoding 时才置 1（PROTOCOL-HTTP2.md，Length-Prefixed-Message）。'),
      group: 'prefix',
      section: prefix,
    },
    {
      name: inBoth('Message length', '消息长度'),
      offset: 10,
      length: 4,
      value: bytesOf(message.bytes.length),
      note: inBoth('Big-endian, 32 bits: the message may span several DATA frames, or several messages share one.', '大端序，32 位：一条消息可以跨越多个 DATA 帧，多条消息也可以共用一个。'),
      group: 'prefix',
      section: prefix,
    },
  ];
  let at = HTTP2_FRAME_HEADER_LENGTH + GRPC_PREFIX_LENGTH;
  for (const f of message.fields) {
    const section = inBoth(`Field ${f.field.number}: ${f.field.name}`, `字段 ${f.field.number}：${f.field.name}`);
    const wire = `(${f.field.number} << 3) | ${f.wireType}`;
    const wireName = f.wireType === 2 ? 'LEN' : 'VARINT';
    fields.push({
      name: inBoth(`${f.field.name}: tag`, `${f.field.name}：标签`),
      offset: at,
      length: f.tag.length,
      value: `0x${f.tag[0]!.toString(16).padStart(2, '0')}`,
      note: inBoth(
        `${wire}: field ${f.field.number}, wire type ${f.wireType} (${wireName}). The name stays in the .proto file.`,
        `${wire}：字段 ${f.field.number}，wire type ${f.wireType}（${wireName}）。字段名只留在 .proto 文件里。`,
      ),
      group: 'tag',
      section,
    });
    at += f.tag.length;
    if (f.length.length > 0) {
      fields.push({ name: inBoth(`${f.field.name}: length`, `${f.field.name}：长度`), offset: at, length: f.length.length, value: bytesOf(f.data.length), note: inBoth('A varint: the UTF-8 bytes that follow.', '一个 varint：后面 UTF-8 字节的个数。'), group: 'tag', section });
      at += f.length.length;
    }
    fields.push({
      name: inBoth(`${f.field.name}: value`, `${f.field.name}：值`),
      offset: at,
      length: f.data.length,
      value: typeof f.field.value === 'string' ? JSON.stringify(f.field.value) : String(f.field.value),
      note: f.wireType === 2 ? inBoth('UTF-8 text (RFC 3629).', 'UTF-8 文本（RFC 3629）。') : inBoth('A varint: seven bits a byte, the high bit set while more follow.', '一个 varint：每字节 7 位，后面还有字节时最高位置 1。'),
      group: 'data',
      section,
    });
    at += f.data.length;
  }
  if (at !== bytes.length) throw new Error(`labelled ${at} of ${bytes.length} bytes of the DATA frame`);
  return { bytes, fields, groups: GRPC_GROUPS, message: message.bytes };
}
