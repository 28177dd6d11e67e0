/**
 * Stage resolver: a TTL cache (RFC 1035 §6.1.3 and §7.4, RFC 2308) and an iterative
 * resolver (RFC 1034 §5.3.3) walking a simulated tree
 * (tests/fixtures/hierarchy.ts): root → example. → shop.example, whose www
 * is a CNAME to a global load balancer that answers by region.
 */
import { describe, expect, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { DnsCache } from '@impl/cache.ts';
import type { TypeName } from '@impl/codes.ts';
import { ResolveError } from '@impl/errors.ts';
import { Resolver } from '@impl/resolver.ts';
import type { ResourceRecord } from '@impl/message-types.ts';
import type { Answer } from '@impl/resolver-types.ts';
import { ATTACKER, ROOT_HINTS, SimulatedInternet, type Client, type Failure } from './fixtures/hierarchy.ts';

const SEE_ALGORITHM = 'RFC 1034 §5.3.3 (the resolver algorithm)';
const EU: Client = { region: 'eu', address: '198.51.100.53' };
const US: Client = { region: 'us', address: '192.0.2.200' };

/** A clock the test moves by hand. */
function manualClock() {
  let ms = 0;
  return { now: () => ms, advance: (seconds: number) => void (ms += seconds * 1000) };
}

function setup(title: string, options: { client?: Client; failures?: Record<string, Failure>; maxQueries?: number; maxCnameChain?: number } = {}) {
  const clock = manualClock();
  const t = new Transcript(title);
  const internet = new SimulatedInternet({ failures: options.failures });
  let id = 0x1000;
  const resolver = new Resolver({
    transport: internet.transport(options.client ?? EU, t),
    clock,
    rootHints: ROOT_HINTS,
    nextId: () => id++ & 0xffff,
    ...(options.maxQueries ? { maxQueries: options.maxQueries } : {}),
    ...(options.maxCnameChain ? { maxCnameChain: options.maxCnameChain } : {}),
  });
  return {
    t,
    internet,
    resolver,
    /** Moves the injected clock and notes it in the transcript. */
    advance(seconds: number) {
      clock.advance(seconds);
      t.step(`(${seconds} s pass on the injected clock)`);
    },
    /** Resolves, expecting a ResolveError; its code, or what came instead. */
    async failure(name: string, type: TypeName): Promise<string> {
      t.step(`resolve(${name}, ${type})`);
      return resolver.resolve(name, type).then(
        (answer) => t.fail(`expected a ResolveError, got an answer ${JSON.stringify(show(answer))}`),
        (e: unknown) => (e instanceof ResolveError ? e.code : String(e)),
      );
    },
    /** Resolves, and turns an unexpected rejection into a transcript failure. */
    async resolve(name: string, type: TypeName, on = resolver): Promise<Answer> {
      t.step(`resolve(${name}, ${type})`);
      try {
        return await on.resolve(name, type);
      } catch (error) {
        return t.fail(`resolve(${name}, ${type}) rejected with ${(error as Error)?.name}: ${(error as Error)?.message}`);
      }
    },
  };
}

/** Records as one line each: "www.shop.example CNAME shop.gslb.example ttl=300". */
function show(answer: Answer): { rcode: number; records: string[] } {
  const data = (r: ResourceRecord) => (typeof r.data === 'string' ? r.data : r.data instanceof Uint8Array ? `${r.data.length} bytes` : JSON.stringify(r.data));
  return { rcode: answer.rcode, records: answer.records.map((r) => `${r.name.toLowerCase()} ${r.type} ${data(r)} ttl=${r.ttl}`) };
}

describe('DnsCache', () => {
  const a = (name: string, data: string, ttl: number): ResourceRecord => ({ name, type: 'A', class: 1, ttl, data });

  it('returns a cached record set with each TTL counted down on the injected clock (RFC 1035 §6.1.3)', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putRecords([a('api.shop.example', '192.0.2.81', 300), a('api.shop.example', '192.0.2.82', 300)]);
    clock.advance(10);
    expect(cache.get('api.shop.example', 'A'), 'after 10 s, both records with 290 s left').toEqual({
      kind: 'records',
      records: [a('api.shop.example', '192.0.2.81', 290), a('api.shop.example', '192.0.2.82', 290)],
    });
  });

  it('forgets a record set the moment its TTL has passed', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putRecords([a('api.shop.example', '192.0.2.81', 300)]);
    clock.advance(299);
    expect(cache.get('api.shop.example', 'A'), 'after 299 s, 1 s is left').toEqual({ kind: 'records', records: [a('api.shop.example', '192.0.2.81', 1)] });
    clock.advance(1);
    expect(cache.get('api.shop.example', 'A'), 'after 300 s the TTL is used up').toBeUndefined();
  });

  it('keeps a record set only as long as its shortest TTL (RFC 2181 §5.2)', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putRecords([a('x.example', '192.0.2.1', 300), a('x.example', '192.0.2.2', 100)]);
    clock.advance(100);
    expect(cache.get('x.example', 'A'), 'a set with TTLs 300 and 100, after 100 s').toBeUndefined();
  });

  it('does not cache records with TTL 0 (RFC 1035 §3.2.1)', () => {
    const cache = new DnsCache(manualClock());
    cache.putRecords([a('x.example', '192.0.2.1', 0)]);
    expect(cache.get('x.example', 'A'), 'TTL 0 means: use for this answer only').toBeUndefined();
  });

  it('groups records into sets by name and type, and looks names up ignoring case', () => {
    const cache = new DnsCache(manualClock());
    cache.putRecords([
      a('WWW.Example', '192.0.2.1', 60),
      a('mail.example', '192.0.2.2', 60),
      { name: 'www.example', type: 'AAAA', class: 1, ttl: 60, data: '2001:db8::1' },
    ]);
    expect(cache.get('www.EXAMPLE', 'A'), 'the A set of www.example').toEqual({ kind: 'records', records: [a('WWW.Example', '192.0.2.1', 60)] });
    expect(cache.get('mail.example', 'AAAA'), 'mail.example has no AAAA set').toBeUndefined();
  });

  it('caches NXDOMAIN for the name and every type (RFC 2308 §5)', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putNxdomain('nope.example', 60);
    expect(cache.get('nope.example', 'A'), 'A of a name that does not exist').toEqual({ kind: 'nxdomain' });
    expect(cache.get('NOPE.example', 'AAAA'), 'AAAA of the same name').toEqual({ kind: 'nxdomain' });
    clock.advance(60);
    expect(cache.get('nope.example', 'A'), 'after the negative TTL').toBeUndefined();
  });

  it('counts TTLs down in whole seconds left, rounding down (a record is never handed out for longer than it has)', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putRecords([a('api.shop.example', '192.0.2.81', 300)]);
    clock.advance(10.5);
    expect(cache.get('api.shop.example', 'A'), 'after 10.5 s, 289.5 s are left: 289 whole seconds').toEqual({ kind: 'records', records: [a('api.shop.example', '192.0.2.81', 289)] });
  });

  it('forgets a cached NXDOMAIN once records for the name are cached', () => {
    const cache = new DnsCache(manualClock());
    cache.putNxdomain('new.example', 60);
    cache.putRecords([a('new.example', '192.0.2.7', 60)]);
    expect(cache.get('new.example', 'A'), 'new data about a name supersedes "no such name"').toEqual({ kind: 'records', records: [a('new.example', '192.0.2.7', 60)] });
  });

  it('lets a cached NXDOMAIN replace the records of the name, and an NXDOMAIN with TTL 0 change nothing', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putRecords([a('old.example', '192.0.2.8', 300)]);
    cache.putNxdomain('old.example', 0);
    expect(cache.get('old.example', 'A'), 'TTL 0: not cached, so the records stay').toEqual({ kind: 'records', records: [a('old.example', '192.0.2.8', 300)] });
    cache.putNxdomain('old.example', 60);
    clock.advance(60);
    expect(cache.get('old.example', 'A'), 'the name was said not to exist: its older records do not come back when the NXDOMAIN expires').toBeUndefined();
  });

  it('caches NODATA for one type only (RFC 2308 §5)', () => {
    const cache = new DnsCache(manualClock());
    cache.putNodata('api.example', 'AAAA', 60);
    expect(cache.get('api.example', 'AAAA'), 'the type known to be missing').toEqual({ kind: 'nodata' });
    expect(cache.get('api.example', 'A'), 'another type of the same name').toBeUndefined();
  });

  it('finds the closest live delegation for a name', () => {
    const clock = manualClock();
    const cache = new DnsCache(clock);
    cache.putDelegation('example', [{ name: 'ns1.example', addresses: ['192.0.2.53'] }], 100);
    cache.putDelegation('shop.example', [{ name: 'ns1.shop.example', addresses: ['192.0.2.80'] }], 10);
    expect(cache.findDelegation('www.Shop.example')?.servers, 'for www.shop.example: shop.example is closest').toEqual([{ name: 'ns1.shop.example', addresses: ['192.0.2.80'] }]);
    expect(cache.findDelegation('badshop.example')?.servers, 'badshop.example is not below shop.example').toEqual([{ name: 'ns1.example', addresses: ['192.0.2.53'] }]);
    clock.advance(10);
    expect(cache.findDelegation('www.shop.example')?.servers, 'after 10 s, shop.example has expired').toEqual([{ name: 'ns1.example', addresses: ['192.0.2.53'] }]);
    expect(cache.findDelegation('www.other'), 'nothing cached above other.').toBeUndefined();
    cache.putDelegation('', [{ name: 'a.root-servers.net', addresses: ['198.41.0.4'] }], 100);
    expect(cache.findDelegation('www.other')?.zone, 'the root, zone "", is above every name').toBe('');
  });
});

