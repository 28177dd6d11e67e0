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
import type { HexField, HexGroup } from '../../components/hex-view.ts';

/** Colour groups, the same for every frame shown. */
export const FRAME_GROUPS: readonly HexGroup[] = [
  { id: 'flags', label: 'FIN, RSV, opcode' },
  { id: 'length', label: 'MASK and length' },
  { id: 'key', label: 'Masking key' },
  { id: 'payload', label: 'Payload' },
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
      note: 'FIN: this is the last (here the only) fragment. RSV bits stay 0 unless an extension such as permessage-deflate is negotiated (RFC 6455 §5.2).',
      group: 'flags',
    },
    {
      name: lengthBytes === 1 ? 'MASK, payload length' : 'MASK, length code and extended length',
      offset: 1,
      length: lengthBytes,
      value: `MASK ${maskKey ? 1 : 0}, length ${length}`,
      note: maskKey ? 'MASK 1: every frame from a client is masked (RFC 6455 §5.3).' : 'MASK 0: a server never masks (RFC 6455 §5.1). Lengths up to 125 fit in these 7 bits.',
      group: 'length',
    },
  ];
  let offset = 1 + lengthBytes;
  if (maskKey) {
    fields.push({ name: 'Masking key', offset, length: 4, value: hex(maskKey), note: 'Four fresh random bytes per frame; payload byte i is XORed with key byte i mod 4 (RFC 6455 §5.3).', group: 'key' });
    offset += 4;
  }
  fields.push({
    name: maskKey ? 'Payload (masked)' : 'Payload',
    offset,
    length,
    value: JSON.stringify(text),
    note: maskKey ? 'The text in UTF-8, XORed with the key: no byte of the original shows on the wire.' : 'The text in UTF-8, as it is: a text message must be valid UTF-8 (RFC 6455 §8.1).',
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
