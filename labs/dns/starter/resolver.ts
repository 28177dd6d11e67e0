/**
 * An iterative resolver (RFC 1034 §5.3.3): it starts from the closest
 * servers it knows — a cached delegation, else the root hints — asks them
 * the full question, and follows referrals down the tree and CNAMEs across
 * it until it holds an answer. Sans-I/O: packets leave through an injected
 * transport and time comes from an injected clock.
 */
import { DnsCache, type Clock, type Delegation, type NameServer } from './cache.ts';
import { CLASS_IN, Rcode, rcodeName, type TypeName } from '@impl/codes.ts';
import { ResolveError } from '@impl/errors.ts';
import { createQuery, decodeMessage, encodeMessage, type Message } from './message.ts';
import { isSubdomain, namesEqual } from './name.ts';
import type { CnameRecord, ResourceRecord } from './record.ts';

/** Sends one query to a server and resolves with its reply; rejects when there is none (unreachable, timeout). */
export interface Transport {
  query(serverIp: string, message: Uint8Array): Promise<Uint8Array>;
}

export interface ResolverOptions {
  transport: Transport;
  clock: Clock;
  /** Where to start when nothing closer is cached: the root servers. */
  rootHints: readonly NameServer[];
  /** Query ids; RFC 5452 §9.2 wants them unpredictable, tests want them repeatable. Default: crypto random. */
  nextId?: () => number;
  /** CNAMEs one resolution may follow before giving up (default 8). */
  maxCnameChain?: number;
  /** Queries one resolution may send, counting lookups of name server addresses (default 32). */
  maxQueries?: number;
}

/** The outcome of a resolution. */
export interface Answer {
  /** Rcode.NOERROR, or Rcode.NXDOMAIN when the (last) name does not exist. */
  rcode: number;
  /** The CNAMEs followed, in order, then the records of the asked type at the final name (none for NODATA/NXDOMAIN). */
  records: ResourceRecord[];
}

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
 * 4. Read the reply (step 4):
 *    - records of the type for the name (following CNAMEs inside the answer
 *      section) → cache them, done;
 *    - NXDOMAIN → cache it for min(SOA TTL, SOA MINIMUM) of the SOA in the
 *      authority section (not at all without one, RFC 2308 §5); rcode 3;
 *    - only a CNAME → cache it and start over at step 1 with its target;
 *    - no answer, AA clear, NS records for a zone strictly below the zone
 *      asked and at or above the name → a referral: cache the delegation for
 *      the NS TTL, with the glue A records from the additional section for
 *      server names inside the zone asked, and go to step 3 with it;
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
  readonly #options: ResolverOptions;

  constructor(options: ResolverOptions) {
    this.cache = new DnsCache(options.clock);
    this.#options = options;
  }

  /**
   * Finds the records of `type` for `name` (see the class comment). NXDOMAIN
   * and NODATA are answers; it rejects with ResolveError only when it could
   * not find out.
   */
  async resolve(name: string, type: TypeName): Promise<Answer> {
    throw new Error('TODO(resolver): cache, closest servers, ask, follow referrals and CNAMEs, cache what you learn — see the class comment');
  }
}
