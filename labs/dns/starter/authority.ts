/**
 * The core of an authoritative name server, sans-I/O: query bytes in,
 * response bytes out (RFC 1034 §4.3.2, simplified to one zone without
 * delegations below it). Any input is survivable: what cannot be parsed
 * becomes FORMERR, what cannot even be addressed is dropped.
 */
import { CLASS_IN, Opcode, Rcode } from '@impl/codes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import type { Header, Message, Question, ResourceRecord, SoaRecord } from '@impl/message-types.ts';
import type { Zone } from '@impl/server-types.ts';
import { decodeHeader } from './header.ts';
import { decodeMessage, encodeMessage } from './message.ts';
import { canonicalName, isSubdomain, namesEqual } from './name.ts';

/**
 * Answers one query for `zone` (RFC 1034 §4.3.2, one zone, no delegations
 * below it). Returns the response bytes, or null when there is nobody to
 * answer: fewer than 12 bytes (no id to echo), or a message with QR set
 * (answering responses could bounce errors between two servers forever).
 * Never throws, whatever the bytes.
 *
 * Every response: same id, QR set, OPCODE copied, RD copied, RA clear, Z 0.
 * - The query does not decode (DnsFormatError) → FORMERR, no question, AA clear.
 * - OPCODE is not QUERY → NOTIMP.  QDCOUNT is not 1 → FORMERR (RFC 9619).
 * - Class not IN, or the name is not `zone.origin` or below it → REFUSED, AA clear.
 * Otherwise AA set, the question echoed as asked, and, ignoring ASCII case:
 * - records of the asked type at the name → all of them in the answer section,
 *   owner written as the name being looked up;
 * - else a CNAME at the name (and the type asked is not CNAME) → add it and,
 *   if its target is in the zone and not yet visited, repeat with the target;
 * - else NXDOMAIN if no record is owned by the name or any name below it,
 *   NOERROR (NODATA) if one is — both with the zone's SOA in the authority
 *   section, its TTL lowered to min(SOA TTL, MINIMUM) (RFC 2308 §3). The
 *   RCODE speaks about the last name reached (RFC 6604 §3).
 */
export function respond(zone: Zone, query: Uint8Array): Uint8Array | null {
  throw new Error('TODO(authority): decode the header and the message, pick the RCODE, look the name up in zone.records, encodeMessage the reply');
}
