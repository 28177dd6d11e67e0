/** What the authoritative server serves (a zone) and how it listens on UDP (RFC 1035 §4.2.1). */
import type { ResourceRecord } from './message-types.ts';

/** The records a server is the authority for: every name at or below `origin`. */
export interface Zone {
  /** The zone's apex, dotted, no trailing dot: 'shop.example'. */
  origin: string;
  /** All records of the zone, including exactly one SOA owned by `origin`. */
  records: readonly ResourceRecord[];
}

/** RFC 1035 §4.2.1: without EDNS (RFC 6891), UDP messages are at most 512 bytes. */
export const MAX_UDP_PAYLOAD = 512;

/** Where the UDP server binds. */
export interface ListenOptions {
  /** Address to bind; the lab's tests use '127.0.0.1' so nothing outside the machine can reach it. */
  host: string;
  /** 0 lets the system pick a free port. */
  port: number;
}

/** A running server. */
export interface UdpServer {
  /** The port actually bound. */
  port: number;
  /** Stops listening; resolves once the socket is closed. */
  close(): Promise<void>;
}
