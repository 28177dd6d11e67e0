/** Routes as `ip route` prints them, for the routing piece's tables. */
import type { Route } from '../../labs/routing/given/route-types.ts';

/** "10.0.0.0/8 via 10.0.23.1 dev eth1" → a Route. */
export function parseRoute(text: string): Route {
  const match = /^(\S+)\/(\d+)(?: via (\S+))? dev (\S+)$/.exec(text);
  if (match === null) throw new Error(`route "${text}" is not "prefix/length [via gateway] dev iface"`);
  const [, prefix, length, nextHop, iface] = match as unknown as [string, string, string, string | undefined, string];
  return nextHop === undefined ? { prefix, prefixLength: Number(length), interface: iface } : { prefix, prefixLength: Number(length), nextHop, interface: iface };
}
