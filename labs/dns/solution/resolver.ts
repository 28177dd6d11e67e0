/**
 * An iterative resolver (RFC 1034 §5.3.3): it starts from the closest
 * servers it knows — a cached delegation, else the root hints — asks them
 * the full question, and follows referrals down the tree and CNAMEs across
 * it until it holds an answer. Sans-I/O: packets leave through an injected
 * transport and time comes from an injected clock.
 */
import { CLASS_IN, Rcode, rcodeName, type TypeName } from '@impl/codes.ts';
import { ResolveError } from '@impl/errors.ts';
import type { Answer, Clock, Delegation, NameServer, ResolverOptions, Transport } from '@impl/resolver-types.ts';
import { createQuery, type CnameRecord, type Message, type ResourceRecord } from '@impl/message-types.ts';
import { DnsCache } from './cache.ts';
import { decodeMessage, encodeMessage } from './message.ts';
import { isSubdomain, namesEqual } from './name.ts';

/** How a lookup of one name ended: with a result, or with an alias to look up instead. */
type Lookup = { kind: 'final'; rcode: number; records: ResourceRecord[] } | { kind: 'cname'; cnames: CnameRecord[]; target: string };

/** What one server's reply meant; a string explains why the reply was no use. */
type Outcome = Lookup | { kind: 'referral'; delegation: Delegation } | string;

/** Work done so far by one call to `resolve`, shared with the lookups of server addresses it needs. */
interface Budget {
  queries: number;
}

/** Nested lookups of name server addresses (a server whose name needs another server whose name needs…). */
const MAX_SERVER_LOOKUP_DEPTH = 4;

/**
 * An iterative resolver with a cache. `resolve(name, type)`:
 *
 * 1. Cache first (RFC 1034 §5.3.3 step 1): records, NXDOMAIN or NODATA for
 *    (name, type) answer at once; a cached CNAME for the name is followed.
 * 2. Otherwise start at the closest cached delegation for the name, else the
 *    root hints (step 2).
 * 3. Ask the zone's servers in the order given — servers whose addresses are
 *    known (glue) before those that need a lookup — one query each: the full
 *    name and type (no QNAME minimisation), class IN, RD clear, a fresh id
 *    from `nextId`. An unusable reply means "try the next server" (step 4d):
 *    the transport rejects, decodeMessage fails, the reply's id or question
 *    does not match the query (RFC 5452 §9.1), TC is set, the RCODE is
 *    neither NOERROR nor NXDOMAIN, or the reply is neither an answer nor a
 *    referral closer to the name. When every server fails: ResolveError
 *    'servers-failed'.
 * 4. Read the reply (step 4), after dropping every record, in any section,
 *    whose owner is outside the zone of the servers asked (the bailiwick,
 *    RFC 5452 §6): a server cannot vouch for names it does not serve, and
 *    believing it would let it poison the cache.
 *    - records of the type for the name (following CNAMEs inside the answer
 *      section) → cache them, done;
 *    - NXDOMAIN → cache it for min(SOA TTL, SOA MINIMUM) of the SOA in the
 *      authority section (not at all without one, RFC 2308 §5); rcode 3;
 *    - only a CNAME → cache it and start over at step 1 with its target;
 *    - no answer, AA clear, NS records for a zone strictly below the zone
 *      asked and at or above the name → a referral: cache the delegation for
 *      the smallest NS TTL, with the glue A records from the additional
 *      section for server names inside the zone asked (in the new zone, or
 *      sibling glue, RFC 9471 §2), and go to step 3 with it; a server named
 *      outside the zone asked gets no glue, only a lookup of its own;
 *    - no answer, AA set or an SOA present → NODATA, cached like NXDOMAIN; rcode 0.
 *    A server without glue gets its address by resolving its name (type A)
 *    with this same algorithm, within the same budget.
 *
 * Bounds: more than `maxCnameChain` CNAMEs → ResolveError
 * 'cname-chain-too-long'; a query beyond `maxQueries` for one call of
 * resolve (nested lookups included) → ResolveError 'too-many-queries';
 * address lookups nested more than a few levels deep count as that server failing.
 */
export class Resolver {
  /** Everything learned so far; shared by all resolutions of this resolver. */
  readonly cache: DnsCache;
  readonly #transport: Transport;
  readonly #rootHints: Delegation;
  readonly #nextId: () => number;
  readonly #maxCnameChain: number;
  readonly #maxQueries: number;

  constructor(options: ResolverOptions) {
    this.cache = new DnsCache(options.clock);
    this.#transport = options.transport;
    this.#rootHints = { zone: '', servers: options.rootHints.map((s) => ({ name: s.name, addresses: [...s.addresses] })) };
    this.#nextId = options.nextId ?? (() => crypto.getRandomValues(new Uint16Array(1))[0]!);
    this.#maxCnameChain = options.maxCnameChain ?? 8;
    this.#maxQueries = options.maxQueries ?? 32;
  }

