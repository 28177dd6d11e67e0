/**
 * A NAT gateway (NAPT, RFC 3022 §2.2) with the behaviour RFC 4787 (UDP) and
 * RFC 5382 (TCP) ask for: datagrams from the inside leave with the gateway's
 * public address and a public port; replies to that port are mapped back to
 * the inside host and port. One mapping per inside address and port, whatever
 * the remote end ("endpoint-independent mapping", RFC 4787 §4.1 REQ-1).
 */
import { adjustChecksum } from '@impl/checksum.ts';
import { formatIpv4, parseIpv4, writeIpv4 } from '@impl/ipv4-address.ts';
import { DESTINATION_OFFSET, decodeIpv4Header, headerChecksumOk, PROTOCOL_TCP, PROTOCOL_UDP, SOURCE_OFFSET, writeHeaderChecksum } from '@impl/ipv4.ts';
import { DYNAMIC_PORTS_FIRST, DYNAMIC_PORTS_LAST, TCP_TIMEOUT_MS, UDP_TIMEOUT_MS, type NatMapping, type NatOptions } from '@impl/nat-types.ts';

/** Where each transport keeps its checksum (RFC 768; RFC 9293 §3.1), and the least bytes needed to reach it. */
const CHECKSUM_OFFSET = { udp: 6, tcp: 16 } as const;
const MINIMUM_LENGTH = { udp: 8, tcp: 20 } as const;

/**
 * Translates TCP and UDP between an inside network and one public address.
 *
 * - `outbound(datagram)`: a datagram from the inside. Its mapping (found, or made
 *   with the next free public port) gives the new source port; the source address
 *   becomes the public IP.
 * - `inbound(datagram)`: a datagram from the outside. Unless it is addressed to the
 *   public IP and a mapped port of its protocol, it is dropped; otherwise the
 *   destination address and port become the inside host's.
 * - Both return a translated copy, never changing their argument, with the IP header
 *   checksum recomputed and the TCP or UDP checksum (which covers the addresses through
 *   its pseudo-header) adjusted for the changed address and port only (RFC 3022 §4.2,
 *   RFC 1624 eqn. 3), never recomputed: a segment damaged before the gateway must still
 *   fail its checksum at the receiver. A UDP checksum of 0 ("none", RFC 768) stays 0.
 *   Both return undefined, dropping the datagram, for anything that is not an
 *   unfragmented TCP or UDP datagram with a sound header, header checksum included
 *   (ICMP is not translated here: RFC 5508).
 * - Ports: each protocol has its own ports, from `firstPort` to `lastPort`. A new
 *   mapping takes the first free port at or after the one after the last port handed
 *   out, wrapping round, so a port just freed is not reused at once; with every port
 *   in use, the datagram is dropped.
 * - Time: a mapping is refreshed by every datagram that uses it, either way, and
 *   removed by `tick` once it has been idle for its protocol's timeout.
 */
export class NatGateway {
  readonly publicIp: string;
  readonly #firstPort: number;
  readonly #lastPort: number;
  readonly #timeouts: Readonly<Record<'tcp' | 'udp', number>>;

  constructor(options: NatOptions) {
    this.publicIp = formatIpv4(parseIpv4(options.publicIp));
    this.#firstPort = options.firstPort ?? DYNAMIC_PORTS_FIRST;
    this.#lastPort = options.lastPort ?? DYNAMIC_PORTS_LAST;
    if (!(Number.isInteger(this.#firstPort) && Number.isInteger(this.#lastPort) && 1 <= this.#firstPort && this.#firstPort <= this.#lastPort && this.#lastPort <= 65535)) {
      throw new RangeError(`ports must satisfy 1 ≤ firstPort ≤ lastPort ≤ 65535, got ${this.#firstPort}–${this.#lastPort}`);
    }
    this.#timeouts = { udp: options.udpTimeoutMs ?? UDP_TIMEOUT_MS, tcp: options.tcpTimeoutMs ?? TCP_TIMEOUT_MS };
    // TODO(nat): your state — the time (moved by tick), mappings found by inside address:port and by public port, the next port to try.
  }

  /** Translates a datagram leaving the inside network, or returns undefined to drop it. */
  outbound(datagram: Uint8Array): Uint8Array | undefined {
    throw new Error('TODO(nat): read protocol and ports (decodeIpv4Header), find or make the mapping, and return a copy with the new source address and port, the header checksum recomputed and the TCP/UDP checksum adjusted (adjustChecksum)');
  }

  /** Translates a datagram arriving from the outside, or returns undefined to drop it. */
  inbound(datagram: Uint8Array): Uint8Array | undefined {
    throw new Error('TODO(nat): only to the public IP and a mapped port of its protocol; return a copy with the inside destination address and port, the header checksum recomputed and the TCP/UDP checksum adjusted (adjustChecksum)');
  }

  /** Lets `ms` milliseconds pass; mappings idle for their protocol's timeout or longer are removed. */
  tick(ms: number): void {
    throw new Error('TODO(nat): advance your clock and remove mappings idle for their timeout or longer');
  }

  /** The live mappings, oldest first. */
  get mappings(): NatMapping[] {
    throw new Error('TODO(nat): a list of the live mappings, oldest first');
  }
}
