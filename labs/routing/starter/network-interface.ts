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

/** A suggested shape for a cache entry: a MAC and the interface time from which it is stale. */
interface CacheEntry {
  mac: string;
  expires: number;
}

/** A suggested shape for an ARP request in flight and the datagrams waiting for its answer. */
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

  constructor(options: NetworkInterfaceOptions) {
    this.name = options.name;
    this.mac = normalizeMac(options.mac);
    this.ipv4 = formatIpv4(parseIpv4(options.ipv4));
    // TODO(arp): your state — the time (moved by tick), the cache, the requests in flight with their waiting datagrams, the frames to send.
  }

  /** Sends an IPv4 datagram towards `nextHop` (a gateway, or the destination itself on this link). */
  sendDatagram(datagram: Uint8Array, nextHop: string): void {
    throw new Error('TODO(arp): a cached MAC → one IPv4 frame now; otherwise queue the datagram, and broadcast a request unless one for nextHop is in flight');
  }

  /** Takes a frame off the wire; returns the IPv4 datagram it carried, if any. */
  receiveFrame(frame: Uint8Array): Uint8Array | undefined {
    throw new Error('TODO(arp): drop frames for other MACs; return the payload of IPv4; learn from and answer ARP as RFC 826 says');
  }

  /** Lets `ms` milliseconds pass: expires cache entries and requests that have run out of time. */
  tick(ms: number): void {
    throw new Error('TODO(arp): advance your clock; forget cache entries ≥ 30 s old and requests ≥ 5 s old (with their datagrams)');
  }

  /** The frames sent since the last call, oldest first; the interface forgets them. */
  takeFrames(): Uint8Array[] {
    throw new Error('TODO(arp): hand over the frames produced so far and empty the queue');
  }

  /** The MAC cached for `ip`, or undefined (what `arp -an` would list). */
  cachedMac(ip: string): string | undefined {
    throw new Error('TODO(arp): look ip up in your cache');
  }
}