  /**
   * Finds the records of `type` for `name` (see the class comment). NXDOMAIN
   * and NODATA are answers; it rejects with ResolveError only when it could
   * not find out.
   */
  resolve(name: string, type: TypeName): Promise<Answer> {
    return this.#resolve(name, type, { queries: 0 }, 0);
  }

  async #resolve(name: string, type: TypeName, budget: Budget, depth: number): Promise<Answer> {
    const chain: ResourceRecord[] = [];
    let current = name;
    // Each pass returns or adds at least one CNAME to `chain`, whose length is capped: a CNAME loop ends here.
    for (;;) {
      const lookup = await this.#lookup(current, type, budget, depth);
      if (lookup.kind === 'final') return { rcode: lookup.rcode, records: [...chain, ...lookup.records] };
      chain.push(...lookup.cnames);
      if (chain.length > this.#maxCnameChain) {
        throw new ResolveError('cname-chain-too-long', `${name} → ${chain.map((r) => r.data).join(' → ')} exceeds ${this.#maxCnameChain} CNAMEs`);
      }
      current = lookup.target;
    }
  }

  /** One name, no CNAME following beyond what a single reply contains. */
  async #lookup(name: string, type: TypeName, budget: Budget, depth: number): Promise<Lookup> {
    // Step 1: the answer may be cached.
    const hit = this.cache.get(name, type);
    if (hit?.kind === 'records') return { kind: 'final', rcode: Rcode.NOERROR, records: hit.records };
    if (hit) return { kind: 'final', rcode: hit.kind === 'nxdomain' ? Rcode.NXDOMAIN : Rcode.NOERROR, records: [] };
    if (type !== 'CNAME') {
      const alias = this.cache.get(name, 'CNAME');
      const cname = alias?.kind === 'records' ? alias.records.find((r): r is CnameRecord => r.type === 'CNAME') : undefined;
      if (cname) return { kind: 'cname', cnames: [cname], target: cname.data };
    }
    // Step 2: start from the closest servers we know.
    let zone = this.cache.findDelegation(name) ?? this.#rootHints;
    // Steps 3 and 4: ask, then follow referrals. Every pass sends at least one
    // query, and the budget caps queries, so this ends even if servers refer in circles.
    for (;;) {
      const outcome = await this.#askZone(zone, name, type, budget, depth);
      if (outcome.kind !== 'referral') return outcome;
      zone = outcome.delegation;
    }
  }

  /** Asks the servers of `zone` in turn until one gives a useful reply (RFC 1034 §5.3.3 step 4d: try the next). */
  async #askZone(zone: Delegation, name: string, type: TypeName, budget: Budget, depth: number): Promise<Exclude<Outcome, string>> {
    const failures: string[] = [];
    // Servers with glue first: they cost one query, the others a lookup of their address too.
    const servers = [...zone.servers].sort((a, b) => Number(a.addresses.length === 0) - Number(b.addresses.length === 0));
    for (const server of servers) {
      let addresses = server.addresses;
      if (addresses.length === 0) {
        try {
          addresses = await this.#addressesOf(server.name, budget, depth);
        } catch (error) {
          // Running out of budget ends the whole resolution; any other failure only rules out this server.
          if (error instanceof ResolveError && error.code === 'too-many-queries') throw error;
          failures.push(`${server.name}: no address (${error instanceof ResolveError ? error.code : (error as Error).message})`);
          continue;
        }
        if (addresses.length === 0) failures.push(`${server.name}: has no address`);
      }
      for (const address of addresses) {
        const outcome = await this.#ask(address, zone.zone, name, type, budget);
        if (typeof outcome !== 'string') return outcome;
        failures.push(`${server.name} (${address}): ${outcome}`);
      }
    }
    throw new ResolveError('servers-failed', `no server for ${zone.zone || '.'} answered ${name} ${type}: ${failures.join('; ') || 'no servers'}`);
  }

  /** Addresses of a name server that came without glue: resolved like any other name. */
  async #addressesOf(serverName: string, budget: Budget, depth: number): Promise<string[]> {
    if (depth >= MAX_SERVER_LOOKUP_DEPTH) {
      throw new ResolveError('servers-failed', `looking up ${serverName} needs more than ${MAX_SERVER_LOOKUP_DEPTH} nested lookups`);
    }
    const answer = await this.#resolve(serverName, 'A', budget, depth + 1);
    return answer.records.flatMap((r) => (r.type === 'A' ? [r.data] : []));
  }

  /** Sends one query and says what the reply means for `name` — or why it is no use. */
  async #ask(address: string, zone: string, name: string, type: TypeName, budget: Budget): Promise<Outcome> {
    if (budget.queries >= this.#maxQueries) {
      throw new ResolveError('too-many-queries', `resolving needed more than ${this.#maxQueries} queries`);
    }
    budget.queries++;
    const id = this.#nextId();
    // RD stays clear: we do the recursion ourselves and ask authoritative servers, not recursive ones.
    const query = encodeMessage(createQuery(id, { name, type, class: CLASS_IN }));
    let reply: Message;
    try {
      reply = decodeMessage(await this.#transport.query(address, query)).value;
    } catch (error) {
      return `no usable reply (${(error as Error).message})`;
    }
    // RFC 5452 §9.1: accept only a reply to this query — same id, same question.
    const question = reply.questions[0];
    if (!reply.qr || reply.id !== id || reply.questions.length !== 1 || !question || !namesEqual(question.name, name) || question.type !== type) {
      return 'reply does not match the query';
    }
    if (reply.tc) return 'reply truncated (TC); this resolver does not retry over TCP';
    if (reply.rcode !== Rcode.NOERROR && reply.rcode !== Rcode.NXDOMAIN) return `answered ${rcodeName(reply.rcode)}`;
    return this.#interpret(reply, zone, name, type);
  }

  /** RFC 1034 §5.3.3 step 4: an answer, a name error, a delegation, or a CNAME. */
  #interpret(received: Message, zone: string, name: string, type: TypeName): Outcome {
    // Bailiwick: a server speaks only for the zone it was asked as a server of. Records about other
    // names are dropped unread, whatever section they come in, so a server cannot plant addresses
    // or delegations for zones it does not serve (cache poisoning; RFC 5452 §6, RFC 2181 §5.4.1).
    const inBailiwick = (r: ResourceRecord) => isSubdomain(r.name, zone);
    const reply = {
      ...received,
      answers: received.answers.filter(inBailiwick),
      authority: received.authority.filter(inBailiwick),
      additional: received.additional.filter(inBailiwick),
    };
    // Follow the CNAMEs inside the answer section, as far as it goes.
    const chain: CnameRecord[] = [];
    let current = name;
    for (let i = 0; i <= reply.answers.length; i++) {
      const records = reply.answers.filter((r) => r.type === type && namesEqual(r.name, current));
      if (records.length > 0) {
        this.cache.putRecords([...chain, ...records]);
        return { kind: 'final', rcode: Rcode.NOERROR, records: [...chain, ...records] };
      }
      const cname = reply.answers.find((r): r is CnameRecord => r.type === 'CNAME' && namesEqual(r.name, current));
      if (!cname || chain.includes(cname)) break;
      chain.push(cname);
      current = cname.data;
    }
    this.cache.putRecords(chain);

    // RFC 2308 §5: a negative answer may be cached for min(SOA TTL, SOA MINIMUM); without an SOA, not at all.
    const soa = reply.authority.find((r) => r.type === 'SOA');
    const negativeTtl = soa?.type === 'SOA' ? Math.min(soa.ttl, soa.data.minimum) : 0;
    if (reply.rcode === Rcode.NXDOMAIN) {
      // RFC 6604 §3: with CNAMEs, the RCODE speaks about the last name of the chain.
      this.cache.putNxdomain(current, negativeTtl);
      return { kind: 'final', rcode: Rcode.NXDOMAIN, records: chain };
    }
    if (chain.length > 0) return { kind: 'cname', cnames: chain, target: current };

    const ns = reply.authority.filter((r) => r.type === 'NS');
    if (ns.length > 0 && !reply.aa) return this.#referral(ns, reply.additional, zone, name);
    if (reply.aa || soa) {
      this.cache.putNodata(name, type, negativeTtl);
      return { kind: 'final', rcode: Rcode.NOERROR, records: [] };
    }
    return 'neither an answer nor a referral';
  }

  /**
   * A delegation is only progress if it leads strictly below the zone asked and still above (or at)
   * the name; `additional` holds only records inside the zone asked, so only the glue of in-bailiwick
   * servers (in the child zone, or sibling glue elsewhere in the zone asked, RFC 9471 §2.2) survives.
   */
  #referral(ns: ResourceRecord[], additional: ResourceRecord[], zone: string, name: string): Outcome {
    const child = ns[0]!.name;
    if (!ns.every((r) => namesEqual(r.name, child)) || !isSubdomain(name, child) || !isSubdomain(child, zone) || namesEqual(child, zone)) {
      return `lame referral to ${child || '.'}`;
    }
    const servers = ns.flatMap((r) => {
      if (r.type !== 'NS') return [];
      // An out-of-bailiwick server name gets no glue: its address is looked up like any other name.
      const glue = additional.flatMap((a) => (a.type === 'A' && namesEqual(a.name, r.data) ? [a.data] : []));
      return [{ name: r.data, addresses: glue }];
    });
    this.cache.putDelegation(child, servers, Math.min(...ns.map((r) => r.ttl)));
    return { kind: 'referral', delegation: { zone: child, servers } };
  }
}
