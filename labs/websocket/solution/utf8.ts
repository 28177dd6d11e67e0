/**
 * Incremental UTF-8 validation (RFC 3629 §4), for text messages that arrive
 * in fragments (RFC 6455 §8.1): a fragment may end inside a character, so
 * validity is decided byte by byte, and an invalid message is refused at the
 * first byte that no valid continuation could follow — not when it ends.
 */

export class Utf8Validator {
  /** Continuation bytes still needed for the current character. */
  #needed = 0;
  /** Allowed range of the next continuation byte; narrower than 80-BF right after E0, ED, F0 and F4. */
  #lower = 0x80;
  #upper = 0xbf;
  #failed = false;

  /** Feeds the next bytes; false as soon as they cannot be the start of valid UTF-8 (and ever after). */
  push(bytes: Uint8Array): boolean {
    if (this.#failed) return false;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (this.#needed === 0) {
        if (byte < 0x80) continue;
        // RFC 3629 §4: C0, C1 and F5-FF never appear; E0, ED, F0 and F4 restrict the next byte
        // (no overlong forms, no surrogates D800-DFFF, nothing above U+10FFFF).
        if (byte >= 0xc2 && byte <= 0xdf) this.#expect(1, 0x80, 0xbf);
        else if (byte === 0xe0) this.#expect(2, 0xa0, 0xbf);
        else if (byte === 0xed) this.#expect(2, 0x80, 0x9f);
        else if (byte >= 0xe1 && byte <= 0xef) this.#expect(2, 0x80, 0xbf);
        else if (byte === 0xf0) this.#expect(3, 0x90, 0xbf);
        else if (byte >= 0xf1 && byte <= 0xf3) this.#expect(3, 0x80, 0xbf);
        else if (byte === 0xf4) this.#expect(3, 0x80, 0x8f);
        else return this.#fail();
      } else {
        if (byte < this.#lower || byte > this.#upper) return this.#fail();
        this.#needed--;
        this.#lower = 0x80;
        this.#upper = 0xbf;
      }
    }
    return true;
  }

  /** True if everything pushed is valid UTF-8 and ends at a character boundary. */
  end(): boolean {
    return !this.#failed && this.#needed === 0;
  }

  /** Starts over, for the next message. */
  reset(): void {
    this.#needed = 0;
    this.#lower = 0x80;
    this.#upper = 0xbf;
    this.#failed = false;
  }

  #expect(needed: number, lower: number, upper: number): void {
    this.#needed = needed;
    this.#lower = lower;
    this.#upper = upper;
  }

  #fail(): false {
    this.#failed = true;
    return false;
  }
}

/** True if `bytes` are complete, valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const validator = new Utf8Validator();
  return validator.push(bytes) && validator.end();
}
