/**
 * The resolver's memory (RFC 1034 §5.3.3 step 1, RFC 1035 §7.4): record sets,
 * negative answers (RFC 2308) and delegations, each kept until its TTL runs
 * out on an injected clock, so tests can move time instead of waiting.
 */
import type { TypeName } from '@impl/codes.ts';
import { formatName, parseName } from '@impl/name-text.ts';
import type { ResourceRecord } from '@impl/message-types.ts';
import type { CacheHit, Clock, Delegation, NameServer } from '@impl/resolver-types.ts';
import { canonicalName } from './name.ts';

/** A suggested shape for what you store: the value, and the clock time (ms) from which it is gone. */
interface Entry<T> {
  value: T;
  /** Clock time (ms) from which the entry is gone. */
  expires: number;
}

/**
 * A TTL-bounded cache of answers, negative answers and delegations. Names
 * are looked up ignoring ASCII case (canonicalName makes good Map keys).
 * An entry stored at time t (clock.now(), in ms) with a TTL of n seconds is
 * alive while now < t + n × 1000; dead entries are never returned.
 */
export class DnsCache {
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Caches records, grouped into sets by name and type. Each set lives for
   * its smallest TTL (RFC 2181 §5.2 wants one TTL per set) and replaces what
   * was cached for that name and type; TTL 0 means "use now, do not cache"
   * (RFC 1035 §3.2.1). Caching records for a name clears an NXDOMAIN cached for it.
   */
  putRecords(records: readonly ResourceRecord[]): void {
    throw new Error('TODO(resolver): group by canonical name and type, store each set with an expiry time from the injected clock');
  }

  /** Caches "this name does not exist" for `ttl` seconds, for every type of the name, replacing its cached records (RFC 2308 §5); TTL 0 changes nothing. */
  putNxdomain(name: string, ttl: number): void {
    throw new Error('TODO(resolver): remember the name as NXDOMAIN until now + ttl seconds');
  }

  /** Caches "this name has no records of this type" for `ttl` seconds (RFC 2308 §5). */
  putNodata(name: string, type: TypeName, ttl: number): void {
    throw new Error('TODO(resolver): remember (name, type) as NODATA until now + ttl seconds');
  }

  /**
   * What is cached for `name` and `type` and still alive, or undefined:
   * NXDOMAIN for the name first, then the record set or NODATA for the type.
   * Records come back with `ttl` set to the whole seconds left,
   * Math.floor((expiry − now) / 1000) (RFC 1035 §6.1.3: cached TTLs "count down"), so nobody keeps them longer.
   */
  get(name: string, type: TypeName): CacheHit | undefined {
    throw new Error('TODO(resolver): look up the live entry; hand out copies of the records with the remaining TTL');
  }

  /** Remembers who serves `zone` for `ttl` seconds (the NS records' TTL); TTL 0 is not cached. */
  putDelegation(zone: string, servers: readonly NameServer[], ttl: number): void {
    throw new Error('TODO(resolver): store the servers under the canonical zone name with an expiry time');
  }

  /** The live delegation closest to `name`: for 'www.shop.example', 'shop.example' before 'example' before ''. */
  findDelegation(name: string): Delegation | undefined {
    throw new Error('TODO(resolver): try name, then each parent (drop the first label) down to the root');
  }
}
