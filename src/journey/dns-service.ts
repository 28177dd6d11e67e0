/**
 * The trip's DNS: the root and the `example` TLD refer (NS and glue), the
 * shop's authoritative server answers for shop.example (whose www is a CNAME
 * into the CDN's zone) and cdn.example with the dns piece's `respond`, the
 * ISP's recursive resolver is the dns piece's Resolver, and the phone's stub
 * asks the resolver and retries when a reply is lost.
 */
import { CLASS_IN, Rcode } from '../../labs/dns/given/codes.ts';
import { createQuery, makeFlags, type Message, type ResourceRecord } from '../../labs/dns/given/message-types.ts';
import type { Zone } from '../../labs/dns/given/server-types.ts';
import type { Answer } from '../../labs/dns/given/resolver-types.ts';
import type { Jobs } from './async-driver.ts';
import type { IpHost } from './ip-host.ts';
import { ADDRESSES } from './network-plan.ts';
import type { PieceSet } from './pieces.ts';
import type { TimelineRecorder } from './timeline.ts';

/** The name the shopper's phone looks up. */
export const SHOP_NAME = 'www.shop.example';
/** Where the CNAME points: the CDN's name for the shop, answered with the nearest edge. */
export const CDN_NAME = 'shop.example.cdn.example';
const DNS_PORT = 53;
/** How long the stub waits for the resolver before asking again, and how often it asks (glibc: 5 s; ARP gives up on an unanswered request after 5 s too). */
export const STUB_TIMEOUT_MS = 5000;
export const STUB_ATTEMPTS = 3;

const record = <R extends ResourceRecord>(r: Omit<R, 'class'>): R => ({ ...r, class: CLASS_IN }) as R;
const soa = (origin: string): ResourceRecord =>
  record({ name: origin, type: 'SOA', ttl: 3600, data: { mname: `ns1.${origin}`, rname: `hostmaster.${origin}`, serial: 2026061501, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 } });

/** The zones the shop's authoritative server holds. */
export const ZONES: readonly Zone[] = [
  {
    origin: 'shop.example',
    records: [soa('shop.example'), record({ name: 'shop.example', type: 'NS', ttl: 86400, data: 'ns1.shop.example' }), record({ name: 'ns1.shop.example', type: 'A', ttl: 86400, data: ADDRESSES.auth }), record({ name: SHOP_NAME, type: 'CNAME', ttl: 300, data: CDN_NAME })],
  },
  {
    origin: 'cdn.example',
    records: [soa('cdn.example'), record({ name: 'cdn.example', type: 'NS', ttl: 86400, data: 'ns1.cdn.example' }), record({ name: 'ns1.cdn.example', type: 'A', ttl: 86400, data: ADDRESSES.auth }), record({ name: CDN_NAME, type: 'A', ttl: 60, data: ADDRESSES.edge })],
  },
];

/** A delegation a referral server hands out: the child zone, its name server and the server's address (glue). */
interface Referral {
  zone: string;
  server: string;
  address: string;
}

const ROOT_REFERRALS: readonly Referral[] = [{ zone: 'example', server: 'a.nic.example', address: ADDRESSES.tld }];
const TLD_REFERRALS: readonly Referral[] = [
  { zone: 'shop.example', server: 'ns1.shop.example', address: ADDRESSES.auth },
  { zone: 'cdn.example', server: 'ns1.cdn.example', address: ADDRESSES.auth },
];

const isUnder = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** A root or TLD server: a referral to the child zone that holds the name (RFC 1034 §4.3.2 step 3b). */
export function serveReferrals(host: IpHost, pieces: PieceSet, referrals: readonly Referral[], timeline: TimelineRecorder): void {
  const { decodeMessage, encodeMessage } = pieces.dns.modules['message.ts'];
  host.bindUdp(DNS_PORT, ({ source, payload }) => {
    const { value: query } = decodeMessage(payload);
    const question = query.questions[0];
    const referral = question && referrals.find((r) => isUnder(question.name.toLowerCase(), r.zone));
    const reply: Message = { ...query, ...makeFlags({ qr: true, rd: query.rd, rcode: referral ? Rcode.NOERROR : Rcode.NXDOMAIN }), answers: [], authority: [], additional: [] };
    if (referral) {
      reply.authority.push(record({ name: referral.zone, type: 'NS', ttl: 172800, data: referral.server }));
      reply.additional.push(record({ name: referral.server, type: 'A', ttl: 172800, data: referral.address }));
      timeline.note(host.device.name, 'application', `refers ${question.name} to ${referral.zone} (${referral.server} at ${referral.address})`);
    }
    host.sendUdp(DNS_PORT, source, encodeMessage(reply));
  });
}

