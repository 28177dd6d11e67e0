/**
 * The TLS 1.3 record layer (RFC 8446 §5): cutting a byte stream into records, and
 * protecting records with AES-128-GCM once keys exist. A protected record hides its
 * real content type inside the encryption (TLSInnerPlaintext, §5.2) and uses a fresh
 * nonce per record, the IV XOR the 64-bit sequence number (§5.3).
 */
import { TlsAlert } from '@impl/alerts.ts';
import { ByteReader, ByteWriter, concat } from '@impl/bytes.ts';
import { ContentType, LEGACY_VERSION, MAX_CIPHERTEXT, MAX_PLAINTEXT } from '@impl/constants.ts';
import { aes128GcmOpen, aes128GcmSeal } from '@impl/crypto.ts';
import type { TrafficKeys } from '@impl/key-types.ts';
import type { TlsRecord, Unprotected } from '@impl/record-types.ts';

/** AES-GCM's tag length: every protected record is at least this plus the inner content type. */
const TAG_LENGTH = 16;

/** The 5-byte record header: type, legacy_record_version 0x0303, length (RFC 8446 §5.1). */
export function encodeRecord(record: TlsRecord): Uint8Array {
  return new ByteWriter().u8(record.type).u16(LEGACY_VERSION).vector16(record.fragment).bytes();
}

/**
 * Collects bytes as they arrive from the transport and hands out whole records.
 * A record may arrive in pieces or several in one read.
 */
export class RecordReader {
  private buffered: Uint8Array = new Uint8Array(0);

  /** Adds bytes from the transport. */
  push(bytes: Uint8Array): void {
    this.buffered = concat(this.buffered, bytes);
  }

  /**
   * The next complete record, or undefined until all of it has arrived. Throws
   * record_overflow for a length over 2^14 + 256 (RFC 8446 §5.2), decode_error for
   * an unknown content type.
   */
  next(): TlsRecord | undefined {
    if (this.buffered.length < 5) return undefined;
    const header = new ByteReader(this.buffered, 'record header');
    const type = header.u8();
    header.u16(); // legacy_record_version: ignored on receipt (RFC 8446 §5.1)
    const length = header.u16();
    if (length > MAX_CIPHERTEXT) throw new TlsAlert('record_overflow', `a record of ${length} bytes is longer than 2^14 + 256`);
    if (!Object.values(ContentType).includes(type as never)) throw new TlsAlert('unexpected_message', `unknown record content type ${type}`);
    if (this.buffered.length < 5 + length) return undefined;
    const fragment = this.buffered.slice(5, 5 + length);
    this.buffered = this.buffered.slice(5 + length);
    return { type, fragment };
  }
}

/** The per-record nonce: the 64-bit sequence number, left-padded to the IV's length, XOR the IV (RFC 8446 §5.3). */
export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  const nonce = new Uint8Array(iv);
  let seq = sequenceNumber;
  for (let i = nonce.length - 1; i >= nonce.length - 8; i--) {
    nonce[i]! ^= Number(seq & 0xffn);
    seq >>= 8n;
  }
  return nonce;
}

/**
 * One direction's record protection under one traffic key (RFC 8446 §5.2). Each
 * record sealed or opened uses the next sequence number, starting at 0; a new key
 * needs a new RecordProtection.
 */
export class RecordProtection {
  private seq = 0n;

  private readonly keys: TrafficKeys;

  constructor(keys: TrafficKeys) {
    this.keys = keys;
  }

  /** The sequence number the next record will use. */
  get sequenceNumber(): bigint {
    return this.seq;
  }

  /**
   * Protects content of a real type and returns the whole record, header included:
   * outer type application_data, TLSInnerPlaintext = content | type | `padding`
   * zero bytes, and the header as the AEAD's additional data.
   */
  async seal(type: number, content: Uint8Array, padding = 0): Promise<Uint8Array> {
    if (content.length > MAX_PLAINTEXT) throw new RangeError(`a record carries at most 2^14 bytes, got ${content.length}`);
    const inner = concat(content, Uint8Array.of(type), new Uint8Array(padding));
    const header = new ByteWriter().u8(ContentType.application_data).u16(LEGACY_VERSION).u16(inner.length + TAG_LENGTH).bytes();
    const sealed = await aes128GcmSeal(this.keys.key, recordNonce(this.keys.iv, this.seq++), header, inner);
    return concat(header, sealed);
  }

  /**
   * Opens a protected record (outer type application_data): bad_record_mac when the
   * tag does not verify; otherwise strips the zero padding from the end and takes the
   * last non-zero byte as the real type (unexpected_message if there is none).
   */
  async open(record: TlsRecord): Promise<Unprotected> {
    if (record.type !== ContentType.application_data) {
      throw new TlsAlert('unexpected_message', `a protected record must have outer type application_data (23), got ${record.type}`);
    }
    const header = new ByteWriter().u8(record.type).u16(LEGACY_VERSION).u16(record.fragment.length).bytes();
    const inner = await aes128GcmOpen(this.keys.key, recordNonce(this.keys.iv, this.seq), header, record.fragment);
    if (!inner) throw new TlsAlert('bad_record_mac', `record ${this.seq} did not authenticate (wrong key, nonce or a changed byte)`);
    this.seq++;
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    if (end < 0) throw new TlsAlert('unexpected_message', 'a protected record with no content type (all zero bytes)');
    return { type: inner[end]!, content: inner.subarray(0, end) };
  }
}
