/**
 * A routing table with longest-prefix match (RFC 1812 §5.2.4.3): of the
 * routes whose prefix contains the destination, the longest prefix wins,
 * so a /32 host route beats a /24, which beats the /0 default route.
 */
import { isIpv4, parseIpv4 } from '@impl/ipv4-address.ts';
import type { Route } from '@impl/route-types.ts';
import { parseCidr, prefixMask } from './cidr.ts';

/**
 * Routes, and the lookup a router does for every datagram. Ties: among routes
 * with the same prefix and length, the lowest metric wins (as in Linux, where two
 * default routes with metrics 100 and 600 coexist); adding a route with the same
 * prefix, length and metric as an existing one replaces it, so the later one wins.
 */
export class RoutingTable {
  /** Adds a route; throws RangeError for a malformed prefix (host bits set), length, next hop or metric. */
  addRoute(route: Route): void {
    throw new Error('TODO(routing-table): validate the route (parseCidr does most of it), then store it, replacing one with the same prefix, length and metric');
  }

  /** The route for `destination` by longest-prefix match (lowest metric among equals), or undefined when none matches. */
  lookup(destination: string): Route | undefined {
    throw new Error('TODO(routing-table): of the routes whose prefix contains destination, the longest; among equal lengths, the lowest metric');
  }

  /** Every route, in the order added; a replacement takes the place of the route it replaced. */
  get routes(): Route[] {
    throw new Error('TODO(routing-table): a copy of the routes, in the order added');
  }
}
