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
  /** Routes in the order added; a replacement takes the place of the route it replaced. */
  readonly #routes: Route[] = [];
  /** prefix length → masked prefix → routes for that prefix, lowest metric first. */
  readonly #byLength: Map<number, Route[]>[] = Array.from({ length: 33 }, () => new Map());

  /** Adds a route; throws RangeError for a malformed prefix (host bits set), length, next hop or metric. */
  addRoute(route: Route): void {
    // parseCidr checks the syntax, the length and that no host bit is set.
    parseCidr(`${route.prefix}/${route.prefixLength}`);
    if (route.nextHop !== undefined && !isIpv4(route.nextHop)) throw new RangeError(`next hop "${route.nextHop}" is not an IPv4 address`);
    const metric = route.metric ?? 0;
    if (!Number.isInteger(metric) || metric < 0) throw new RangeError(`a metric is a whole number ≥ 0, got ${metric}`);
    if (route.interface === '') throw new RangeError('a route needs an interface name');

    const bucket = this.#byLength[route.prefixLength]!;
    const key = parseIpv4(route.prefix);
    const same = bucket.get(key) ?? [];
    const replaced = same.findIndex((r) => (r.metric ?? 0) === metric);
    if (replaced === -1) {
      same.push(route);
      this.#routes.push(route);
    } else {
      this.#routes[this.#routes.indexOf(same[replaced]!)] = route;
      same[replaced] = route;
    }
    same.sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
    bucket.set(key, same);
  }

  /** The route for `destination` by longest-prefix match (lowest metric among equals), or undefined when none matches. */
  lookup(destination: string): Route | undefined {
    const address = parseIpv4(destination);
    // Longest first: the first bucket holding the masked destination is the answer.
    for (let length = 32; length >= 0; length--) {
      const routes = this.#byLength[length]!.get((address & prefixMask(length)) >>> 0);
      if (routes !== undefined) return routes[0];
    }
    return undefined;
  }

  /** Every route, in the order added. */
  get routes(): Route[] {
    return [...this.#routes];
  }
}
