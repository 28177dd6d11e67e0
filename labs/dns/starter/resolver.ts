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
