/**
 * The trip's network, as data: every device with its interfaces and routes,
 * and every link with its delay. Addresses are documentation and shared
 * blocks (RFC 5737, RFC 6598), the home network private (RFC 1918).
 *
 *   phone ─wifi─ home(NAT) ─ isp ─┬─ resolver            (the ISP's recursive resolver)
 *                                 ├─ edge                (the CDN's edge near the shopper)
 *                                 └─ core ─┬─ root, tld, auth   (the DNS hierarchy)
 *                                          └─ dcgw ─ switch ─ director (VIP), web1, web2, inventory
 */
import { topology, type Topology } from '../netsim/index.ts';

/** A device of the plan. */
export interface PlannedDevice {
  name: string;
  kind: 'host' | 'router';
  /** Interface name → "address/prefix". */
  interfaces: Readonly<Record<string, string>>;
  /** Routes as `ip route` prints them: "0.0.0.0/0 via 192.168.1.1 dev eth0". */
  routes: readonly string[];
}

/** A link of the plan between two "device:iface" ends. */
export interface PlannedLink {
  name: string;
  a: `${string}:${string}`;
  b: `${string}:${string}`;
  delayMs: number;
  loss?: number;
}

/** Addresses the services are reached at. */
export const ADDRESSES = {
  phone: '192.168.1.10',
  resolver: '198.51.100.2',
  edge: '198.51.100.6',
  root: '192.0.2.2',
  tld: '192.0.2.6',
  auth: '192.0.2.10',
  vip: '203.0.113.10',
  web1: '203.0.113.11',
  web2: '203.0.113.12',
  inventory: '203.0.113.20',
} as const;

/** An end host on one subnet, with its default gateway. */
const host = (name: string, cidr: string, gateway: string): PlannedDevice => ({
  name,
  kind: 'host',
  interfaces: { eth0: cidr },
  routes: [`${subnetOf(cidr)} dev eth0`, `0.0.0.0/0 via ${gateway} dev eth0`],
});

/** "192.0.2.6/30" → "192.0.2.4/30": the network an address/prefix is on. */
export function subnetOf(cidr: string): string {
  const [address, bits] = cidr.split('/') as [string, string];
  const value = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  const network = (value & mask) >>> 0;
  return `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 0xff).join('.')}/${bits}`;
}

/** Every device of the trip. */
export const DEVICES: readonly PlannedDevice[] = [
  host('phone', '192.168.1.10/24', '192.168.1.1'),
  {
    name: 'home',
    kind: 'router',
    interfaces: { eth0: '192.168.1.1/24', eth1: '100.64.0.2/30' },
    routes: ['192.168.1.0/24 dev eth0', '100.64.0.0/30 dev eth1', '0.0.0.0/0 via 100.64.0.1 dev eth1'],
  },
  {
    name: 'isp',
    kind: 'router',
    interfaces: { eth0: '100.64.0.1/30', eth1: '198.51.100.1/30', eth2: '198.51.100.5/30', eth3: '100.64.1.1/30' },
    routes: ['100.64.0.0/30 dev eth0', '198.51.100.0/30 dev eth1', '198.51.100.4/30 dev eth2', '100.64.1.0/30 dev eth3', '0.0.0.0/0 via 100.64.1.2 dev eth3'],
  },
  host('resolver', '198.51.100.2/30', '198.51.100.1'),
  host('edge', '198.51.100.6/30', '198.51.100.5'),
  {
    name: 'core',
    kind: 'router',
    interfaces: { eth0: '100.64.1.2/30', eth1: '192.0.2.1/30', eth2: '192.0.2.5/30', eth3: '192.0.2.9/30', eth4: '192.0.2.13/30' },
    routes: [
      '100.64.1.0/30 dev eth0',
      '192.0.2.0/30 dev eth1',
      '192.0.2.4/30 dev eth2',
      '192.0.2.8/30 dev eth3',
      '192.0.2.12/30 dev eth4',
      '100.64.0.0/30 via 100.64.1.1 dev eth0',
      '198.51.100.0/24 via 100.64.1.1 dev eth0',
      '203.0.113.0/24 via 192.0.2.14 dev eth4',
    ],
  },
  host('root', '192.0.2.2/30', '192.0.2.1'),
  host('tld', '192.0.2.6/30', '192.0.2.5'),
  host('auth', '192.0.2.10/30', '192.0.2.9'),
  {
    name: 'dcgw',
    kind: 'router',
    interfaces: { eth0: '192.0.2.14/30', eth1: '203.0.113.1/24' },
    routes: ['192.0.2.12/30 dev eth0', '203.0.113.0/24 dev eth1', '0.0.0.0/0 via 192.0.2.13 dev eth0'],
  },
  // The director owns the VIP on its interface, so it alone answers ARP for it; web1 and web2 hold it on loopback (LVS-DR).
  host('director', '203.0.113.10/24', '203.0.113.1'),
  host('web1', '203.0.113.11/24', '203.0.113.1'),
  host('web2', '203.0.113.12/24', '203.0.113.1'),
  host('inventory', '203.0.113.20/24', '203.0.113.1'),
];

/** The data centre's switch ports, in order: gateway, director, web1, web2, inventory. */
const DC_PORTS = ['dcgw:eth1', 'director:eth0', 'web1:eth0', 'web2:eth0', 'inventory:eth0'] as const;

/** Every link of the trip; the Wi-Fi link is the lossy one. */
export function plannedLinks(wifiLoss: number): PlannedLink[] {
  return [
    { name: 'wifi', a: 'phone:eth0', b: 'home:eth0', delayMs: 3, loss: wifiLoss },
    { name: 'access', a: 'home:eth1', b: 'isp:eth0', delayMs: 6 },
    { name: 'isp-resolver', a: 'isp:eth1', b: 'resolver:eth0', delayMs: 1 },
    { name: 'isp-edge', a: 'isp:eth2', b: 'edge:eth0', delayMs: 2 },
    { name: 'backbone', a: 'isp:eth3', b: 'core:eth0', delayMs: 12 },
    { name: 'core-root', a: 'core:eth1', b: 'root:eth0', delayMs: 15 },
    { name: 'core-tld', a: 'core:eth2', b: 'tld:eth0', delayMs: 10 },
    { name: 'core-auth', a: 'core:eth3', b: 'auth:eth0', delayMs: 8 },
    { name: 'core-dc', a: 'core:eth4', b: 'dcgw:eth0', delayMs: 5 },
    ...DC_PORTS.map((end, port): PlannedLink => ({ name: `dc-${end.split(':')[0]}`, a: end, b: `dcswitch:eth${port}`, delayMs: 0.05 })),
  ];
}

/** Builds the plan's devices (without behaviours), switch and links in a fresh simulator. */
export function buildNetwork(seed: number, wifiLoss: number): Topology {
  const net = topology({ seed });
  for (const device of DEVICES) net[device.kind](device.name, { interfaces: device.interfaces });
  net.switch('dcswitch', { ports: DC_PORTS.length });
  for (const link of plannedLinks(wifiLoss)) {
    net.link(link.a, link.b, { name: link.name, delayMs: link.delayMs, ...(link.loss ? { loss: link.loss } : {}) });
  }
  return net;
}
