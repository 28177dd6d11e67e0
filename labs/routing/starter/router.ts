/**
 * An IPv4 router (RFC 1812 §5): for every datagram that arrives on one of its
 * interfaces it checks the header, decrements the TTL, recomputes the header
 * checksum, looks up the destination by longest-prefix match and sends the
 * datagram out of the route's interface to the route's next hop. Only the
 * Ethernet header changes hop by hop (new MACs); the IP addresses stay.
 */
import { ICMP_DESTINATION_UNREACHABLE, ICMP_ERROR_TOS, ICMP_TIME_EXCEEDED, ICMP_TTL } from '@impl/icmp-constants.ts';
import {
  buildIpv4Datagram,
  decodeIpv4Header,
  headerChecksumOk,
  PROTOCOL_ICMP,
  TTL_OFFSET,
  writeHeaderChecksum,
  type Ipv4Header,
} from '@impl/ipv4.ts';
import type { Route } from '@impl/route-types.ts';
import type { RouterHooks } from '@impl/router-hooks.ts';
import { buildIcmpError, isIcmpError } from './icmp.ts';
import type { NetworkInterface } from './network-interface.ts';
import { RoutingTable } from './routing-table.ts';

/**
 * A router with named interfaces and a routing table.
 *
 * For each datagram received (in this order):
 * 1. Drop it unless the header is sound: version 4, lengths consistent, checksum
 *    correct (RFC 1812 §5.2.2).
 * 2. Run `prerouting`; drop if it returns undefined.
 * 3. A datagram addressed to one of the router's own interfaces is for the router
 *    itself, which runs no services: drop it (it is not forwarded).
 * 4. TTL ≤ 1: drop it and send ICMP Time Exceeded, code 0 (RFC 1812 §5.3.1).
 * 5. No route: drop it and send ICMP Destination Unreachable, code 0 (RFC 1812 §4.3.3.1).
 * 6. Otherwise decrement the TTL, recompute the checksum, run `postrouting` with the
 *    route's interface, and send through that interface to the route's next hop, or
 *    to the destination itself for a directly connected route.
 *
 * ICMP errors are never sent about an ICMP error or a non-initial fragment
 * (RFC 1122 §3.2.2). One goes to the original source, routed like any datagram,
 * from the address of the interface it leaves by (RFC 1812 §4.3.2.4), with TTL 64,
 * TOS 0xc0 and identification 0; it skips the hooks.
 */
export class Router {
  readonly #interfaces = new Map<string, NetworkInterface>();
  readonly #table = new RoutingTable();
  readonly #hooks: RouterHooks;

  constructor(options: { hooks?: RouterHooks } = {}) {
    this.#hooks = options.hooks ?? {};
  }

  /** Adds an interface; routes refer to it by its name. */
  addInterface(iface: NetworkInterface): void {
    if (this.#interfaces.has(iface.name)) throw new Error(`router already has an interface named "${iface.name}"`);
    this.#interfaces.set(iface.name, iface);
  }

  /** Adds a route (see RoutingTable.addRoute); its interface must have been added. */
  addRoute(route: Route): void {
    if (!this.#interfaces.has(route.interface)) throw new Error(`route to ${route.prefix}/${route.prefixLength}: no interface "${route.interface}"`);
    this.#table.addRoute(route);
  }

  /** The interface with this name; throws when there is none. */
  interface(name: string): NetworkInterface {
    const iface = this.#interfaces.get(name);
    if (iface === undefined) throw new Error(`router has no interface "${name}" (it has: ${[...this.#interfaces.keys()].join(', ')})`);
    return iface;
  }

  /** A frame arrived on the named interface: let the interface handle it, and forward the datagram it yields, if any. */
  receiveFrame(interfaceName: string, frame: Uint8Array): void {
    const datagram = this.interface(interfaceName).receiveFrame(frame);
    if (datagram !== undefined) this.#forward(datagram, interfaceName);
  }

  /** Lets time pass on every interface. */
  tick(ms: number): void {
    for (const iface of this.#interfaces.values()) iface.tick(ms);
  }

  /** The frames the named interface has sent since the last call. */
  takeFrames(interfaceName: string): Uint8Array[] {
    return this.interface(interfaceName).takeFrames();
  }

  /** Steps 1–6 of the class comment for one datagram that arrived on `inInterface`. */
  #forward(datagram: Uint8Array, inInterface: string): void {
    throw new Error('TODO(router): check the header, run prerouting, drop datagrams for the router itself, handle TTL ≤ 1 and no route with ICMP errors, then decrement the TTL, recompute the checksum, run postrouting and send to the next hop');
  }
}
