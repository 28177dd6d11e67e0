/**
 * A bounded, in-memory, reliable byte pipe: the application writes at one end and
 * reads at the other. TCP carries one of these in each direction; its capacity is
 * what the receiver advertises as its window (RFC 9293 §3.8.6).
 *
 * Stored as a ring buffer of `capacity` bytes, so pushing and popping copy each
 * byte once and never allocate.
 */

const EMPTY = new Uint8Array(0);

/** A byte pipe holding at most `capacity` bytes that have been pushed and not yet popped. */
export class ByteStream {
  /** The most bytes the stream holds at once. */
  readonly capacity: number;

  readonly #buffer: Uint8Array;
  /** Where the oldest buffered byte sits in #buffer. */
  #head = 0;
  #buffered = 0;
  #pushed = 0;
  #popped = 0;
  #closed = false;
  #error = false;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`ByteStream: capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#buffer = new Uint8Array(capacity);
  }

  // ---- Writer side ----

  /** Appends as much of `data` as fits in the available capacity; returns how many bytes were taken (0 once closed). */
  push(data: Uint8Array): number {
    if (this.#closed || this.#error) return 0;
    const n = Math.min(data.length, this.capacity - this.#buffered);
    if (n === 0) return 0;
    // The free region starts just after the last buffered byte and may wrap to the front.
    const tail = (this.#head + this.#buffered) % this.capacity;
    const first = Math.min(n, this.capacity - tail);
    this.#buffer.set(first === data.length ? data : data.subarray(0, first), tail);
    if (first < n) this.#buffer.set(data.subarray(first, n), 0);
    this.#buffered += n;
    this.#pushed += n;
    return n;
  }

  /** Signals that nothing more will be pushed. */
  close(): void {
    this.#closed = true;
  }

  /** Marks the stream as failed (the connection was reset); both ends see `hasError`. */
  setError(): void {
    this.#error = true;
  }

  /** True once the writer has closed the stream. */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** How many more bytes `push` would accept now. */
  get availableCapacity(): number {
    return this.capacity - this.#buffered;
  }

  /** Total bytes ever pushed. */
  get bytesPushed(): number {
    return this.#pushed;
  }

  // ---- Reader side ----

  /**
   * A view of the next buffered bytes: at least one byte when any are buffered,
   * possibly not all of them (here: up to the end of the ring). Valid only until
   * the next push or pop.
   */
  peek(): Uint8Array {
    if (this.#buffered === 0) return EMPTY;
    const end = Math.min(this.#head + this.#buffered, this.capacity);
    return this.#buffer.subarray(this.#head, end);
  }

  /** Removes the next `n` bytes (or all buffered bytes, if fewer). */
  pop(n: number): void {
    const count = Math.min(Math.max(0, Math.floor(n)), this.#buffered);
    this.#buffered -= count;
    this.#popped += count;
    // An empty ring restarts at 0, so the next peek can return one long view.
    this.#head = this.#buffered === 0 ? 0 : (this.#head + count) % this.capacity;
  }

  /** Bytes pushed and not yet popped. */
  get bytesBuffered(): number {
    return this.#buffered;
  }

  /** Total bytes ever popped. */
  get bytesPopped(): number {
    return this.#popped;
  }

  /** True when the stream is closed and every byte has been popped: the reader has seen the end. */
  get isFinished(): boolean {
    return this.#closed && this.#buffered === 0;
  }

  /** True once either side called `setError`. */
  get hasError(): boolean {
    return this.#error;
  }
}
