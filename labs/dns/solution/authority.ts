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
  let header: Header;
  try {
    header = decodeHeader(query, 0).value;
  } catch {
    return null;
  }
  // Answering responses would let two servers bounce error replies at each other forever.
  if (header.qr) return null;

  let request: Message;
  try {
    request = decodeMessage(query).value;
  } catch (error) {
    if (!(error instanceof DnsFormatError)) throw error;
    // RFC 1035 §4.1.1: FORMERR, "unable to interpret the query"; nothing of it but the header is safe to echo.
    return encodeMessage(reply(header, [], Rcode.FORMERR, false));
  }
  if (request.opcode !== Opcode.QUERY) return encodeMessage(reply(request, request.questions, Rcode.NOTIMP, false));
  // RFC 9619: a QUERY carries exactly one question; anything else is FORMERR.
  const question = request.questions[0];
  if (request.questions.length !== 1 || !question) return encodeMessage(reply(request, request.questions, Rcode.FORMERR, false));
  // Not ours: REFUSED (RFC 1035 §4.1.1) rather than a guess.
  if (question.class !== CLASS_IN || !isSubdomain(question.name, zone.origin)) {
    return encodeMessage(reply(request, [question], Rcode.REFUSED, false));
  }
  return encodeMessage(answer(zone, request, question));
}

function answer(zone: Zone, request: Header | Message, question: Question): Message {
  const soa = zone.records.find((r): r is SoaRecord => r.type === 'SOA' && namesEqual(r.name, zone.origin));
  // RFC 2308 §3: the SOA in a negative answer carries min(its TTL, MINIMUM), the time resolvers may cache the "no".
  const negative = soa ? [{ ...soa, ttl: Math.min(soa.ttl, soa.data.minimum) }] : [];
  const answers: ResourceRecord[] = [];
  const visited = new Set<string>();
  // The name as the client spelled it: owners are written that way, so they compress against the question.
  let name = question.name;
  // RFC 1034 §4.3.2 step 3: at a CNAME, add it and start again at its target while that is in the zone.
  // Each pass visits a new name, so this ends.
  for (;;) {
    visited.add(canonicalName(name));
    const owned = zone.records.filter((r) => namesEqual(r.name, name));
    const matching = owned.filter((r) => r.type === question.type);
    if (matching.length > 0) {
      answers.push(...matching.map((r) => ({ ...r, name })));
      return { ...reply(request, [question], Rcode.NOERROR, true), answers };
    }
    const cname = owned.find((r) => r.type === 'CNAME');
    if (cname?.type === 'CNAME' && question.type !== 'CNAME') {
      answers.push({ ...cname, name });
      if (!isSubdomain(cname.data, zone.origin) || visited.has(canonicalName(cname.data))) {
        return { ...reply(request, [question], Rcode.NOERROR, true), answers };
      }
      name = cname.data;
      continue;
    }
    // A name exists if it owns records or has names below it (an "empty non-terminal", RFC 4592 §2.2.2; RFC 8020 §2 relies on it).
    const exists = owned.length > 0 || zone.records.some((r) => isSubdomain(r.name, name));
    // RFC 2308 §2.1 NXDOMAIN and §2.2 NODATA both carry the SOA; RFC 6604 §3: the RCODE is about the last name.
    return { ...reply(request, [question], exists ? Rcode.NOERROR : Rcode.NXDOMAIN, true), answers, authority: negative };
  }
}

/** An empty response to `request`: id and RD echoed (RFC 1035 §4.1.1), QR set, recursion not offered. */
function reply(request: Header | Message, questions: Question[], rcode: number, authoritative: boolean): Message {
  return {
    id: request.id,
    qr: true,
    opcode: request.opcode,
    aa: authoritative,
    tc: false,
    rd: request.rd,
    ra: false,
    z: 0,
    rcode,
    questions,
    answers: [],
    authority: [],
    additional: [],
  };
}
