/**
 * Reads the table that `route -n` (net-tools) prints:
 *
 *   Kernel IP routing table
 *   Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
 *   0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 eth0
 *
 * Flags: U up, G the route goes through the gateway, H the destination is a
 * host (a /32). Gateway 0.0.0.0 with no G means directly connected.
 */
import { isIpv4 } from '@impl/ipv4-address.ts';
import type { Route } from '@impl/route-types.ts';
import { maskToPrefixLength } from './cidr.ts';

/**
 * Turns `route -n` output into routes, in the order printed. Skips the title and
 * the column header; blank lines are ignored. The next hop is the Gateway column
 * when the flags include G, otherwise undefined (directly connected); the prefix
 * length comes from Genmask. Throws RangeError naming the line for a row that
 * does not have the eight columns or whose addresses or mask do not parse.
 */
export function parseRouteN(text: string): Route[] {
  throw new Error('TODO(routing-table): split into lines and each row into whitespace-separated columns; map Destination, Gateway (if G), Genmask, Metric and Iface to a Route');
}
