/**
 * The two errors the lab throws on purpose. Decoders throw only
 * `DnsFormatError`, whatever bytes they are given, so a server can turn any
 * bad packet into a FORMERR instead of crashing; the resolver throws
 * `ResolveError` when it gives up, so callers can tell "the name does not
 * exist" (an answer) from "I could not find out" (an error).
 */

/** Why bytes (or a name or address in text form) could not be read or written. */
export type DnsFormatErrorCode =
  /** The data ends before the field being read (RFC 1035 §4.1: every field has a fixed or declared length). */
  | 'truncated'
  /** A compression pointer leads back into the name being read, so following it would never end (RFC 9267 §2). */
  | 'pointer-loop'
  /** A compression pointer points at itself or later in the message; RFC 1035 §4.1.4 allows only a prior occurrence. */
  | 'pointer-forward'
  /** A compression pointer points past the end of the message (RFC 9267 §2). */
  | 'pointer-out-of-bounds'
  /** A label longer than 63 octets (RFC 1035 §2.3.4); on the wire such a length octet is a reserved label type instead. */
  | 'label-too-long'
  /** A name longer than 255 octets in wire form, length octets and root included (RFC 1035 §2.3.4). */
  | 'name-too-long'
  /** A label length octet starting with the bits 01 or 10, which RFC 1035 §4.1.4 reserves. */
  | 'bad-label-type'
  /** RDATA that does not fit its type, e.g. an A record whose RDLENGTH is not 4 (RFC 1035 §3.4.1). */
  | 'bad-rdata'
  /** A name, address or type written in text that cannot be put on the wire, e.g. "a..b" or "256.1.1.1". */
  | 'invalid-text'
  /** A number that does not fit its field, e.g. an id above 0xffff or an RCODE above 15. */
  | 'value-out-of-range';

/** Thrown by every codec in this lab, and by nothing else. */
export class DnsFormatError extends Error {
  override name = 'DnsFormatError';
  /** Machine-readable reason; tests and servers switch on it. */
  readonly code: DnsFormatErrorCode;
  /** Byte offset where the problem was found, when there is one. */
  readonly offset: number | undefined;

  constructor(code: DnsFormatErrorCode, message: string, offset?: number) {
    super(offset === undefined ? `${code}: ${message}` : `${code} at offset ${offset}: ${message}`);
    this.code = code;
    this.offset = offset;
  }
}

/** Why an iterative resolution gave up. */
export type ResolveErrorCode =
  /** Following CNAMEs took more than the allowed number of steps, which is what a CNAME loop looks like. */
  | 'cname-chain-too-long'
  /** The resolution needed more queries than its budget allows (RFC 1034 §5.3.3 asks for a bound on work). */
  | 'too-many-queries'
  /** Every name server for the zone failed: unreachable, SERVFAIL, REFUSED, or a reply that was no use. */
  | 'servers-failed';

/** Thrown by the resolver when it cannot get an answer (NXDOMAIN is an answer, not an error). */
export class ResolveError extends Error {
  override name = 'ResolveError';
  readonly code: ResolveErrorCode;

  constructor(code: ResolveErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}