/** The root server. */
export function serveRoot(host: IpHost, pieces: PieceSet, timeline: TimelineRecorder): void {
  serveReferrals(host, pieces, ROOT_REFERRALS, timeline);
}

/** The `example` TLD server. */
export function serveTld(host: IpHost, pieces: PieceSet, timeline: TimelineRecorder): void {
  serveReferrals(host, pieces, TLD_REFERRALS, timeline);
}

/** The shop's authoritative server: the dns piece's `respond`, with the zone the question falls in. */
export function serveAuthority(host: IpHost, pieces: PieceSet, timeline: TimelineRecorder): void {
  const { respond } = pieces.dns.modules['authority.ts'];
  const { decodeMessage } = pieces.dns.modules['message.ts'];
  host.bindUdp(DNS_PORT, ({ source, payload }) => {
    const name = decodeMessage(payload).value.questions[0]?.name.toLowerCase() ?? '';
    const zone = ZONES.find((z) => isUnder(name, z.origin)) ?? ZONES[0]!;
    const reply = respond(zone, payload);
    if (reply === null) return;
    const answers = decodeMessage(reply).value.answers.map((r: ResourceRecord) => `${r.name} ${r.type} ${typeof r.data === 'string' ? r.data : ''}`);
    timeline.note(host.device.name, 'application', `answers for ${zone.origin}: ${answers.join(', ') || 'no records'}`, 'dns');
    host.sendUdp(DNS_PORT, source, reply);
  });
}

/**
 * The ISP's recursive resolver: the dns piece's Resolver, whose transport is
 * UDP on this host (one port per query, matched by the reply's source).
 */
export function serveRecursive(host: IpHost, pieces: PieceSet, timeline: TimelineRecorder, jobs: Jobs, now: () => number): void {
  const { Resolver } = pieces.dns.modules['resolver.ts'];
  const { decodeMessage, encodeMessage } = pieces.dns.modules['message.ts'];
  let nextId = 0x1000;
  const resolver = new Resolver({
    clock: { now },
    rootHints: [{ name: 'a.root-servers.net', addresses: [ADDRESSES.root] }],
    nextId: () => nextId++,
    transport: {
      query: (serverIp: string, message: Uint8Array) =>
        new Promise((resolve) => {
          const port = host.ephemeralPort();
          host.bindUdp(port, ({ payload }) => resolve(payload));
          host.sendUdp(port, { ip: serverIp, port: DNS_PORT }, message);
        }),
    },
  });
  host.bindUdp(DNS_PORT, ({ source, payload }) => {
    const { value: query } = decodeMessage(payload);
    const question = query.questions[0];
    if (question === undefined) return;
    timeline.note(host.device.name, 'application', `resolves ${question.name} ${question.type} for ${source.ip}`, 'dns');
    const answered = resolver.resolve(question.name, question.type).then((answer: Answer) => {
      const reply: Message = { ...query, ...makeFlags({ qr: true, rd: query.rd, ra: true, rcode: answer.rcode }), answers: answer.records, authority: [], additional: [] };
      host.sendUdp(DNS_PORT, source, encodeMessage(reply));
    });
    jobs.watch(answered);
  });
}

/** The phone's stub resolver: asks the ISP's resolver for an A record, again after each timeout. */
export function stubLookup(host: IpHost, pieces: PieceSet, name: string, schedule: (ms: number, fn: () => void) => void): Promise<string> {
  const { decodeMessage, encodeMessage } = pieces.dns.modules['message.ts'];
  const port = host.ephemeralPort();
  return new Promise((resolve, reject) => {
    let answered = false;
    host.bindUdp(port, ({ payload }) => {
      const { value: reply } = decodeMessage(payload);
      const a = reply.answers.find((r: ResourceRecord) => r.type === 'A');
      if (answered || a === undefined || typeof a.data !== 'string') return;
      answered = true;
      resolve(a.data);
    });
    const ask = (attempt: number) => {
      if (answered) return;
      if (attempt > STUB_ATTEMPTS) {
        reject(new Error(`no answer for ${name} from the resolver after ${STUB_ATTEMPTS} tries`));
        return;
      }
      host.sendUdp(port, { ip: ADDRESSES.resolver, port: DNS_PORT }, encodeMessage(createQuery(attempt, { name, type: 'A', class: CLASS_IN }, { rd: true })));
      schedule(STUB_TIMEOUT_MS, () => ask(attempt + 1));
    };
    ask(1);
  });
}
