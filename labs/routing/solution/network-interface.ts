/**
 * A network interface that speaks ARP (RFC 826), in the shape of CS144's
 * NetworkInterface: IPv4 datagrams go down with the IP address of the next
 * hop and come out as Ethernet frames; frames come in and IPv4 datagrams come
 * up. The interface finds each next hop's MAC with ARP, caches it, and holds
 * datagrams back until the answer comes. Sans-I/O: time moves only by `tick`,
 * frames leave only through `takeFrames`.
 */
import { BROADCAST_MAC, decodeEthernet, encodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV4, normalizeMac } from '@impl/ethernet.ts';
import { formatIpv4, parseIpv4 } from '@impl/ipv4-address.ts';
import type { ArpMessage } from '@impl/arp-types.ts';
import { ARP_CACHE_TTL_MS, ARP_REQUEST_TIMEOUT_MS, type NetworkInterfaceOptions } from '@impl/interface-types.ts';
import { decodeArp, encodeArp } from './arp-message.ts';

/** The MAC put in the THA field of a request, where the answer is not known yet. */
const UNKNOWN_MAC = '00:00:00:00:00:00';

/** A cache entry: a MAC and the interface time from which it is stale. */
interface CacheEntry {
  mac: string;
  expires: number;
}

/** An ARP request in flight and the datagrams waiting for its answer. */
interface Pending {
  /** Interface time from which the request has timed out. */
  expires: number;
  datagrams: Uint8Array[];
}

/**
 * One Ethernet interface with an IPv4 address.
 *
 * - `sendDatagram(datagram, nextHop)`: with the next hop's MAC cached, one IPv4
 *   frame to that MAC at once. Otherwise the datagram waits, and a broadcast ARP
 *   request for the next hop goes out — unless one was sent less than 5 s ago.
 *   Frames are built by encodeEthernet, unpadded, as a capture on the sending host
 *   shows them; a request's target MAC is 00:00:00:00:00:00, as Linux sends it.
 * - `receiveFrame(frame)`: frames for another MAC (not this one, not broadcast)
 *   are ignored. An IPv4 frame's payload is returned. An ARP message is handled as
 *   RFC 826 says: if the sender's IP is cached, its MAC is updated; if the target
 *   IP is this interface's, the sender is added and a request is answered with a
 *   reply sent straight to the asker. Datagrams waiting for an address that has
 *   just been learned go out, in the order they were sent. Malformed ARP is ignored.
 * - `tick(ms)`: time passes. A mapping is used for 30 s after it was learned (or
 *   last updated): it is gone once 30 000 ms have passed. A request unanswered for
 *   5 000 ms has timed out: the datagrams waiting for it are dropped, and the next
 *   datagram for that address sends a new request.
 */
export class NetworkInterface {
  readonly name: string;
  /** Lower-case "02:70:6a:00:00:0a". */
  readonly mac: string;
  readonly ipv4: string;

  /** Milliseconds of interface time, moved only by `tick`. */
  #now = 0;
  /** IPv4 address (text) → MAC. */
  readonly #cache = new Map<string, CacheEntry>();
  /** IPv4 address (text) → request in flight. */
  readonly #pending = new Map<string, Pending>();
  readonly #outbox: Uint8Array[] = [];

  constructor(options: NetworkInterfaceOptions) {
    this.name = options.name;
    this.mac = normalizeMac(options.mac);
    // Round-trip through the number form to reject malformed addresses up front.
    this.ipv4 = formatIpv4(parseIpv4(options.ipv4));
  }

  /** Sends an IPv4 datagram towards `nextHop` (a gateway, or the destination itself on this link). */
  sendDatagram(datagram: Uint8Array, nextHop: string): void {
    const cached = this.#cache.get(nextHop);
    if (cached !== undefined) {
      this.#emit(cached.mac, ETHERTYPE_IPV4, datagram);
      return;
    }
    const pending = this.#pending.get(nextHop);
    if (pending !== undefined) {
      // A request went out less than 5 s ago: wait for its reply rather than flood the link.
      pending.datagrams.push(datagram.slice());
      return;
    }
    this.#pending.set(nextHop, { expires: this.#now + ARP_REQUEST_TIMEOUT_MS, datagrams: [datagram.slice()] });
    this.#sendArp(BROADCAST_MAC, { operation: 'request', senderMac: this.mac, senderIp: this.ipv4, targetMac: UNKNOWN_MAC, targetIp: nextHop });
  }

  /** Takes a frame off the wire; returns the IPv4 datagram it carried, if any. */
  receiveFrame(frame: Uint8Array): Uint8Array | undefined {
    let ethernet;
    try {
      ethernet = decodeEthernet(frame);
    } catch {
      return undefined;
    }
    if (ethernet.destination !== this.mac && ethernet.destination !== BROADCAST_MAC) return undefined;
    if (ethernet.etherType === ETHERTYPE_IPV4) return ethernet.payload.slice();
    if (ethernet.etherType === ETHERTYPE_ARP) this.#receiveArp(ethernet.payload);
    return undefined;
  }

  /** Lets `ms` milliseconds pass: expires cache entries and requests that have run out of time. */
  tick(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`tick: ms must be ≥ 0, got ${ms}`);
    this.#now += ms;
    for (const [ip, entry] of this.#cache) if (entry.expires <= this.#now) this.#cache.delete(ip);
    // No reply in time: RFC 826 says nothing, so do as CS144 does and drop what waited.
    for (const [ip, pending] of this.#pending) if (pending.expires <= this.#now) this.#pending.delete(ip);
  }

  /** The frames sent since the last call, oldest first; the interface forgets them. */
  takeFrames(): Uint8Array[] {
    return this.#outbox.splice(0);
  }

  /** The MAC cached for `ip`, or undefined (what `arp -an` would list). */
  cachedMac(ip: string): string | undefined {
    return this.#cache.get(ip)?.mac;
  }

  #receiveArp(payload: Uint8Array): void {
    let message: ArpMessage;
    try {
      message = decodeArp(payload).value;
    } catch {
      return;
    }
    // RFC 826 "Packet Reception": update a known sender, add an unknown one only when
    // the message is for us; then, if it is a request for us, reply.
    const known = this.#cache.has(message.senderIp);
    const forUs = message.targetIp === this.ipv4;
    if (known || forUs) this.#learn(message.senderIp, message.senderMac);
    if (forUs && message.operation === 'request') {
      this.#sendArp(message.senderMac, {
        operation: 'reply',
        senderMac: this.mac,
        senderIp: this.ipv4,
        targetMac: message.senderMac,
        targetIp: message.senderIp,
      });
    }
  }

  #learn(ip: string, mac: string): void {
    this.#cache.set(ip, { mac, expires: this.#now + ARP_CACHE_TTL_MS });
    const pending = this.#pending.get(ip);
    if (pending === undefined) return;
    this.#pending.delete(ip);
    for (const datagram of pending.datagrams) this.#emit(mac, ETHERTYPE_IPV4, datagram);
  }

  #sendArp(destination: string, message: ArpMessage): void {
    this.#emit(destination, ETHERTYPE_ARP, encodeArp(message));
  }

  #emit(destination: string, etherType: number, payload: Uint8Array): void {
    this.#outbox.push(encodeEthernet({ destination, source: this.mac, etherType, payload }));
  }
}
