/**
 * Incremental UTF-8 validation (RFC 3629 §4), for text messages that arrive
 * in fragments (RFC 6455 §8.1): a fragment may end inside a character, so
 * validity is decided byte by byte, and an invalid message is refused at the
 * first byte that no valid continuation could follow — not when it ends.
 */

export class Utf8Validator {
  /** Feeds the next bytes; false as soon as they cannot be the start of valid UTF-8 (and ever after). */
  push(bytes: Uint8Array): boolean {
    throw new Error('TODO(messages): track how many continuation bytes are due and the range the next one must be in');
  }

  /** True if everything pushed is valid UTF-8 and ends at a character boundary. */
  end(): boolean {
    throw new Error('TODO(messages): valid so far, and no character left unfinished');
  }

  /** Starts over, for the next message. */
  reset(): void {
    throw new Error('TODO(messages): forget the current character and any failure');
  }
}

/** True if `bytes` are complete, valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  throw new Error('TODO(messages): one Utf8Validator, push, end');
}
