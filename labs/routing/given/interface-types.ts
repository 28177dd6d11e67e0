/** A network interface's ARP timers (RFC 826, RFC 1122 §2.3.2.1) and its options. */

/** How long to wait for an ARP reply before giving up on it, and the least time between two requests for one address. */
export const ARP_REQUEST_TIMEOUT_MS = 5_000;

/** How long a learned IP → MAC mapping is used before it must be learned again. */
export const ARP_CACHE_TTL_MS = 30_000;

/** An interface's identity. */
export interface NetworkInterfaceOptions {
  /** e.g. "eth0"; routes name interfaces by it. */
  name: string;
  /** e.g. "02:70:6a:00:00:0a" (any case). */
  mac: string;
  /** The interface's own IPv4 address, e.g. "192.0.2.10". */
  ipv4: string;
}
