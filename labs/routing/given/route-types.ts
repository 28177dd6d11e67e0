/** Prefixes and routes as values: a CIDR block, its text form, and one routing-table entry. */

/** A prefix in text form: the network address and how many leading bits count. */
export interface Cidr {
  /** Dotted quad with every host bit zero, e.g. "10.0.0.0". */
  prefix: string;
  /** 0–32; 0 is the default route, 32 a single host. */
  prefixLength: number;
}

/** Formats a prefix as "10.0.0.0/8". */
export function formatCidr(cidr: Cidr): string {
  return `${cidr.prefix}/${cidr.prefixLength}`;
}

/** One row of the table, as `ip route` or `route -n` shows it. */
export interface Route {
  /** Network address, host bits zero: "10.0.0.0". */
  prefix: string;
  /** 0–32. */
  prefixLength: number;
  /** The gateway to hand the datagram to; undefined for a directly connected network (send to the destination itself). */
  nextHop?: string | undefined;
  /** Name of the interface to send through, e.g. "eth0". */
  interface: string;
  /** Preference among routes for the same prefix; lower wins. Default 0. */
  metric?: number;
}
