/**
 * Classic libpcap capture files (pcap-savefile(5); draft-ietf-opsawg-pcap), the format
 * tcpdump writes and Wireshark opens. A file is a 24-byte global header, then per frame
 * a 16-byte record header and the frame's bytes. We write microsecond files in
 * little-endian order (what tcpdump writes on x86); the reader takes both byte orders
 * and both microsecond and nanosecond files.
 */

/** LINKTYPE_ETHERNET: records are IEEE 802.3 frames starting at the destination MAC, no FCS. */
export const LINKTYPE_ETHERNET = 1;
/** tcpdump's default snapshot length, and ours. */
export const DEFAULT_SNAPLEN = 65535;
/** Largest record libpcap accepts (MAXIMUM_SNAPLEN); a bigger length means a corrupt file. */
export const MAX_RECORD_LENGTH = 262144;

const GLOBAL_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const PCAPNG_MAGIC = 0x0a0d0d0a;

/** One frame to write: when it was seen and its bytes. */
export interface PcapFrame {
  /** Virtual milliseconds since the start; written as seconds + microseconds (rounded). */
  timeMs: number;
  bytes: Uint8Array;
  /** Length on the wire when `bytes` is a truncated capture. Default `bytes.length`. */
  originalLength?: number;
}

/** Options for `writePcap`. */
export interface PcapWriteOptions {
  /** Frames longer than this are cut to it (the record keeps the original length). Default 65535. */
  snaplen?: number;
  /** Link-layer header type of every record. Default LINKTYPE_ETHERNET (1). */
  linkType?: number;
}

/** The global header of a read file. */
export interface PcapHeader {
  /** Byte order the file was written in, told by how the magic number reads. */
  byteOrder: 'little' | 'big';
  /** Unit of each record's fraction field: 0xa1b2c3d4 files use microseconds, 0xa1b23c4d nanoseconds. */
  precision: 'micro' | 'nano';
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  /** The LinkType: low 16 bits of the header's network field. */
  linkType: number;
}

/** One record of a read file. */
export interface PcapRecord {
  /** Timestamp in milliseconds (seconds × 1000 + fraction). */
  timeMs: number;
  /** Whole seconds of the timestamp. */
  seconds: number;
  /** Microseconds or nanoseconds past `seconds`, per the header's precision. */
  fraction: number;
  /** The captured bytes (a copy). */
  bytes: Uint8Array;
  /** Length of the frame on the wire. */
  originalLength: number;
}

/** A parsed capture file. */
export interface PcapFile {
  header: PcapHeader;
  records: PcapRecord[];
}

/** Why `readPcap` refused its input. */
export type PcapErrorCode =
  | 'truncated-header'
  | 'bad-magic'
  | 'pcapng'
  | 'unsupported-version'
  | 'truncated-record'
  | 'bad-record-length';

/** A malformed capture, with a code to test against and the byte offset where reading stopped. */
export class PcapFormatError extends Error {
  override name = 'PcapFormatError';
  readonly code: PcapErrorCode;
  /** Offset into the input of the header or record at fault. */
  readonly offset: number;

  constructor(code: PcapErrorCode, offset: number, message: string) {
    super(`pcap: ${message} (at byte ${offset})`);
    this.code = code;
    this.offset = offset;
  }
}

/** Writes frames to a classic pcap file (microsecond timestamps, little-endian). */
export function writePcap(frames: readonly PcapFrame[], options: PcapWriteOptions = {}): Uint8Array {
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  const linkType = options.linkType ?? LINKTYPE_ETHERNET;
  if (!Number.isInteger(snaplen) || snaplen <= 0 || snaplen > MAX_RECORD_LENGTH) {
    throw new RangeError(`writePcap: snaplen must be an integer in [1, ${MAX_RECORD_LENGTH}], got ${snaplen}`);
  }
  let total = GLOBAL_HEADER_LENGTH;
  for (const frame of frames) total += RECORD_HEADER_LENGTH + Math.min(frame.bytes.length, snaplen);

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true); // version 2.4, the only version in use since 1998
  view.setUint16(6, 4, true);
  view.setInt32(8, 0, true); // thiszone: timestamps are already UTC (the draft says: write 0)
  view.setUint32(12, 0, true); // sigfigs: write 0
  view.setUint32(16, snaplen, true);
  view.setUint32(20, linkType, true);

  let offset = GLOBAL_HEADER_LENGTH;
  for (const [index, frame] of frames.entries()) {
    const { timeMs, bytes } = frame;
    const originalLength = frame.originalLength ?? bytes.length;
    if (!(timeMs >= 0) || timeMs * 1000 >= 2 ** 32 * 1e6) {
      throw new RangeError(`writePcap: frame ${index}: timeMs must be ≥ 0 and fit 32-bit seconds, got ${timeMs}`);
    }
    if (originalLength < bytes.length) {
      throw new RangeError(`writePcap: frame ${index}: originalLength ${originalLength} < ${bytes.length} captured bytes`);
    }
    // Rounding to the nearest microsecond keeps 12 ms as 12000 µs despite float noise like 11.999999999.
    const micros = Math.round(timeMs * 1000);
    const captured = Math.min(bytes.length, snaplen);
    view.setUint32(offset, Math.floor(micros / 1e6), true);
    view.setUint32(offset + 4, micros % 1e6, true);
    view.setUint32(offset + 8, captured, true);
    view.setUint32(offset + 12, originalLength, true);
    out.set(captured === bytes.length ? bytes : bytes.subarray(0, captured), offset + RECORD_HEADER_LENGTH);
    offset += RECORD_HEADER_LENGTH + captured;
  }
  return out;
}

