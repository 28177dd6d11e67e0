/**
 * The Dubbo frame: the 16-byte header of given/frame-layout.ts, then the body;
 * and a decoder for a stream of them.
 */
import { concat, readU16, readU32, readU64, writeU16, writeU32, writeU64 } from '@impl/bytes.ts';
import { DEFAULT_MAX_BODY, FLAG_EVENT, FLAG_REQUEST, FLAG_TWO_WAY, HEADER_LENGTH, MAGIC, SERIALIZATION_MASK, type DecodeEvent, type Frame, type FrameHeader } from '@impl/frame-layout.ts';

/** The frame's bytes: header then body. Throws RangeError for a field out of its range. */
export function encodeFrame(frame: Frame): Uint8Array {
  const { serialization, status, id, body } = frame;
  if (!Number.isInteger(serialization) || serialization < 0 || serialization > SERIALIZATION_MASK) {
    throw new RangeError(`serialization must be 0 to 31 (five bits); got ${serialization}`);
  }
  if (!Number.isInteger(status) || status < 0 || status > 0xff) throw new RangeError(`status must be 0 to 255; got ${status}`);
  if (id < 0n || id > 0xffffffffffffffffn) throw new RangeError(`id must be 0 to 2^64 - 1; got ${id}`);

  const header = new Uint8Array(HEADER_LENGTH);
  writeU16(header, 0, MAGIC);
  header[2] = (frame.request ? FLAG_REQUEST : 0) | (frame.twoWay ? FLAG_TWO_WAY : 0) | (frame.event ? FLAG_EVENT : 0) | serialization;
  header[3] = status;
  writeU64(header, 4, id);
  writeU32(header, 12, body.length);
  return concat([header, body]);
}

/** The header fields and body length of the 16 bytes at `offset` (the magic is the decoder's to check). */
export function decodeHeader(bytes: Uint8Array, offset = 0): FrameHeader & { length: number } {
  const flags = bytes[offset + 2]!;
  return {
    request: (flags & FLAG_REQUEST) !== 0,
    twoWay: (flags & FLAG_TWO_WAY) !== 0,
    event: (flags & FLAG_EVENT) !== 0,
    serialization: flags & SERIALIZATION_MASK,
    status: bytes[offset + 3]!,
    id: readU64(bytes, offset + 4),
    length: readU32(bytes, offset + 12),
  };
}

/**
 * Turns a byte stream, in chunks cut anywhere, into frames. Bytes that do not
 * yet make a frame are kept; an oversize body is counted off as it arrives,
 * never kept; after a bad magic nothing more is decoded.
 */
export class FrameDecoder {
  /** The largest body accepted; a longer one is reported and skipped. */
  readonly maxBody: number;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  /** Bytes of the stream consumed before `pending` starts. */
  private consumed = 0;
  /** Of an oversize frame: its whole length, and the body bytes still to throw away. */
  private skipped = { length: 0, left: 0 };
  private stopped = false;

  constructor(options: { maxBody?: number } = {}) {
    this.maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  }

  /** True once a bad magic was seen: the connection must be closed. */
  get failed(): boolean {
    return this.stopped;
  }

  /** Takes the next chunk; returns what it completed, in order. */
  push(chunk: Uint8Array): DecodeEvent[] {
    if (this.stopped) return [];
    let data = chunk;
    if (this.skipped.left > 0) {
      const dropped = Math.min(this.skipped.left, data.length);
      this.skipped.left -= dropped;
      this.consumed += dropped;
      data = data.subarray(dropped);
    }
    if (data.length === 0) return [];
    // Keep the chunks and join them only when a whole frame is there, so a
    // large body arriving in many chunks is not copied once per chunk.
    this.pending.push(data.slice());
    this.pendingLength += data.length;

    const events: DecodeEvent[] = [];
    while (this.skipped.left === 0 && this.pendingLength >= HEADER_LENGTH) {
      const head = this.pending[0]!.length >= HEADER_LENGTH ? this.pending[0]! : this.joined();
      const magic = readU16(head, 0);
      if (magic !== MAGIC) {
        // Without the magic there is no telling where the next frame starts.
        events.push({ type: 'bad-magic', offset: this.consumed, got: magic });
        this.stopped = true;
        this.pending = [];
        this.pendingLength = 0;
        break;
      }
      const { length, ...header } = decodeHeader(head);
      if (length > this.maxBody) {
        // The length is known, so the frames after this one are still in step.
        events.push({ type: 'oversize', header, length });
        const here = Math.min(length, this.pendingLength - HEADER_LENGTH);
        this.skipped = { length: HEADER_LENGTH + length, left: length - here };
        this.drop(HEADER_LENGTH + here);
        continue;
      }
      if (this.pendingLength < HEADER_LENGTH + length) break;
      const bytes = this.joined();
      events.push({ type: 'frame', frame: { ...header, body: bytes.slice(HEADER_LENGTH, HEADER_LENGTH + length) } });
      this.drop(HEADER_LENGTH + length);
    }
    return events;
  }

  /** The stream has ended: reports the frame it ended inside, if any. */
  end(): DecodeEvent[] {
    if (this.stopped) return [];
    if (this.skipped.left > 0) return [{ type: 'truncated', have: this.skipped.length - this.skipped.left, need: this.skipped.length }];
    if (this.pendingLength === 0) return [];
    const bytes = this.joined();
    const need = bytes.length < HEADER_LENGTH ? HEADER_LENGTH : HEADER_LENGTH + readU32(bytes, 12);
    return [{ type: 'truncated', have: bytes.length, need }];
  }

  private joined(): Uint8Array {
    if (this.pending.length > 1) this.pending = [concat(this.pending)];
    return this.pending[0]!;
  }

  private drop(count: number): void {
    const rest = this.joined().subarray(count);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingLength = rest.length;
    this.consumed += count;
  }
}
