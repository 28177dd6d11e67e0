/** Where a router lets other code see and change the datagrams it forwards (after Linux netfilter's hooks). */

/**
 * Where a router lets other code see and change datagrams, named after Linux
 * netfilter's hooks: `prerouting` runs before the route lookup (a NAT maps a
 * reply's destination back there), `postrouting` after it, once the outgoing
 * interface is known (a NAT rewrites the source there). Each returns the
 * datagram to go on with, or undefined to drop it.
 */
export interface RouterHooks {
  prerouting?(datagram: Uint8Array, inInterface: string): Uint8Array | undefined;
  postrouting?(datagram: Uint8Array, outInterface: string): Uint8Array | undefined;
}
