/** Given code: the errors the lab's codecs throw, so tests and callers can tell them apart. */

/** Bytes that end before the field being read. */
export class TruncatedError extends Error {
  override name = 'TruncatedError';
}

/** Hessian bytes that are not a value of the lab's subset: an unknown or unsupported code, or a malformed string. */
export class HessianError extends Error {
  override name = 'HessianError';
  /** Offset of the byte that could not be read. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.offset = offset;
  }
}
