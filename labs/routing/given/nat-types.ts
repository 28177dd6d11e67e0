/** The NAT gateway's port range, mapping timeouts (RFC 4787, RFC 5382), options and mappings. */

/** First and last port of the dynamic range (RFC 6335 §6), the default public ports. */
export const DYNAMIC_PORTS_FIRST = 49152;

export const DYNAMIC_PORTS_LAST = 65535;

/** Default UDP idle timeout: RFC 4787 REQ-5 allows no less than 2 minutes. */
export const UDP_TIMEOUT_MS = 120_000;

/** Default TCP idle timeout: RFC 5382 REQ-5 allows no less than 2 hours 4 minutes for an established connection. */
export const TCP_TIMEOUT_MS = 7_440_000;

/** How the gateway is set up; anything left out gets the default above. */
export interface NatOptions {
  /** The gateway's address on the outside, which every translated datagram comes from. */
  publicIp: string;
  /** Lowest public port handed out. */
  firstPort?: number;
  /** Highest public port handed out. */
  lastPort?: number;
  udpTimeoutMs?: number;
  tcpTimeoutMs?: number;
}

/** One translation: inside address and port ↔ public port, per protocol. */
export interface NatMapping {
  protocol: 'tcp' | 'udp';
  insideIp: string;
  insidePort: number;
  publicPort: number;
}