describe('Resolver', () => {
  it('resolves www.shop.example by walking root → example. → shop.example, then following the CNAME to the load balancer', async () => {
    const s = setup('resolver for www.shop.example A (region eu)');
    const answer = await s.resolve('www.shop.example', 'A');
    s.t.expect(
      'the queries sent, in order (server, name, type)',
      s.internet.questionsAsked(),
      [
        '198.41.0.4 www.shop.example A',
        '192.0.2.53 www.shop.example A',
        '192.0.2.80 www.shop.example A',
        '192.0.2.53 shop.gslb.example A',
        '192.0.2.90 shop.gslb.example A',
      ],
      `${SEE_ALGORITHM}: ask the full name, follow each referral down, restart with the CNAME target from the closest cached servers (example.), and try servers in the order given`,
    );
    s.t.expect('the answer', show(answer), {
      rcode: 0,
      records: ['www.shop.example CNAME shop.gslb.example ttl=300', 'shop.gslb.example A 203.0.113.10 ttl=30'],
    }, 'resolver.ts: records are the CNAMEs followed, then the final record set');
  });

  it('sends every query with RD clear and gets a different answer from the load balancer in each region', async () => {
    const eu = setup('resolver in region eu');
    const us = setup('resolver in region us', { client: US });
    const inEu = await eu.resolve('www.shop.example', 'A');
    const inUs = await us.resolve('www.shop.example', 'A');
    eu.t.expect('RD on the queries sent', eu.internet.packets.map((p) => p.rd), eu.internet.packets.map(() => false), 'an iterative resolver asks authoritative servers, it does not ask them to recurse (RFC 1034 §4.3.1)');
    eu.t.expect('the final address seen from eu', show(inEu).records.at(-1), 'shop.gslb.example A 203.0.113.10 ttl=30');
    us.t.expect('the final address seen from us', show(inUs).records.at(-1), 'shop.gslb.example A 198.51.100.20 ttl=30', 'the GSLB picks a data centre by who asks');
  });

  it('answers a repeat query within the TTL from its cache, sending no packet, whatever the case of the name', async () => {
    const s = setup('cache for www.shop.example A');
    const first = await s.resolve('www.shop.example', 'A');
    const sent = s.internet.packets.length;
    const again = await s.resolve('www.shop.example', 'A');
    const shouting = await s.resolve('WWW.SHOP.EXAMPLE', 'A');
    s.t.expect('queries sent for the two repeats', s.internet.questionsAsked(sent), [], 'RFC 1034 §5.3.3 step 1: answer from the cache if it can; names compare case-insensitively (RFC 4343)');
    s.t.expect('the repeat answer', show(again), show(first));
    s.t.expect('the answer for WWW.SHOP.EXAMPLE', show(shouting), show(first));
  });

  it('hands out cached records with the TTL that is left', async () => {
    const s = setup('cache TTLs for www.shop.example A');
    await s.resolve('www.shop.example', 'A');
    s.advance(10);
    const later = await s.resolve('www.shop.example', 'A');
    s.t.expect('the answer 10 s later', show(later).records, ['www.shop.example CNAME shop.gslb.example ttl=290', 'shop.gslb.example A 203.0.113.10 ttl=20'], 'RFC 1035 §6.1.3: cached TTLs count down');
  });

  it('asks again only for what expired: after 30 s one query to the load balancer, the CNAME still cached', async () => {
    const s = setup('expiry of shop.gslb.example A (TTL 30)');
    await s.resolve('www.shop.example', 'A');
    const sent = s.internet.packets.length;
    s.advance(31);
    const later = await s.resolve('www.shop.example', 'A');
    s.t.expect(
      'queries sent after 31 s',
      s.internet.questionsAsked(sent),
      ['192.0.2.90 shop.gslb.example A'],
      'the CNAME (TTL 300) and the gslb.example delegation (TTL 86400) are still cached; only the A record (TTL 30) expired',
    );
    s.t.expect('the answer', show(later).records, ['www.shop.example CNAME shop.gslb.example ttl=269', 'shop.gslb.example A 203.0.113.10 ttl=30']);
  });

  it('follows a referral without glue by resolving the name server’s own address first', async () => {
    const s = setup('resolver for static.cdn.example A (cdn.example is served by ns.dns-host.example, no glue)');
    const answer = await s.resolve('static.cdn.example', 'A');
    s.t.expect('the answer', show(answer), { rcode: 0, records: ['static.cdn.example A 192.0.2.120 ttl=300'] });
    const asked = s.internet.questionsAsked();
    s.t.expect('looked up the server’s address', asked.some((q) => q.endsWith(' ns.dns-host.example A')), true, `${SEE_ALGORITHM} step 2: a server name without an address is resolved like any name`);
    s.t.expect('the last query', asked.at(-1), '192.0.2.100 static.cdn.example A');
  });

  for (const [name, soa, ttl, server, which] of [
    ['nope.shop.example', 'shop.example SOA TTL 3600, MINIMUM 60', 60, '192.0.2.80', 'the MINIMUM'],
    ['nope.gslb.example', 'gslb.example SOA TTL 300, MINIMUM 3600', 300, '192.0.2.90', 'the SOA TTL'],
  ] as const) {
    it(`returns NXDOMAIN for ${name} and caches it for min(SOA TTL, MINIMUM), here ${which}: ${ttl} s (RFC 2308 §5)`, async () => {
      const s = setup(`negative caching of ${name} (${soa})`);
      s.t.expect('the answer', show(await s.resolve(name, 'A')), { rcode: 3, records: [] }, 'NXDOMAIN is an answer, not an error');
      const sent = s.internet.packets.length;
      s.advance(ttl - 1);
      s.t.expect(`after ${ttl - 1} s, A again`, show(await s.resolve(name, 'A')), { rcode: 3, records: [] });
      s.t.expect(`after ${ttl - 1} s, AAAA`, show(await s.resolve(name, 'AAAA')), { rcode: 3, records: [] });
      s.t.expect('queries sent within the negative TTL', s.internet.questionsAsked(sent), [], `RFC 2308 §5: NXDOMAIN holds for every type of the name, for min(SOA TTL, MINIMUM) = ${ttl} s`);
      s.advance(2);
      await s.resolve(name, 'A');
      s.t.expect(`queries sent after ${ttl + 1} s`, s.internet.questionsAsked(sent), [`${server} ${name} A`], 'the negative entry expired; the delegation did not');
    });
  }

  it('returns NXDOMAIN with the CNAME that led there, and caches it for the name that does not exist (RFC 6604 §3)', async () => {
    const s = setup('gone.shop.example CNAME nope.shop.example, which does not exist');
    const first = await s.resolve('gone.shop.example', 'A');
    s.t.expect('the answer', show(first), { rcode: 3, records: ['gone.shop.example CNAME nope.shop.example ttl=300'] }, 'RFC 6604 §3: the RCODE speaks about the last name of the chain');
    const sent = s.internet.packets.length;
    s.t.expect('the repeat answer', show(await s.resolve('gone.shop.example', 'A')), show(first), 'the CNAME and the NXDOMAIN of its target are both cached');
    s.t.expect('nope.shop.example A', show(await s.resolve('nope.shop.example', 'A')), { rcode: 3, records: [] });
    s.t.expect('queries sent for the repeats', s.internet.questionsAsked(sent), [], 'RFC 2308 §5');
  });

  it('returns NODATA (NOERROR, no records) for a name without that type, and caches it', async () => {
    const s = setup('NODATA for api.shop.example AAAA');
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] }, 'RFC 2308 §2.2');
    const sent = s.internet.packets.length;
    s.t.expect('the repeat answer, from the cache', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] }, 'a cached NODATA is still NOERROR, not NXDOMAIN');
    s.t.expect('queries sent for the repeat', s.internet.questionsAsked(sent), [], 'RFC 2308 §5: NODATA is cached like NXDOMAIN');
  });

  it('tries the next name server when one answers SERVFAIL', async () => {
    const s = setup('ns1.example answers SERVFAIL', { failures: { '192.0.2.53': 'servfail' } });
    const answer = await s.resolve('api.shop.example', 'A');
    s.t.expect('the answer', show(answer), { rcode: 0, records: ['api.shop.example A 192.0.2.81 ttl=600'] });
    s.t.expect('the queries sent', s.internet.questionsAsked(), ['198.41.0.4 api.shop.example A', '192.0.2.53 api.shop.example A', '192.0.2.54 api.shop.example A', '192.0.2.80 api.shop.example A'], `${SEE_ALGORITHM} step 4d: on a server failure, try the next server`);
  });

  it('tries the next root server when the first does not reply', async () => {
    const s = setup('a.root-servers.net unreachable', { failures: { '198.41.0.4': 'unreachable' } });
    const answer = await s.resolve('api.shop.example', 'A');
    s.t.expect('the answer', show(answer).records, ['api.shop.example A 192.0.2.81 ttl=600']);
    s.t.expect('the first two queries', s.internet.questionsAsked().slice(0, 2), ['198.41.0.4 api.shop.example A', '170.247.170.2 api.shop.example A'], 'a rejected transport promise means no reply: move on');
  });

  it('ignores a reply whose id does not match the query, as a spoofed reply would', async () => {
    const s = setup('ns1.example replies with the wrong id', { failures: { '192.0.2.53': 'wrong-id' } });
    const answer = await s.resolve('api.shop.example', 'A');
    s.t.expect('the answer', show(answer).records, ['api.shop.example A 192.0.2.81 ttl=600']);
    s.t.expect('asked ns2.example after the bad reply', s.internet.questionsAsked().includes('192.0.2.54 api.shop.example A'), true, 'RFC 5452 §9.1: accept a reply only if its id and question match the query');
  });

  it('ignores a SERVFAIL reply even when it carries AA and an SOA, and asks the next server', async () => {
    const s = setup('ns1.shop.example answers SERVFAIL with AA and an SOA', { failures: { '192.0.2.80': 'servfail' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'RFC 1035 §4.1.1: only NOERROR and NXDOMAIN are answers; the rest of a SERVFAIL reply means nothing');
    s.t.expect('asked ns2.shop.example next', s.internet.questionsAsked().at(-1), '192.0.2.85 api.shop.example A', `${SEE_ALGORITHM} step 4d`);
  });

  it('does not use a truncated (TC) reply: it asks the next server', async () => {
    const s = setup('ns1.shop.example replies with TC set and nothing in it', { failures: { '192.0.2.80': 'truncated' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')), { rcode: 0, records: ['api.shop.example A 192.0.2.81 ttl=600'] }, 'RFC 2181 §9: a truncated reply is incomplete; its empty answer section is no NODATA');
    s.t.expect('asked ns2.shop.example next', s.internet.questionsAsked().at(-1), '192.0.2.85 api.shop.example A');
  });

  for (const [failure, what] of [
    ['other-name', 'about stale.api.shop.example'],
    ['other-type', 'about type SOA'],
  ] as const) {
    it(`ignores a reply whose question differs from the query (${what}), even with the right id`, async () => {
      const s = setup(`ns1.shop.example answers another question (${what})`, { failures: { '192.0.2.80': failure } });
      s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')), { rcode: 0, records: ['api.shop.example A 192.0.2.81 ttl=600'] }, 'RFC 5452 §9.1: a reply matches a query by id, name, type and class');
      s.t.expect('asked ns2.shop.example next', s.internet.questionsAsked().at(-1), '192.0.2.85 api.shop.example A');
    });
  }

  it('ignores a reply that carries a second question, even when the first matches', async () => {
    const s = setup('ns1.shop.example replies with two questions', { failures: { '192.0.2.80': 'two-questions' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')), { rcode: 0, records: ['api.shop.example A 192.0.2.81 ttl=600'] }, 'RFC 5452 §9.1 and RFC 9619: a reply to this query has exactly its one question');
    s.t.expect('asked ns2.shop.example next', s.internet.questionsAsked().at(-1), '192.0.2.85 api.shop.example A');
  });

  it('takes a reply with no answer and an SOA as NODATA even with AA clear, and asks no other server', async () => {
    const s = setup('ns1.shop.example replies NODATA with its SOA but AA clear', { failures: { '192.0.2.80': 'aa-clear' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] }, 'RFC 2308 §2.2: NODATA is an empty answer with an SOA in the authority section (or AA set)');
    s.t.expect('the last query', s.internet.questionsAsked().at(-1), '192.0.2.80 api.shop.example AAAA', 'an SOA without NS records is no referral, and the reply is an answer: no other server needs asking');
  });

  it('finds the SOA of a negative answer among the authority records, wherever it is listed, and caches the NODATA for min(TTL, MINIMUM)', async () => {
    const s = setup('ns1.shop.example lists its NS records before the SOA', { failures: { '192.0.2.80': 'ns-before-soa' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] });
    s.advance(59);
    const sent = s.internet.packets.length;
    s.t.expect('the answer 59 s later', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] });
    s.t.expect('queries sent for it', s.internet.questionsAsked(sent), [], 'RFC 2308 §5: the SOA (TTL 3600, MINIMUM 60) says the NODATA may be cached for 60 s; an NS record is not the SOA');
  });

  it('does not cache an NXDOMAIN on the word of an SOA from another zone', async () => {
    const s = setup('ns1.shop.example answers NXDOMAIN with the SOA of attacker.test', { failures: { '192.0.2.80': 'foreign-soa' } });
    s.t.expect('the answer', show(await s.resolve('nope.shop.example', 'A')), { rcode: 3, records: [] });
    const sent = s.internet.packets.length;
    await s.resolve('nope.shop.example', 'A');
    s.t.expect('queries sent for the repeat', s.internet.questionsAsked(sent), ['192.0.2.80 nope.shop.example A'], 'the SOA is out of bailiwick, so the reply has no SOA of its zone: RFC 2308 §5, a negative answer without one is not cached');
  });

  it('does not take a record of another type for an alias: an answer without the type asked or a CNAME is NODATA', async () => {
    const s = setup('ns1.shop.example answers api.shop.example AAAA with its A records', { failures: { '192.0.2.80': 'a-for-any-type' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'AAAA')), { rcode: 0, records: [] }, 'RFC 1034 §4.3.2: only a CNAME record makes a name an alias; AA makes the empty answer NODATA');
  });

  it('does not follow a referral whose NS records name more than one zone', async () => {
    const s = setup('ns1.example refers to shop.example and gslb.example at once', { failures: { '192.0.2.53': 'mixed-referral' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600']);
    s.t.expect('the queries sent', s.internet.questionsAsked(), ['198.41.0.4 api.shop.example A', '192.0.2.53 api.shop.example A', '192.0.2.54 api.shop.example A', '192.0.2.80 api.shop.example A'], 'a referral delegates one zone; NS records for two make it lame: ask the next server');
  });

  it('caches a delegation with each server’s own glue, and none for a server whose name is outside the zone', async () => {
    const s = setup('the delegation of shop.example');
    await s.resolve('api.shop.example', 'A');
    const servers = s.resolver.cache.findDelegation('api.shop.example')?.servers.map((n) => `${n.name.toLowerCase()} ${n.addresses.join(' ') || '(no glue)'}`);
    s.t.expect('the cached servers of shop.example', servers, ['ns.dns-host.example (no glue)', 'ns1.shop.example 192.0.2.80', 'ns2.shop.example 192.0.2.85'], 'RFC 1034 §4.3.2: glue is the A record of the server it names, nothing else');
  });

  it('moves on to the next name server when the address of one cannot be found', async () => {
    const s = setup('www.two-hosts.example: its first server, ns.cycle-a.example, cannot be found; its second, ns.dns-host.example, can');
    s.t.expect('the answer', show(await s.resolve('www.two-hosts.example', 'A')).records, ['www.two-hosts.example A 192.0.2.130 ttl=300'], `${SEE_ALGORITHM} step 4d: a server whose address lookup fails is one failed server; only running out of query budget ends the resolution`);
  });

  it('uses only the A records found for a name server as its addresses, not the CNAME that led to them', async () => {
    const s = setup('www.alias-ns.example: its server ns-alias.dns-host.example is an alias of ns.dns-host.example');
    s.t.expect('the answer', show(await s.resolve('www.alias-ns.example', 'A')).records, ['www.alias-ns.example A 192.0.2.140 ttl=300']);
    const servers = s.internet.packets.map((p) => p.server);
    s.t.expect('servers asked that are not IPv4 addresses', servers.filter((a) => !/^\d+\.\d+\.\d+\.\d+$/.test(a)), [], 'a CNAME record names another name; only A records give addresses');
  });

  it('makes up its own query ids when none are injected, and still matches each reply to its query', async () => {
    const s = setup('a resolver with random query ids');
    const resolver = new Resolver({ transport: s.internet.transport(EU, s.t), clock: { now: () => 0 }, rootHints: ROOT_HINTS });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A', resolver)).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'ResolverOptions.nextId is optional: a 16-bit id per query (RFC 5452 §4 wants it random)');
  });

  it('treats a reply with neither an answer, an SOA, AA nor a referral as no answer, and asks the next server', async () => {
    const s = setup('ns1.shop.example replies NOERROR with nothing in it and AA clear', { failures: { '192.0.2.80': 'empty' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'RFC 2308 §2.2: NODATA comes with AA or an SOA; an empty non-authoritative reply says nothing');
  });

  for (const [failure, what] of [
    ['upward-referral', 'back to example., the zone just asked'],
    ['sideways-referral', 'to gslb.example, which is not above api.shop.example'],
  ] as const) {
    it(`ignores a referral ${what}, and asks the next server`, async () => {
      const s = setup(`ns1.example refers ${what}`, { failures: { '192.0.2.53': failure } });
      s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'a referral must lead strictly below the zone asked and to a zone at or above the name (RFC 1034 §5.3.3 step 4b; bailiwick)');
      s.t.expect('the queries sent', s.internet.questionsAsked(), ['198.41.0.4 api.shop.example A', '192.0.2.53 api.shop.example A', '192.0.2.54 api.shop.example A', '192.0.2.80 api.shop.example A'], `${SEE_ALGORITHM} step 4d`);
    });
  }

  it("fails with ResolveError 'servers-failed' when every server of a zone fails", async () => {
    const s = setup('both servers of example. fail', { failures: { '192.0.2.53': 'servfail', '192.0.2.54': 'unreachable' } });
    s.t.step('resolve(api.shop.example, A)');
    const error = await s.resolver.resolve('api.shop.example', 'A').then(
      (answer) => s.t.fail(`expected a ResolveError 'servers-failed', got an answer ${JSON.stringify(show(answer))}`),
      (e: unknown) => e,
    );
    s.t.expect('the error', error instanceof ResolveError ? error.code : String(error), 'servers-failed', `${SEE_ALGORITHM} step 4d; errors.ts`);
  });

  it('follows exactly maxCnameChain CNAMEs, and fails on one more', async () => {
    const two = setup('alias.shop.example → www.shop.example → shop.gslb.example, maxCnameChain 2', { maxCnameChain: 2 });
    two.t.expect('the answer', show(await two.resolve('alias.shop.example', 'A')).records.map((r) => r.split(' ttl')[0]), [
      'alias.shop.example CNAME www.shop.example',
      'www.shop.example CNAME shop.gslb.example',
      'shop.gslb.example A 203.0.113.10',
    ], 'resolver.ts: up to maxCnameChain CNAMEs are fine');
    const one = setup('the same with maxCnameChain 1', { maxCnameChain: 1 });
    one.t.expect('the error', await one.failure('alias.shop.example', 'A'), 'cname-chain-too-long', 'resolver.ts: more than maxCnameChain CNAMEs');
  });

  it("stops a CNAME loop with ResolveError 'cname-chain-too-long'", async () => {
    const s = setup('loop.shop.example CNAME loop.gslb.example CNAME loop.shop.example …');
    s.t.step('resolve(loop.shop.example, A)');
    const error = await s.resolver.resolve('loop.shop.example', 'A').then(
      (answer) => s.t.fail(`expected a ResolveError 'cname-chain-too-long', got an answer ${JSON.stringify(show(answer))}`),
      (e: unknown) => e,
    );
    s.t.expect('the error', error instanceof ResolveError ? error.code : String(error), 'cname-chain-too-long', `${SEE_ALGORITHM} asks resolvers to bound their work; errors.ts`);
    s.t.expect('at most 32 queries sent', s.internet.packets.length <= 32, true);
  });

  it("gives up with ResolveError 'too-many-queries' when the query budget runs out", async () => {
    const s = setup('www.shop.example with maxQueries 3 (it needs 5)', { maxQueries: 3 });
    s.t.step('resolve(www.shop.example, A)');
    const error = await s.resolver.resolve('www.shop.example', 'A').then(
      (answer) => s.t.fail(`expected a ResolveError 'too-many-queries', got an answer ${JSON.stringify(show(answer))}`),
      (e: unknown) => e,
    );
    s.t.expect('the error', error instanceof ResolveError ? error.code : String(error), 'too-many-queries', 'resolver.ts: maxQueries counts every query of one resolve() call');
    s.t.expect('queries sent', s.internet.packets.length, 3);
  });

  it("stops with 'too-many-queries' when the budget runs out while looking up a name server's address", async () => {
    const s = setup('static.cdn.example with maxQueries 3 (the lookup of ns.dns-host.example needs the 4th)', { maxQueries: 3 });
    s.t.expect('the error', await s.failure('static.cdn.example', 'A'), 'too-many-queries', 'resolver.ts: the budget covers nested lookups, and running out ends the whole resolution, not just one server');
  });

  it('caches a delegation for the smallest TTL of its NS records, then asks the parent again', async () => {
    const s = setup('the shop.example NS set has TTLs 86400, 86400 and 3600');
    await s.resolve('api.shop.example', 'A');
    const sent = s.internet.packets.length;
    s.advance(3600);
    await s.resolve('api.shop.example', 'A');
    s.t.expect('queries sent after 3600 s', s.internet.questionsAsked(sent), ['192.0.2.53 api.shop.example A', '192.0.2.80 api.shop.example A'], 'RFC 2181 §5.2: a record set has one TTL, the smallest; example. (TTL 172800) is still cached');
  });

  it('ends with a ResolveError when two zones’ servers are named inside each other (no glue anywhere)', async () => {
    const s = setup('www.cycle-a.example: cycle-a is served by ns.cycle-b.example, cycle-b by ns.cycle-a.example');
    s.t.step('resolve(www.cycle-a.example, A)');
    const error = await s.resolver.resolve('www.cycle-a.example', 'A').then(
      (answer) => s.t.fail(`expected a ResolveError, got an answer ${JSON.stringify(show(answer))}`),
      (e: unknown) => e,
    );
    s.t.expect('a ResolveError', error instanceof ResolveError, true, `${SEE_ALGORITHM}: bound the work, never loop`);
    s.t.expect('at most 32 queries sent (the default budget)', s.internet.packets.length <= 32, true);
  });
});

describe('Resolver bailiwick: a server is believed only about its own zone', () => {
  const poisoned = (s: ReturnType<typeof setup>) => s.internet.questionsAsked().filter((q) => q.startsWith(`${ATTACKER} `));

  it('ignores an out-of-zone A record after a CNAME, and looks the target up itself', async () => {
    const s = setup('ns1.shop.example adds shop.gslb.example A 198.51.100.66 to its answer', { failures: { '192.0.2.80': 'poison-answer' } });
    const answer = await s.resolve('www.shop.example', 'A');
    s.t.expect('the address', show(answer).records.at(-1), 'shop.gslb.example A 203.0.113.10 ttl=30', 'RFC 5452 §6: shop.example’s server cannot vouch for gslb.example; believing it is cache poisoning');
    s.t.expect('asked gslb.example’s server', s.internet.questionsAsked().at(-1), '192.0.2.90 shop.gslb.example A');
    s.t.expect('shop.gslb.example A afterwards, from the cache', show(await s.resolve('shop.gslb.example', 'A')).records, ['shop.gslb.example A 203.0.113.10 ttl=30']);
  });

  it('ignores out-of-zone records in the additional section', async () => {
    const s = setup('ns1.shop.example adds shop.gslb.example A 198.51.100.66 to its additional section', { failures: { '192.0.2.80': 'poison-additional' } });
    s.t.expect('the address', show(await s.resolve('www.shop.example', 'A')).records.at(-1), 'shop.gslb.example A 203.0.113.10 ttl=30', 'RFC 5452 §6; RFC 2181 §5.4.1 ranks additional data lowest');
  });

  it('takes no glue for a name server outside the zone asked: it must be looked up', async () => {
    const s = setup('ns1.example refers shop.example to ns.attacker.test first, with glue 198.51.100.66', { failures: { '192.0.2.53': 'poison-glue' } });
    s.t.expect('the answer', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'example.’s servers cannot give addresses for names under test.; glued in-bailiwick servers come first (RFC 9471 §2)');
    s.t.expect('queries sent to the attacker', poisoned(s), [], 'out-of-bailiwick glue is never believed');
  });

  it('ignores a delegation for another zone slipped into an answer', async () => {
    const s = setup('ns1.gslb.example adds shop.example NS ns1.shop.example with glue 198.51.100.66', { failures: { '192.0.2.90': 'poison-authority' } });
    await s.resolve('shop.gslb.example', 'A');
    s.t.expect('api.shop.example', show(await s.resolve('api.shop.example', 'A')).records, ['api.shop.example A 192.0.2.81 ttl=600'], 'RFC 5452 §6: gslb.example’s server cannot delegate shop.example');
    s.t.expect('queries sent to the attacker', poisoned(s), []);
  });
});
