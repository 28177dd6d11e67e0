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
  /** canonical name → type → record set, or 'nodata'. */
  readonly #names = new Map<string, Map<TypeName, Entry<ResourceRecord[] | 'nodata'>>>();
  /** canonical name → NXDOMAIN until `expires`. */
  readonly #nxdomain = new Map<string, Entry<true>>();
  /** canonical zone → its name servers. */
  readonly #delegations = new Map<string, Entry<Delegation>>();

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
    const sets = new Map<string, ResourceRecord[]>();
    for (const record of records) {
      const key = `${canonicalName(record.name)} ${record.type}`;
      sets.set(key, [...(sets.get(key) ?? []), record]);
    }
    for (const set of sets.values()) {
      const first = set[0]!;
      const ttl = Math.min(...set.map((record) => record.ttl));
      const name = canonicalName(first.name);
      // New data about a name supersedes an older "no such name".
      this.#nxdomain.delete(name);
      this.#store(name, first.type, set, ttl);
    }
  }

  /** Caches "this name does not exist" for `ttl` seconds, for every type of the name, replacing its cached records (RFC 2308 §5); TTL 0 changes nothing. */
  putNxdomain(name: string, ttl: number): void {
    if (ttl <= 0) return;
    const key = canonicalName(name);
    this.#names.delete(key);
    this.#nxdomain.set(key, { value: true, expires: this.#expiry(ttl) });
  }

  /** Caches "this name has no records of this type" for `ttl` seconds (RFC 2308 §5). */
  putNodata(name: string, type: TypeName, ttl: number): void {
    this.#store(canonicalName(name), type, 'nodata', ttl);
  }

  /**
   * What is cached for `name` and `type` and still alive, or undefined:
   * NXDOMAIN for the name first, then the record set or NODATA for the type.
   * Records come back with `ttl` set to the whole seconds left,
   * Math.floor((expiry − now) / 1000) (RFC 1035 §6.1.3: cached TTLs "count down"), so nobody keeps them longer.
   */
  get(name: string, type: TypeName): CacheHit | undefined {
    const key = canonicalName(name);
    const now = this.#clock.now();
    const nx = this.#nxdomain.get(key);
    if (nx) {
      if (now < nx.expires) return { kind: 'nxdomain' };
      this.#nxdomain.delete(key);
    }
    const types = this.#names.get(key);
    const entry = types?.get(type);
    if (!types || !entry) return undefined;
    if (now >= entry.expires) {
      types.delete(type);
      return undefined;
    }
    if (entry.value === 'nodata') return { kind: 'nodata' };
    // RFC 1035 §6.1.3: cached TTLs count down and go out relative to now.
    const left = Math.floor((entry.expires - now) / 1000);
    return { kind: 'records', records: entry.value.map((record) => ({ ...record, ttl: left })) };
  }

  /** Remembers who serves `zone` for `ttl` seconds (the NS records' TTL); TTL 0 is not cached. */
  putDelegation(zone: string, servers: readonly NameServer[], ttl: number): void {
    if (ttl <= 0) return;
    const key = canonicalName(zone);
    const value: Delegation = { zone: key, servers: servers.map((s) => ({ name: s.name, addresses: [...s.addresses] })) };
    this.#delegations.set(key, { value, expires: this.#expiry(ttl) });
  }

  /** The live delegation closest to `name`: for 'www.shop.example', 'shop.example' before 'example' before ''. */
  findDelegation(name: string): Delegation | undefined {
    const labels = parseName(canonicalName(name));
    const now = this.#clock.now();
    for (let i = 0; i <= labels.length; i++) {
      const zone = formatName(labels.slice(i));
      const entry = this.#delegations.get(zone);
      if (!entry) continue;
      if (now < entry.expires) return entry.value;
      this.#delegations.delete(zone);
    }
    return undefined;
  }

  #store(name: string, type: TypeName, value: ResourceRecord[] | 'nodata', ttl: number): void {
    if (ttl <= 0) return;
    let types = this.#names.get(name);
    if (!types) this.#names.set(name, (types = new Map()));
    types.set(type, { value, expires: this.#expiry(ttl) });
  }

  #expiry(ttlSeconds: number): number {
    return this.#clock.now() + ttlSeconds * 1000;
  }
}
