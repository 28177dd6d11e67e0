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

interface Entry extends NatMapping {
  /** Gateway time of the last datagram that used the mapping, in either direction. */
  lastUsed: number;
}

/** The parts of a datagram a NAT reads. */
interface Flow {
  protocol: 'tcp' | 'udp';
  headerLength: number;
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
}

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
  #now = 0;
  /** "udp 10.0.1.10:5000" → mapping. */
  readonly #byInside = new Map<string, Entry>();
  /** "udp 49152" → mapping. */
  readonly #byPublic = new Map<string, Entry>();
  /** The port to try first for the next mapping, per protocol. */
  readonly #nextPort: Record<'tcp' | 'udp', number>;

  constructor(options: NatOptions) {
    this.publicIp = formatIpv4(parseIpv4(options.publicIp));
    this.#firstPort = options.firstPort ?? DYNAMIC_PORTS_FIRST;
    this.#lastPort = options.lastPort ?? DYNAMIC_PORTS_LAST;
    if (!(Number.isInteger(this.#firstPort) && Number.isInteger(this.#lastPort) && 1 <= this.#firstPort && this.#firstPort <= this.#lastPort && this.#lastPort <= 65535)) {
      throw new RangeError(`ports must satisfy 1 ≤ firstPort ≤ lastPort ≤ 65535, got ${this.#firstPort}–${this.#lastPort}`);
    }
    this.#timeouts = { udp: options.udpTimeoutMs ?? UDP_TIMEOUT_MS, tcp: options.tcpTimeoutMs ?? TCP_TIMEOUT_MS };
    this.#nextPort = { udp: this.#firstPort, tcp: this.#firstPort };
  }

  /** Translates a datagram leaving the inside network, or returns undefined to drop it. */
  outbound(datagram: Uint8Array): Uint8Array | undefined {
    const flow = readFlow(datagram);
    if (flow === undefined) return undefined;
    const insideKey = `${flow.protocol} ${flow.source}:${flow.sourcePort}`;
    let entry = this.#byInside.get(insideKey);
    if (entry === undefined) {
      const publicPort = this.#allocate(flow.protocol);
      if (publicPort === undefined) return undefined;
      entry = { protocol: flow.protocol, insideIp: flow.source, insidePort: flow.sourcePort, publicPort, lastUsed: this.#now };
      this.#byInside.set(insideKey, entry);
      this.#byPublic.set(`${flow.protocol} ${publicPort}`, entry);
    }
    entry.lastUsed = this.#now;
    return rewrite(datagram, flow, SOURCE_OFFSET, this.publicIp, 0, entry.publicPort);
  }

  /** Translates a datagram arriving from the outside, or returns undefined to drop it. */
  inbound(datagram: Uint8Array): Uint8Array | undefined {
    const flow = readFlow(datagram);
    if (flow === undefined || flow.destination !== this.publicIp) return undefined;
    const entry = this.#byPublic.get(`${flow.protocol} ${flow.destinationPort}`);
    if (entry === undefined) return undefined;
    entry.lastUsed = this.#now;
    return rewrite(datagram, flow, DESTINATION_OFFSET, entry.insideIp, 2, entry.insidePort);
  }

  /** Lets `ms` milliseconds pass; mappings idle for their protocol's timeout or longer are removed. */
  tick(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`tick: ms must be ≥ 0, got ${ms}`);
    this.#now += ms;
    for (const [key, entry] of this.#byInside) {
      if (this.#now - entry.lastUsed >= this.#timeouts[entry.protocol]) {
        this.#byInside.delete(key);
        this.#byPublic.delete(`${entry.protocol} ${entry.publicPort}`);
      }
    }
  }

  /** The live mappings, oldest first. */
  get mappings(): NatMapping[] {
    return [...this.#byInside.values()].map(({ protocol, insideIp, insidePort, publicPort }) => ({ protocol, insideIp, insidePort, publicPort }));
  }

  /** The first free port at or after the cursor, wrapping; bounded by the size of the range. */
  #allocate(protocol: 'tcp' | 'udp'): number | undefined {
    const size = this.#lastPort - this.#firstPort + 1;
    for (let i = 0; i < size; i++) {
      const port = this.#firstPort + ((this.#nextPort[protocol] - this.#firstPort + i) % size);
      if (!this.#byPublic.has(`${protocol} ${port}`)) {
        this.#nextPort[protocol] = port === this.#lastPort ? this.#firstPort : port + 1;
        return port;
      }
    }
    return undefined;
  }
}

/** The addresses and ports of an unfragmented TCP or UDP datagram, or undefined for anything else. */
function readFlow(datagram: Uint8Array): Flow | undefined {
  let header;
  try {
    header = decodeIpv4Header(datagram);
  } catch {
    return undefined;
  }
  // RFC 1812 §5.2.2: a header that fails its checksum may have any field wrong, the addresses included.
  if (!headerChecksumOk(datagram)) return undefined;
  const protocol = header.protocol === PROTOCOL_UDP ? 'udp' : header.protocol === PROTOCOL_TCP ? 'tcp' : undefined;
  // Only the first fragment carries the ports; reassembly is beyond this gateway.
  if (protocol === undefined || header.moreFragments || header.fragmentOffset !== 0) return undefined;
  if (header.totalLength - header.headerLength < MINIMUM_LENGTH[protocol]) return undefined;
  const at = header.headerLength;
  return {
    protocol,
    headerLength: at,
    source: header.source,
    destination: header.destination,
    sourcePort: (datagram[at]! << 8) | datagram[at + 1]!,
    destinationPort: (datagram[at + 2]! << 8) | datagram[at + 3]!,
  };
}

/**
 * A copy of `datagram` with the address at `addressOffset` and the port at
 * `portOffset` (within the segment) replaced, the header checksum recomputed
 * and the transport checksum adjusted for exactly those words.
 */
function rewrite(datagram: Uint8Array, flow: Flow, addressOffset: number, address: string, portOffset: number, port: number): Uint8Array {
  const total = (datagram[2]! << 8) | datagram[3]!;
  const out = datagram.slice(0, total);
  const segment = out.subarray(flow.headerLength);
  // The words that change: the address's two halves (in the pseudo-header) and the port.
  const before = [word(out, addressOffset), word(out, addressOffset + 2), word(segment, portOffset)];
  writeIpv4(out, addressOffset, address);
  writeHeaderChecksum(out);
  segment[portOffset] = port >>> 8;
  segment[portOffset + 1] = port & 0xff;
  const after = [word(out, addressOffset), word(out, addressOffset + 2), word(segment, portOffset)];
  const at = CHECKSUM_OFFSET[flow.protocol];
  const checksum = word(segment, at);
  // RFC 768: UDP checksum 0 means the sender computed none; keep it that way.
  if (flow.protocol === 'udp' && checksum === 0) return out;
  let adjusted = adjustChecksum(checksum, before, after);
  // RFC 768: a checksum of 0 is sent as all ones, since 0 would mean "no checksum".
  if (adjusted === 0 && flow.protocol === 'udp') adjusted = 0xffff;
  segment[at] = adjusted >>> 8;
  segment[at + 1] = adjusted & 0xff;
  return out;
}

/** The big-endian 16-bit word at `offset`. */
function word(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}
