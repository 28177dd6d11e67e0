/**
 * A bounded, in-memory, reliable byte pipe: the application writes at one end and
 * reads at the other. TCP carries one of these in each direction; its capacity is
 * what the receiver advertises as its window (RFC 9293 §3.8.6).
 *
 * The stream never holds more than `capacity` bytes that were pushed and not yet
 * popped. Later stages push and pop megabytes through it, so make both cheap: copy
 * each byte once, and do not shift arrays around (the speed stage measures this).
 */

/** A byte pipe holding at most `capacity` bytes that have been pushed and not yet popped. */
export class ByteStream {
  /** The most bytes the stream holds at once. */
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  // ---- Writer side ----

  /**
   * Appends as much of `data` as fits in the available capacity and returns how many
   * bytes were taken; the rest is refused, not kept. Takes nothing once closed. Copies
   * the bytes: the caller may reuse `data` as soon as push returns.
   */
  push(data: Uint8Array): number {
    throw new Error('TODO(byte-stream): copy min(data.length, availableCapacity) bytes of data in after the buffered ones');
  }

  /** Signals that nothing more will be pushed. */
  close(): void {
    throw new Error('TODO(byte-stream): remember that the stream is closed');
  }

  /** Marks the stream as failed (the connection was reset); both ends see `hasError`. */
  setError(): void {
    throw new Error('TODO(byte-stream): remember the error');
  }

  /** True once the writer has closed the stream. */
  get isClosed(): boolean {
    throw new Error('TODO(byte-stream): has close() been called?');
  }

  /** How many more bytes `push` would accept now: capacity minus bytes buffered. */
  get availableCapacity(): number {
    throw new Error('TODO(byte-stream): capacity − bytesBuffered');
  }

  /** Total bytes ever pushed (accepted). */
  get bytesPushed(): number {
    throw new Error('TODO(byte-stream): count the bytes push accepted');
  }

  // ---- Reader side ----

  /**
   * A view of the next buffered bytes, oldest first: at least one byte when any are
   * buffered (not necessarily all of them), an empty array when none are. The view is
   * valid only until the next push or pop, so it may point into the stream's storage.
   */
  peek(): Uint8Array {
    throw new Error('TODO(byte-stream): return a view (subarray) of the oldest buffered bytes');
  }

  /** Removes the next `n` bytes (or all buffered bytes, if fewer are buffered). */
  pop(n: number): void {
    throw new Error('TODO(byte-stream): drop the oldest min(n, bytesBuffered) bytes');
  }

  /** Bytes pushed and not yet popped. */
  get bytesBuffered(): number {
    throw new Error('TODO(byte-stream): bytes pushed − bytes popped');
  }

  /** Total bytes ever popped. */
  get bytesPopped(): number {
    throw new Error('TODO(byte-stream): count the bytes pop removed');
  }

  /** True when the stream is closed and every byte has been popped: the reader has seen the end. */
  get isFinished(): boolean {
    throw new Error('TODO(byte-stream): closed and nothing buffered');
  }

  /** True once either side called `setError`. */
  get hasError(): boolean {
    throw new Error('TODO(byte-stream): has setError() been called?');
  }
}
