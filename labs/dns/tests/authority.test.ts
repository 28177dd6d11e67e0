/**
 * Stage authority: the core of an authoritative server, sans-I/O —
 * respond(zone, queryBytes) → responseBytes (RFC 1034 §4.3.2, RFC 1035 §4.1.1,
 * RFC 2308 for negative answers). Zone: tests/fixtures/shop-zone.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, LabAssertionError, toHex } from '@lab-kit';
import { respond } from '@impl/authority.ts';
import type { TypeName } from '@impl/codes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import { decodeMessage, encodeMessage } from '@impl/message.ts';
import { createQuery, type Message, type ResourceRecord } from '@impl/message-types.ts';
import { SHOP_SOA, SHOP_ZONE } from './fixtures/shop-zone.ts';

const SEE = 'RFC 1034 §4.3.2 (the server algorithm)';
const NEGATIVE_SOA = { ...SHOP_SOA, ttl: 300 };

/** Sends a query for `name` `type` (id 0x5a5a, RD as given) and decodes the response. */
function ask(name: string, type: TypeName, options: { rd?: boolean; id?: number } = {}): Message {
  const query = encodeMessage(createQuery(options.id ?? 0x5a5a, { name, type, class: 1 }, { rd: options.rd ?? false }));
  return decodeResponse(respond(SHOP_ZONE, query), `the response to ${name} ${type}`);
}

function decodeResponse(bytes: Uint8Array | null, what: string): Message {
  if (!(bytes instanceof Uint8Array)) {
    throw new LabAssertionError(`${what}: expected response bytes, got ${String(bytes)}`, String(bytes), 'a Uint8Array');
  }
  return decodeMessage(bytes).value;
}

/** Header fields and sections, names lower-cased: what these tests compare. */
function summary(message: Message) {
  const lines = (records: ResourceRecord[]) => records.map((r) => `${r.name.toLowerCase()} ${r.ttl} ${r.type} ${typeof r.data === 'string' ? r.data : 'SOA'}`);
  return {
    id: message.id,
    qr: message.qr,
    aa: message.aa,
    rd: message.rd,
    rcode: message.rcode,
    questions: message.questions.map((q) => `${q.name} ${q.type}`),
    answers: lines(message.answers),
    authority: lines(message.authority),
  };
}

const base = { id: 0x5a5a, qr: true, rd: false };

