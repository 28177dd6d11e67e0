/**
 * What the resolver and its cache take and give (RFC 1034 §5.3.3): an
 * injected clock and transport, name servers and delegations, the cache's
 * answers and a resolution's outcome.
 */
import type { TypeName } from './codes.ts';
import type { ResourceRecord } from './message-types.ts';

/** Milliseconds since any fixed moment; the resolver never reads the real time itself. */
export interface Clock {
  now(): number;
}

/** A name server by host name, with the addresses known for it (empty when there was no glue). */
export interface NameServer {
  name: string;
  addresses: string[];
}

/** Who can answer for `zone` and everything below it, unless delegated further down. */
export interface Delegation {
  /** Dotted, no trailing dot; '' for the root. */
  zone: string;
  servers: NameServer[];
}

/** What the cache knows about a (name, type). */
export type CacheHit =
  /** The record set, each TTL lowered to the seconds left. */
  | { kind: 'records'; records: ResourceRecord[] }
  /** The name does not exist, so it has no records of any type (RFC 2308 §5). */
  | { kind: 'nxdomain' }
  /** The name exists but has no records of this type (RFC 2308 §2.2). */
  | { kind: 'nodata' };

/** Sends one query to a server and resolves with its reply; rejects when there is none (unreachable, timeout). */
export interface Transport {
  query(serverIp: string, message: Uint8Array): Promise<Uint8Array>;
}

/** What a resolver is given: its transport and clock, where to start, and its limits. */
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
