/**
 * The WebSocket chapter's frames, byte by byte: the order-status push the
 * server sends (unmasked) and the browser's masked message the other way,
 * encoded at build time by the WebSocket lab's reference codec
 * (labs/websocket/solution/frame.ts), then labelled field by field (RFC 6455
 * §5.2) for HexView. The handshake's Accept value comes from the same lab.
 */
import { Opcode, type Frame } from '../../../../labs/websocket/given/frame-types.ts';
import { encodeFrame, headerLength } from '../../../../labs/websocket/solution/frame.ts';
import { acceptKey } from '../../../../labs/websocket/solution/handshake.ts';
import { inBoth, type HexField, type HexGroup } from '../../components/hex-view.ts';

/** Colour groups, the same for every frame shown. */
export const FRAME_GROUPS: readonly HexGroup[] = [
  { id: 'flags', label: 'FIN, RSV, opcode' },
  { id: 'length', label: inBoth('MASK and length', 'MASK 和长度') },
  { id: 'key', label: inBoth('Masking key', '掩码键') },
  { id: 'payload', label: inBoth('Payload', '载荷') },
];

/** A frame ready for <HexView>. */
export interface FrameExample {
  bytes: Uint8Array;
  fields: HexField[];
  groups: readonly HexGroup[];
  /** The payload as text, before masking. */
  text: string;
}

const OPCODE_NAMES: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** `text` in one text frame, masked with `maskKey` if given, with every field labelled. */
export function textFrameExample(text: string, maskKey?: Uint8Array): FrameExample {
  const frame: Frame = { fin: true, rsv: 0, opcode: Opcode.TEXT, payload: new TextEncoder().encode(text) };
  const bytes = encodeFrame(frame, maskKey);
  const length = frame.payload.length;
  const lengthBytes = headerLength(length) - 1;
  const fields: HexField[] = [
    {
      name: 'FIN, RSV1-3, opcode',
      offset: 0,
      length: 1,
      value: `0x${bytes[0]!.toString(16)}: FIN 1, RSV 000, opcode ${frame.opcode} (${OPCODE_NAMES[frame.opcode]})`,
      note: inBoth(
        'FIN: this is the last (here the only) fragment. RSV bits stay 0 unless an extension such as permessage-deflate is negotiated (RFC 6455 §5.2).',
        'FIN：这是最后一个（这里也是唯一一个）分片。除非协商了 permessage-deflate 这样的扩展，RSV 位都保持为 0（RFC 6455 §5.2）。',
      ),
      group: 'flags',
    },
    {
      name: lengthBytes === 1 ? inBoth('MASK, payload length', 'MASK、载荷长度') : inBoth('MASK, length code and extended length', 'MASK、长度代码和扩展长度'),
      offset: 1,
      length: lengthBytes,
      value: inBoth(`MASK ${maskKey ? 1 : 0}, length ${length}`, `MASK ${maskKey ? 1 : 0}，长度 ${length}`),
      note: maskKey
        ? inBoth('MASK 1: every frame from a client is masked (RFC 6455 §5.3).', 'MASK 1：客户端发出的每一帧都要加掩码（RFC 6455 §5.3）。')
        : inBoth('MASK 0: a server never masks (RFC 6455 §5.1). Lengths up to 125 fit in these 7 bits.', 'MASK 0：服务器从不加掩码（RFC 6455 §5.1）。不超过 125 的长度放得进这 7 位。'),
      group: 'length',
    },
  ];
  let offset = 1 + lengthBytes;
  if (maskKey) {
    fields.push({
      name: inBoth('Masking key', '掩码键'),
      offset,
      length: 4,
      value: hex(maskKey),
      note: inBoth('Four fresh random bytes per frame; payload byte i is XORed with key byte i mod 4 (RFC 6455 §5.3).', '每帧四个新的随机字节；载荷的第 i 个字节与掩码键的第 i mod 4 个字节做异或（RFC 6455 §5.3）。'),
      group: 'key',
    });
    offset += 4;
  }
  fields.push({
    name: maskKey ? inBoth('Payload (masked)', '载荷（已加掩码）') : inBoth('Payload', '载荷'),
    offset,
    length,
    value: JSON.stringify(text),
    note: maskKey
      ? inBoth('The text in UTF-8, XORed with the key: no byte of the original shows on the wire.', 'UTF-8 文本与掩码键异或之后的结果：线路上看不到原文的任何一个字节。')
      : inBoth('The text in UTF-8, as it is: a text message must be valid UTF-8 (RFC 6455 §8.1).', '原样的 UTF-8 文本：文本消息必须是合法的 UTF-8（RFC 6455 §8.1）。'),
    group: 'payload',
  });
  return { bytes, fields, groups: FRAME_GROUPS, text };
}

/** The order-status push the shop's server sends: a small JSON text message. */
export const STATUS_PUSH = '{"order":"A-1042","status":"shipped"}';

/** The masking key the chapter's client frame uses (a browser draws a new random one per frame). */
export const EXAMPLE_KEY = Uint8Array.of(0x5d, 0x21, 0xc0, 0x7e);

/** The key of RFC 6455 §1.3 and the Accept the lab's reference computes for it. */
export const RFC_HANDSHAKE = { key: 'dGhlIHNhbXBsZSBub25jZQ==', accept: acceptKey('dGhlIHNhbXBsZSBub25jZQ==') };

/** The server's push and the browser's acknowledgement, for the chapter. */
export function chapterFrames(): { push: FrameExample; reply: FrameExample } {
  return { push: textFrameExample(STATUS_PUSH), reply: textFrameExample('{"seen":"A-1042"}', EXAMPLE_KEY) };
}