describe('respond', () => {
  it('answers an A query with AA set, echoing id, question and RD (RFC 1035 §4.1.1)', () => {
    const response = ask('api.shop.example', 'A', { rd: true, id: 0xbeef });
    expect(summary(response), SEE).toEqual({
      id: 0xbeef,
      qr: true,
      aa: true,
      rd: true,
      rcode: 0,
      questions: ['api.shop.example A'],
      answers: ['api.shop.example 600 A 192.0.2.81', 'api.shop.example 600 A 192.0.2.82'],
      authority: [],
    });
    expect([response.ra, response.tc, response.z], 'no recursion offered, nothing truncated, Z zero').toEqual([false, false, 0]);
  });

  it('answers AAAA queries (RFC 3596)', () => {
    expect(summary(ask('api.shop.example', 'AAAA')).answers, 'the AAAA set of api.shop.example').toEqual(['api.shop.example 600 AAAA 2001:db8:0:1::81']);
  });

  it('matches names without regard to case and echoes the question as asked', () => {
    const response = ask('API.Shop.EXAMPLE', 'A');
    expect(response.questions[0]?.name, 'the question is echoed exactly').toBe('API.Shop.EXAMPLE');
    expect(summary(response).answers, 'RFC 4343: API.Shop.EXAMPLE is api.shop.example').toEqual(['api.shop.example 600 A 192.0.2.81', 'api.shop.example 600 A 192.0.2.82']);
    expect(response.answers.map((r) => r.name), 'owners are written as the name asked, so they compress against the question').toEqual(['API.Shop.EXAMPLE', 'API.Shop.EXAMPLE']);
  });

  it('follows a CNAME inside the zone and returns the whole chain', () => {
    expect(summary(ask('store.shop.example', 'A')), `${SEE} step 3a: change QNAME to the canonical name and go on`).toEqual({
      ...base,
      aa: true,
      rcode: 0,
      questions: ['store.shop.example A'],
      answers: ['store.shop.example 300 CNAME api.shop.example', 'api.shop.example 600 A 192.0.2.81', 'api.shop.example 600 A 192.0.2.82'],
      authority: [],
    });
  });

  it('returns a CNAME whose target is outside the zone as the whole answer', () => {
    const response = summary(ask('www.shop.example', 'A'));
    expect([response.rcode, response.aa, response.questions, response.answers, response.authority], 'the server is no authority for gslb.example, so it neither follows the CNAME nor says NXDOMAIN; the resolver follows it').toEqual([
      0,
      true,
      ['www.shop.example A'],
      ['www.shop.example 300 CNAME shop.gslb.example'],
      [],
    ]);
  });

  it('answers a CNAME query with the CNAME itself, not its target', () => {
    expect(summary(ask('store.shop.example', 'CNAME')).answers, 'QTYPE CNAME asks for the alias record').toEqual(['store.shop.example 300 CNAME api.shop.example']);
  });

  it('stops at a CNAME loop inside the zone and still answers', () => {
    const response = ask('ping.shop.example', 'A');
    expect(summary(response).answers, 'each name once; the resolver will notice the loop').toEqual([
      'ping.shop.example 300 CNAME pong.shop.example',
      'pong.shop.example 300 CNAME ping.shop.example',
    ]);
  });

  it('answers NXDOMAIN with the SOA in the authority section, its TTL min(SOA TTL, MINIMUM) (RFC 2308 §3)', () => {
    expect(summary(ask('nope.shop.example', 'A')), 'RFC 2308 §2.1').toEqual({
      ...base,
      aa: true,
      rcode: 3,
      questions: ['nope.shop.example A'],
      answers: [],
      authority: ['shop.example 300 SOA SOA'],
    });
    expect(ask('nope.shop.example', 'A').authority, 'the SOA record itself, TTL 300').toEqual([NEGATIVE_SOA]);
  });

  it('answers NXDOMAIN after a CNAME to a missing name, keeping the CNAME (RFC 6604 §3)', () => {
    const response = summary(ask('old.shop.example', 'A'));
    expect([response.rcode, response.answers, response.authority], 'the RCODE speaks of the last name in the chain').toEqual([3, ['old.shop.example 300 CNAME gone.shop.example'], ['shop.example 300 SOA SOA']]);
  });

  it('answers NOERROR with no records and the SOA for a name without that type (NODATA, RFC 2308 §2.2)', () => {
    const response = summary(ask('ns1.shop.example', 'AAAA'));
    expect([response.rcode, response.answers, response.authority], 'ns1.shop.example exists, but has no AAAA').toEqual([0, [], ['shop.example 300 SOA SOA']]);
  });

  it('answers NODATA, not NXDOMAIN, for a name that only has names below it (an empty non-terminal, RFC 4592 §2.2.2)', () => {
    const response = summary(ask('cdn.shop.example', 'A'));
    expect([response.rcode, response.answers, response.authority], 'img.cdn.shop.example exists, so cdn.shop.example does too').toEqual([0, [], ['shop.example 300 SOA SOA']]);
  });

  it('answers REFUSED, without AA, for a name outside the zone', () => {
    const response = summary(ask('www.other.example', 'A'));
    expect([response.rcode, response.aa, response.answers, response.questions], 'RFC 1035 §4.1.1 RCODE 5: the server will not answer for other zones; the question is echoed').toEqual([5, false, [], ['www.other.example A']]);
    expect(summary(ask('badshop.example', 'A')).rcode, 'badshop.example only ends in the same letters').toBe(5);
  });

  it('answers REFUSED, without AA, for a class other than IN', () => {
    const query = encodeMessage(createQuery(9, { name: 'api.shop.example', type: 'A', class: 3 }));
    const response = summary(decodeResponse(respond(SHOP_ZONE, query), 'the response to api.shop.example A CH'));
    expect([response.rcode, response.aa, response.answers], 'the zone is class IN (1); class CH (3) is not served here').toEqual([5, false, []]);
  });

  it('answers NOTIMP for an opcode other than QUERY', () => {
    const query = encodeMessage(createQuery(7, { name: 'api.shop.example', type: 'A', class: 1 }, { opcode: 2 }));
    const response = decodeResponse(respond(SHOP_ZONE, query), 'the response to a STATUS request');
    expect([response.rcode, response.aa], 'RFC 1035 §4.1.1 RCODE 4: not implemented, and nothing authoritative about it').toEqual([4, false]);
  });

  it('answers FORMERR, echoing the id, for a query it cannot parse', () => {
    // Header: id 0x0102, QDCOUNT 1 — then a label that runs past the end.
    const response = decodeResponse(respond(SHOP_ZONE, fromHex('01 02 01 00 00 01 00 00 00 00 00 00 09 73 68 6f 70')), 'the response to a cut-off query');
    expect(summary(response), 'RFC 1035 §4.1.1 RCODE 1: "unable to interpret the query"').toEqual({
      id: 0x0102,
      qr: true,
      aa: false,
      rd: true,
      rcode: 1,
      questions: [],
      answers: [],
      authority: [],
    });
  });

  it('answers FORMERR for a query with two questions (RFC 9619)', () => {
    const query = createQuery(9, { name: 'api.shop.example', type: 'A', class: 1 });
    const bytes = encodeMessage({ ...query, questions: [...query.questions, { name: 'www.shop.example', type: 'A', class: 1 }] });
    const response = decodeResponse(respond(SHOP_ZONE, bytes), 'the response to two questions');
    expect([response.rcode, response.aa], 'RFC 9619: QDCOUNT must be 1; and an error says nothing authoritative about the zone').toEqual([1, false]);
  });

  it('finds the zone’s SOA wherever the zone file lists it, and no other record at the apex', () => {
    // The NS record at the apex comes first here: it is not the SOA.
    const [soa, ns, ...rest] = SHOP_ZONE.records;
    const zone = { ...SHOP_ZONE, records: [ns!, ...rest, soa!] };
    const query = encodeMessage(createQuery(4, { name: 'nope.shop.example', type: 'A', class: 1 }));
    const response = decodeResponse(respond(zone, query), 'the response to nope.shop.example A, SOA listed last');
    expect(response.authority, 'the SOA, TTL min(3600, 300), in the authority section of an NXDOMAIN (RFC 2308 §3)').toEqual([NEGATIVE_SOA]);
  });

  it('returns null for fewer than 12 bytes and for a message that is itself a response', () => {
    expect(respond(SHOP_ZONE, fromHex('12 34 01')), 'no full header, so no id to answer to').toBeNull();
    const response = encodeMessage({ ...createQuery(3, { name: 'api.shop.example', type: 'A', class: 1 }), qr: true });
    expect(respond(SHOP_ZONE, response), 'answering a response could start an endless exchange between two servers').toBeNull();
  });

  it('never throws on random bytes: returns null or a response with QR set (property)', () => {
    const queryLike = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ maxLength: 60 })).map(([id, tail]) =>
      Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, ...tail]),
    );
    fc.assert(
      fc.property(fc.oneof(queryLike, fc.uint8Array({ maxLength: 80 })), (bytes) => {
        let response: Uint8Array | null;
        try {
          response = respond(SHOP_ZONE, bytes);
        } catch (error) {
          throw new LabAssertionError(
            `respond threw ${(error as Error)?.name}: ${(error as Error)?.message} on ${toHex(bytes)}; a server must answer FORMERR or drop the packet, never crash`,
            String(error),
            'a response or null',
          );
        }
        if (response === null) return;
        let message: Message;
        try {
          message = decodeMessage(response).value;
        } catch (error) {
          if (error instanceof DnsFormatError) throw new LabAssertionError(`respond produced bytes that do not decode (${error.message}) for ${toHex(bytes)}`, toHex(response), 'a valid message');
          throw error;
        }
        expect(message.qr, `QR of the response to ${toHex(bytes)}`).toBe(true);
        expect(message.id, 'the id is echoed').toBe((bytes[0]! << 8) | bytes[1]!);
      }),
      { numRuns: 1000 },
    );
  });
});
