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
  const routes: Route[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const columns = line.trim().split(/\s+/);
    if (columns[0] === '' || line.trim().startsWith('Kernel IP routing table') || columns[0] === 'Destination') return;
    const [destination, gateway, genmask, flags, metric, , , iface] = columns;
    const where = `route -n line ${index + 1} ("${line.trim()}")`;
    if (columns.length !== 8 || iface === undefined) throw new RangeError(`${where}: expected 8 columns, got ${columns.length}`);
    if (!isIpv4(destination!) || !isIpv4(gateway!) || !isIpv4(genmask!)) throw new RangeError(`${where}: Destination, Gateway and Genmask must be IPv4 addresses`);
    if (!/^\d+$/.test(metric!)) throw new RangeError(`${where}: Metric must be a number`);
    let prefixLength: number;
    try {
      prefixLength = maskToPrefixLength(genmask!);
    } catch (error) {
      throw new RangeError(`${where}: ${(error as Error).message}`);
    }
    routes.push({
      prefix: destination!,
      prefixLength,
      nextHop: flags!.includes('G') ? gateway : undefined,
      interface: iface,
      metric: Number(metric),
    });
  });
  return routes;
}