/** Reads a classic pcap file; throws `PcapFormatError` on anything malformed. */
export function readPcap(input: Uint8Array): PcapFile {
  if (input.length < GLOBAL_HEADER_LENGTH) {
    throw new PcapFormatError(
      'truncated-header',
      0,
      `${input.length} bytes is shorter than the ${GLOBAL_HEADER_LENGTH}-byte global header`,
    );
  }
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const header = readGlobalHeader(view);
  const little = header.byteOrder === 'little';
  const unitsPerMs = header.precision === 'micro' ? 1e3 : 1e6;

  const records: PcapRecord[] = [];
  let offset = GLOBAL_HEADER_LENGTH;
  while (offset < input.length) {
    const index = records.length;
    if (input.length - offset < RECORD_HEADER_LENGTH) {
      throw new PcapFormatError(
        'truncated-record',
        offset,
        `record ${index}: ${input.length - offset} bytes left, a record header needs ${RECORD_HEADER_LENGTH}`,
      );
    }
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const originalLength = view.getUint32(offset + 12, little);
    if (captured > MAX_RECORD_LENGTH) {
      throw new PcapFormatError(
        'bad-record-length',
        offset,
        `record ${index}: captured length ${captured} exceeds the ${MAX_RECORD_LENGTH}-byte maximum`,
      );
    }
    if (captured > originalLength) {
      throw new PcapFormatError(
        'bad-record-length',
        offset,
        `record ${index}: captured length ${captured} exceeds its original length ${originalLength}`,
      );
    }
    const start = offset + RECORD_HEADER_LENGTH;
    if (start + captured > input.length) {
      throw new PcapFormatError(
        'truncated-record',
        offset,
        `record ${index}: header says ${captured} bytes, only ${input.length - start} remain`,
      );
    }
    records.push({
      timeMs: seconds * 1000 + fraction / unitsPerMs,
      seconds,
      fraction,
      bytes: input.slice(start, start + captured),
      originalLength,
    });
    offset = start + captured;
  }
  return { header, records };
}

function readGlobalHeader(view: DataView): PcapHeader {
  let byteOrder: PcapHeader['byteOrder'] | undefined;
  let precision: PcapHeader['precision'] | undefined;
  for (const little of [true, false]) {
    const magic = view.getUint32(0, little);
    if (magic === MAGIC_MICROSECONDS || magic === MAGIC_NANOSECONDS) {
      byteOrder = little ? 'little' : 'big';
      precision = magic === MAGIC_MICROSECONDS ? 'micro' : 'nano';
      break;
    }
  }
  if (byteOrder === undefined || precision === undefined) {
    const magic = view.getUint32(0, false);
    if (magic === PCAPNG_MAGIC) {
      throw new PcapFormatError('pcapng', 0, 'this is a pcapng file; only classic pcap is supported (tshark -F pcap converts)');
    }
    throw new PcapFormatError(
      'bad-magic',
      0,
      `magic number 0x${magic.toString(16).padStart(8, '0')} is not a pcap magic (0xa1b2c3d4 or 0xa1b23c4d in either byte order)`,
    );
  }
  const little = byteOrder === 'little';
  const versionMajor = view.getUint16(4, little);
  const versionMinor = view.getUint16(6, little);
  if (versionMajor !== 2) {
    throw new PcapFormatError('unsupported-version', 4, `version ${versionMajor}.${versionMinor}; only 2.x is defined`);
  }
  return {
    byteOrder,
    precision,
    versionMajor,
    versionMinor,
    snaplen: view.getUint32(16, little),
    linkType: view.getUint32(20, little) & 0xffff,
  };
}
