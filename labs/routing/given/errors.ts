/**
 * The one error this lab's decoders throw on purpose. Whatever bytes arrive,
 * a decoder either returns a value or throws `PacketFormatError`, so an
 * interface or router can drop a bad frame instead of crashing.
 */

/** Why bytes could not be read as the packet they claim to be. */
export type PacketFormatErrorCode =
  /** The bytes end before a field being read. */
  | 'truncated'
  /** ARP for a hardware other than Ethernet: HTYPE not 1 or HLEN not 6 (RFC 826, "Packet format"). */
  | 'unsupported-hardware'
  /** ARP for a protocol other than IPv4: PTYPE not 0x0800 or PLEN not 4 (RFC 826, "Packet format"). */
  | 'unsupported-protocol'
  /** An ARP opcode other than 1 (request) or 2 (reply), e.g. RARP's 3 and 4 (RFC 903). */
  | 'bad-operation'
  /** An IPv4 header whose version is not 4 (RFC 791 §3.1). */
  | 'bad-version'
  /** An IPv4 IHL below 5 words, or a Total Length shorter than the header or longer than the bytes (RFC 791 §3.1, RFC 1812 §5.2.2). */
  | 'bad-length';

/** Thrown by every decoder in this lab, and by nothing else. */
export class PacketFormatError extends Error {
  override name = 'PacketFormatError';
  /** Machine-readable reason; tests switch on it. */
  readonly code: PacketFormatErrorCode;

  constructor(code: PacketFormatErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}
