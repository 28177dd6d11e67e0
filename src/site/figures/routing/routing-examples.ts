/**
 * Build-time examples for the routing chapter, computed by the routing lab's
 * reference solution (labs/routing/solution): the real `route -n` table the
 * lab's tests read, in `ip route` form for the CIDR calculator, and a NAT
 * translation of the search request's datagram.
 */
import type { Locale } from '../../../course/locale.ts';
import { NatGateway } from '../../../../labs/routing/solution/nat.ts';
import { decodeIpv4Header } from '../../../../labs/routing/given/ipv4.ts';
import { parseRouteN } from '../../../../labs/routing/solution/route-n.ts';
import { RoutingTable } from '../../../../labs/routing/solution/routing-table.ts';
import { encapsulateHttpRequest } from '../../../../labs/layers/solution/encapsulate.ts';
import { REAL_ROUTE_N } from '../../../../labs/routing/tests/fixtures/real-bytes.ts';
import { SEARCH_REQUEST } from '../layers/layers-frame.ts';
import type { Route } from '../../../../labs/routing/given/route-types.ts';
import type { Localized } from '../../../course/locale.ts';

/** `route -n` as net-tools printed it in a Linux network namespace: the routing lab's captured fixture. */
export const ROUTE_N_EXAMPLE = REAL_ROUTE_N;

/** The example table's routes, read by the lab's parser. */
export function exampleRoutes(): Route[] {
  return parseRouteN(ROUTE_N_EXAMPLE);
}

/** The same table as `ip route` prints it (one route a line, `default` for /0, no /32 on a host route), for the calculator's text box. */
export function exampleTableAsIpRoute(): string {
  return exampleRoutes()
    .map((r) => {
      const destination = r.prefixLength === 0 ? 'default' : r.prefixLength === 32 ? r.prefix : `${r.prefix}/${r.prefixLength}`;
      return [destination, r.nextHop ? `via ${r.nextHop}` : '', `dev ${r.interface}`, r.metric ? `metric ${r.metric}` : ''].filter(Boolean).join(' ');
    })
    .join('\n');
}

/** Addresses worth trying against the example table, each with what it shows. */
export const CIDR_EXAMPLE_ADDRESSES: readonly { address: string; shows: Localized }[] = [
  { address: '10.20.30.40', shows: { en: 'three prefixes match; /24 wins', 'zh-cn': '三个前缀匹配，/24 胜出' } },
  { address: '10.20.99.1', shows: { en: '/16 beats /8', 'zh-cn': '/16 胜过 /8' } },
  { address: '10.99.0.1', shows: { en: 'only /8 and default', 'zh-cn': '只有 /8 和默认路由' } },
  { address: '203.0.113.7', shows: { en: 'a /32 host route', 'zh-cn': '一条 /32 主机路由' } },
  { address: '8.8.8.8', shows: { en: 'two defaults: metric decides', 'zh-cn': '两条默认路由：由度量值决定' } },
];

/** What longest-prefix match picks in the example table for an address, by the lab's RoutingTable. */
export function exampleLookup(address: string): Route | undefined {
  const table = new RoutingTable();
  exampleRoutes().forEach((r) => table.addRoute(r));
  return table.lookup(address);
}

/** One direction through the NAT: the datagram's addresses and ports, and its checksums, before and after. */
export interface NatRow {
  direction: 'outbound' | 'inbound';
  before: NatFlow;
  after: NatFlow;
}

/** The parts of a TCP/IPv4 datagram a NAT rewrites. */
export interface NatFlow {
  sourceIp: string;
  sourcePort: string;
  destinationIp: string;
  destinationPort: string;
  ipChecksum: string;
  tcpChecksum: string;
}

/** The rows of the chapter's NAT tables, per page language: a label and the NatFlow field it shows. */
export const NAT_FIELD_WORDS: Record<Locale, readonly (readonly [string, keyof NatFlow])[]> = {
  en: [
    ['Source address', 'sourceIp'],
    ['Source port', 'sourcePort'],
    ['Destination address', 'destinationIp'],
    ['Destination port', 'destinationPort'],
    ['IP checksum', 'ipChecksum'],
    ['TCP checksum', 'tcpChecksum'],
  ],
  'zh-cn': [
    ['源地址', 'sourceIp'],
    ['源端口', 'sourcePort'],
    ['目的地址', 'destinationIp'],
    ['目的端口', 'destinationPort'],
    ['IP 校验和', 'ipChecksum'],
    ['TCP 校验和', 'tcpChecksum'],
  ],
};

/** The English rows (the English chapter's tables). */
export const NAT_FIELDS = NAT_FIELD_WORDS.en;

/** The gateway's public address in the chapter's example (its outside interface in the hop-by-hop network). */
export const NAT_PUBLIC_IP = '192.0.2.1';
/** The inside address of the client in the NAT example (RFC 1918 space). */
export const NAT_INSIDE_IP = '192.168.1.23';

/**
 * The search request from a client on a private network, through the lab's
 * NatGateway on the way out, and the server's reply on the way back in.
 */
export function natExample(): { rows: NatRow[]; publicPort: number } {
  const nat = new NatGateway({ publicIp: NAT_PUBLIC_IP });
  const common = { request: SEARCH_REQUEST, sourceMac: '02:00:00:00:01:00', destinationMac: '02:00:00:00:02:00', identification: 0x2f1c };
  const request = encapsulateHttpRequest({
    ...common,
    sourceIp: NAT_INSIDE_IP,
    destinationIp: '203.0.113.10',
    sourcePort: 54140,
    destinationPort: 80,
    sequenceNumber: 1815706348,
    acknowledgmentNumber: 2732696339,
  }).slice(14);
  const out = nat.outbound(request);
  if (out === undefined) throw new Error('natExample: the NAT dropped the request');
  const publicPort = nat.mappings[0]!.publicPort;
  // The server answers the address and port it saw.
  const reply = encapsulateHttpRequest({
    ...common,
    request: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
    sourceIp: '203.0.113.10',
    destinationIp: NAT_PUBLIC_IP,
    sourcePort: 80,
    destinationPort: publicPort,
    sequenceNumber: 2732696339,
    acknowledgmentNumber: 1815706348 + SEARCH_REQUEST.length,
  }).slice(14);
  const back = nat.inbound(reply);
  if (back === undefined) throw new Error('natExample: the NAT dropped the reply');
  return {
    rows: [
      { direction: 'outbound', before: flow(request), after: flow(out) },
      { direction: 'inbound', before: flow(reply), after: flow(back) },
    ],
    publicPort,
  };
}

function flow(datagram: Uint8Array): NatFlow {
  const header = decodeIpv4Header(datagram);
  const at = header.headerLength;
  const port = (offset: number) => (datagram[at + offset]! << 8) | datagram[at + offset + 1]!;
  const hex = (value: number) => `0x${value.toString(16).padStart(4, '0')}`;
  return {
    sourceIp: header.source,
    sourcePort: String(port(0)),
    destinationIp: header.destination,
    destinationPort: String(port(2)),
    ipChecksum: hex(header.checksum),
    tcpChecksum: hex(port(16)),
  };
}
