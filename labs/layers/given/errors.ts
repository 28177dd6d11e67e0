/**
 * The one error this lab throws on purpose. Every decoder, whatever bytes it
 * is given, either returns a value or throws `FrameError` with a `code`, so a
 * capture tool or a router can skip one bad frame and carry on instead of
 * crashing on a TypeError from deep inside.
 */

/** Why bytes (or an address in text form) could not be read or written. */
export type FrameErrorCode =
  /** The data ends before a fixed-size header does (e.g. 13 bytes of Ethernet header, 19 of IPv4). */
  | 'truncated'
  /** The IPv4 version field is not 4 (RFC 791 §3.1); an IPv6 packet read as IPv4 says 6 here. */
  | 'bad-version'
  /** IHL below 5: an IPv4 header is at least five 32-bit words (RFC 791 §3.1). */
  | 'bad-ihl'
  /** IPv4 total length smaller than the header it includes (RFC 791 §3.1). */
  | 'bad-total-length'
  /** IPv4 total length claims more bytes than the buffer holds: the packet was cut short. */
  | 'total-length-beyond-buffer'
  /** TCP data offset below 5 or past the end of the segment (RFC 9293 §3.1). */
  | 'bad-data-offset'
  /** UDP length below 8 or beyond the bytes the IP layer delivered (RFC 768). */
  | 'bad-udp-length'
  /** A header or segment checksum does not verify (RFC 1071 §1). */
  | 'bad-checksum'
  /** A frame whose EtherType this lab does not decode further (only IPv4, 0x0800). */
  | 'unsupported-ethertype'
  /** An IPv4 packet carrying a protocol other than TCP (6) or UDP (17). */
  | 'unsupported-protocol'
  /** A fragment of a larger datagram: its transport header is elsewhere or incomplete (RFC 791 §2.3). */
  | 'fragment'
  /** A packet larger than the link's MTU, which the sender should have segmented (RFC 9293 §3.7.1). */
  | 'exceeds-mtu'
  /** A MAC or IPv4 address in text form that cannot be read, e.g. "02:00:00:00:00" or "256.1.1.1". */
  | 'invalid-text'
  /** A number that does not fit its field, e.g. a port above 65535 or options not a multiple of 4 bytes. */
  | 'value-out-of-range';

/** Thrown by every codec in this lab, and by nothing else. */
export class FrameError extends Error {
  override name = 'FrameError';
  /** Machine-readable reason; tests and tools switch on it. */
  readonly code: FrameErrorCode;
  /** Byte offset where the problem was found, when there is one. */
  readonly offset: number | undefined;

  constructor(code: FrameErrorCode, message: string, offset?: number) {
    super(offset === undefined ? `${code}: ${message}` : `${code} at offset ${offset}: ${message}`);
    this.code = code;
    this.offset = offset;
  }
}
