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
  throw new Error('TODO(records): the 5-byte record header and the fragment, RFC 8446 §5.1');
}

/**
 * Collects bytes as they arrive from the transport and hands out whole records.
 * A record may arrive in pieces or several in one read.
 */
export class RecordReader {
  /** Adds bytes from the transport. */
  push(bytes: Uint8Array): void {
    throw new Error('TODO(records): keep the bytes until a whole record is there');
  }

  /**
   * The next complete record, or undefined until all of it has arrived. Throws
   * record_overflow for a length over 2^14 + 256 (RFC 8446 §5.2), decode_error for
   * an unknown content type.
   */
  next(): TlsRecord | undefined {
    throw new Error('TODO(records): the next whole record, RFC 8446 §5.1');
  }
}

/** The per-record nonce: the 64-bit sequence number, left-padded to the IV's length, XOR the IV (RFC 8446 §5.3). */
export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  throw new Error('TODO(records): IV XOR the sequence number, RFC 8446 §5.3');
}

/**
 * One direction's record protection under one traffic key (RFC 8446 §5.2). Each
 * record sealed or opened uses the next sequence number, starting at 0; a new key
 * needs a new RecordProtection.
 */
export class RecordProtection {
  constructor(keys: TrafficKeys) {
    void keys;
  }

  /** The sequence number the next record will use. */
  get sequenceNumber(): bigint {
    throw new Error('TODO(records): the sequence number of the next record');
  }

  /**
   * Protects content of a real type and returns the whole record, header included:
   * outer type application_data, TLSInnerPlaintext = content | type | `padding`
   * zero bytes, and the header as the AEAD's additional data.
   */
  async seal(type: number, content: Uint8Array, padding = 0): Promise<Uint8Array> {
    throw new Error('TODO(records): protect a record, RFC 8446 §5.2');
  }

  /**
   * Opens a protected record (outer type application_data): bad_record_mac when the
   * tag does not verify; otherwise strips the zero padding from the end and takes the
   * last non-zero byte as the real type (unexpected_message if there is none).
   */
  async open(record: TlsRecord): Promise<Unprotected> {
    throw new Error('TODO(records): open a protected record, RFC 8446 §5.2');
  }
}
