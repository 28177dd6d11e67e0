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

export class MessageAssembler {
  readonly #maxMessageSize: number;

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
    throw new Error('TODO(messages): control frames pass through; data frames join the message under way');
  }
}
