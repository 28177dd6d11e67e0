/**
 * Frames to messages (RFC 6455 §5.4, §5.5, §5.6): a message is one frame
 * with FIN set, or a text or binary frame without FIN followed by
 * continuation frames up to one with FIN. Control frames may arrive between
 * the fragments of a message and are passed on at once.
 */
import { CloseCode, ProtocolError } from '@impl/close-codes.ts';
import { Opcode, type Frame } from '@impl/frame-types.ts';
import type { AssembledEvent, AssemblerOptions } from '@impl/message-events.ts';
import { decodeClosePayload } from './close-payload.ts';
import { Utf8Validator } from './utf8.ts';

/** One decoder for every message: decode() without `stream` keeps no state between calls. */
const UTF8 = new TextDecoder();

export class MessageAssembler {
  readonly #maxMessageSize: number;
  /** The opcode of the message being assembled (TEXT or BINARY), or undefined between messages. */
  #opcode: number | undefined;
  #fragments: Uint8Array[] = [];
  #size = 0;
  readonly #utf8 = new Utf8Validator();

  constructor(options: AssemblerOptions = {}) {
    this.#maxMessageSize = options.maxMessageSize ?? Number.MAX_SAFE_INTEGER;
  }

  /**
   * Takes the next frame (already checked by decodeFrame) and returns the
   * event it completes, or null if a message is still incomplete. Throws
   * ProtocolError: 1002 for a continuation with no message started or a new
   * message before the last one ended; 1007 as soon as a text message cannot
   * be valid UTF-8; 1009 as soon as a message grows past the limit; and the
   * Close body's own errors (see decodeClosePayload).
   */
  push(frame: Frame): AssembledEvent | null {
    switch (frame.opcode) {
      case Opcode.PING:
        return { type: 'ping', payload: frame.payload };
      case Opcode.PONG:
        return { type: 'pong', payload: frame.payload };
      case Opcode.CLOSE:
        return { type: 'close', ...decodeClosePayload(frame.payload) };
      case Opcode.CONTINUATION:
        if (this.#opcode === undefined) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'a continuation frame with no message to continue');
        break;
      default:
        if (this.#opcode !== undefined) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'a new message began before the previous one was finished (FIN)');
        this.#opcode = frame.opcode;
    }
    this.#size += frame.payload.length;
    if (this.#size > this.#maxMessageSize) throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, `the message is over ${this.#maxMessageSize} bytes`);
    // §8.1: fail as soon as the text cannot be valid, even in the middle of a fragment.
    if (this.#opcode === Opcode.TEXT && !this.#utf8.push(frame.payload)) throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'the text message is not valid UTF-8');
    this.#fragments.push(frame.payload);
    if (!frame.fin) return null;

    const opcode = this.#opcode;
    const data = this.#fragments.length === 1 ? this.#fragments[0]! : concat(this.#fragments, this.#size);
    const complete = this.#utf8.end();
    this.#opcode = undefined;
    this.#fragments = [];
    this.#size = 0;
    // A finished text message left the validator at a character boundary, ready for the next one.
    if (opcode === Opcode.BINARY) return { type: 'binary', data };
    if (!complete) throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'the text message ends in the middle of a character');
    return { type: 'text', text: UTF8.decode(data) };
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
