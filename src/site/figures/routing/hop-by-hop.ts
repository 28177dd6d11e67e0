/**
 * The routing chapter's hop-by-hop view, generated at build time: a netsim
 * network (client → home gateway → ISP router → data-centre router → server)
 * whose devices run the routing lab's reference NetworkInterface, RoutingTable
 * and Router (labs/routing/solution), carries one datagram — the search
 * request of chapter 1, built by the layers lab's solution. The trace is then
 * read back link by link: the ARP exchange each sender needed, and the
 * frame's MACs, IPs, TTL and header checksum. Nothing here is typed in by
 * hand except the network itself.
 */
import { topology, type DeviceBehaviour, type DeviceContext, type TraceRecord } from '../../../netsim/index.ts';
import { decodeArp } from '../../../../labs/routing/solution/arp-message.ts';
import { decodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../../../../labs/routing/given/ethernet.ts';
import { decodeIpv4Header } from '../../../../labs/routing/given/ipv4.ts';
import { NetworkInterface } from '../../../../labs/routing/solution/network-interface.ts';
import { Router } from '../../../../labs/routing/solution/router.ts';
import { RoutingTable } from '../../../../labs/routing/solution/routing-table.ts';
import { encapsulateHttpRequest } from '../../../../labs/layers/solution/encapsulate.ts';
import { SEARCH_REQUEST } from '../layers/layers-frame.ts';
import type { Step } from '../../components/step-through.ts';
import type { ArpMessage } from '../../../../labs/routing/given/arp-types.ts';
import type { Route } from '../../../../labs/routing/given/route-types.ts';

/** One interface of a device in the journey. */
export interface HopInterface {
  name: string;
  mac: string;
  ipv4: string;
  prefixLength: number;
}

/** A device in the journey, in path order. */
export interface HopDevice {
  /** netsim device name, also the diagram's `data-part` id. */
  id: string;
  /** What the chapter calls it, as a heading: "ISP router". */
  label: string;
  /** The same in running text, after "the": "ISP router", "home gateway". */
  noun: string;
  kind: 'host' | 'router';
  interfaces: HopInterface[];
  /** Its routing table, as `ip route` would list it. */
  routes: Route[];
}

/** A link between two neighbouring devices. */
export interface HopLink {
  /** netsim link name, also the diagram's `data-part` id. */
  id: string;
  /** What the chapter calls it. */
  label: string;
  /** The subnet both ends are on, e.g. "192.0.2.0/30". */
  subnet: string;
  delayMs: number;
  from: { device: string; iface: string };
  to: { device: string; iface: string };
}

/** The header fields a hop-by-hop table shows, in display order. */
export const HOP_FIELDS = ['dstMac', 'srcMac', 'srcIp', 'dstIp', 'ttl', 'checksum'] as const;
export type HopField = (typeof HOP_FIELDS)[number];

/** What each field is called in the table. */
export const HOP_FIELD_LABELS: Readonly<Record<HopField, string>> = {
  dstMac: 'Ethernet destination',
  srcMac: 'Ethernet source',
  srcIp: 'IPv4 source',
  dstIp: 'IPv4 destination',
  ttl: 'IPv4 TTL',
  checksum: 'IPv4 header checksum',
};

/** The search request's frame on one link, as the trace recorded it. */
export interface HopFrame extends Record<HopField, string> {
  /** Virtual time the frame was put on the link, ms. */
  sentAt: number;
  /** Bytes on the wire (without preamble and FCS, as a capture shows them). */
  length: number;
}

/** One ARP request and the reply it got, on one link. */
export interface ArpExchange {
  request: ArpMessage & { ethernetDestination: string; sentAt: number };
  reply: ArpMessage & { ethernetDestination: string; sentAt: number };
}

/** What happened on one link. */
export interface HopStep {
  link: HopLink;
  /** The route the sender chose for the destination (longest-prefix match in its own table). */
  route: Route;
  /** The IPv4 address the sender had to reach on this link: the route's gateway, or the destination itself. */
  nextHop: string;
  /** The ARP exchange that found the next hop's MAC, when the sender did not have it cached. */
  arp: ArpExchange | undefined;
  frame: HopFrame;
  /** Fields that differ from the frame on the previous link (none on the first). */
  changed: HopField[];
}

/** Everything the HopByHop component draws. */
export interface HopJourney {
  devices: HopDevice[];
  links: HopLink[];
  steps: HopStep[];
  /** The datagram as the server's IP layer received it. */
  delivered: HopFrame;
  /** The trace, one line per frame event, for anyone who wants to check. */
  transcript: string;
}


/**
 * The network, in path order. Addresses are documentation blocks (RFC 5737);
 * router-to-router links are /30s, two usable addresses each. MACs are locally
 * administered (second-lowest bit of the first byte set, as in 02:…), the fifth
 * byte numbering the device and the sixth its interface.
 */
const DEVICES: readonly (Omit<HopDevice, 'routes'> & { routes: readonly (Omit<Route, 'metric'>)[] })[] = [
  {
    id: 'client',
    label: 'Client',
    noun: 'client',
    kind: 'host',
    interfaces: [{ name: 'eth0', mac: '02:00:00:00:01:00', ipv4: '198.51.100.23', prefixLength: 24 }],
    routes: [
      { prefix: '198.51.100.0', prefixLength: 24, interface: 'eth0' },
      { prefix: '0.0.0.0', prefixLength: 0, nextHop: '198.51.100.1', interface: 'eth0' },
    ],
  },
  {
    id: 'gateway',
    label: 'Home gateway',
    noun: 'home gateway',
    kind: 'router',
    interfaces: [
      { name: 'eth0', mac: '02:00:00:00:02:00', ipv4: '198.51.100.1', prefixLength: 24 },
      { name: 'eth1', mac: '02:00:00:00:02:01', ipv4: '192.0.2.1', prefixLength: 30 },
    ],
    routes: [
      { prefix: '198.51.100.0', prefixLength: 24, interface: 'eth0' },
      { prefix: '192.0.2.0', prefixLength: 30, interface: 'eth1' },
      { prefix: '0.0.0.0', prefixLength: 0, nextHop: '192.0.2.2', interface: 'eth1' },
    ],
  },
  {
    id: 'isp',
    label: 'ISP router',
    noun: 'ISP router',
    kind: 'router',
    interfaces: [
      { name: 'eth0', mac: '02:00:00:00:03:00', ipv4: '192.0.2.2', prefixLength: 30 },
      { name: 'eth1', mac: '02:00:00:00:03:01', ipv4: '192.0.2.5', prefixLength: 30 },
    ],
    routes: [
      { prefix: '192.0.2.0', prefixLength: 30, interface: 'eth0' },
      { prefix: '192.0.2.4', prefixLength: 30, interface: 'eth1' },
      { prefix: '198.51.100.0', prefixLength: 24, nextHop: '192.0.2.1', interface: 'eth0' },
      { prefix: '203.0.113.0', prefixLength: 24, nextHop: '192.0.2.6', interface: 'eth1' },
    ],
  },
  {
    id: 'datacenter',
    label: 'Data-centre router',
    noun: 'data-centre router',
    kind: 'router',
    interfaces: [
      { name: 'eth0', mac: '02:00:00:00:04:00', ipv4: '192.0.2.6', prefixLength: 30 },
      { name: 'eth1', mac: '02:00:00:00:04:01', ipv4: '203.0.113.1', prefixLength: 24 },
    ],
    routes: [
      { prefix: '192.0.2.4', prefixLength: 30, interface: 'eth0' },
      { prefix: '203.0.113.0', prefixLength: 24, interface: 'eth1' },
      { prefix: '0.0.0.0', prefixLength: 0, nextHop: '192.0.2.5', interface: 'eth0' },
    ],
  },
  {
    id: 'server',
    label: 'Server',
    noun: 'server',
    kind: 'host',
    interfaces: [{ name: 'eth0', mac: '02:00:00:00:05:00', ipv4: '203.0.113.10', prefixLength: 24 }],
    routes: [
      { prefix: '203.0.113.0', prefixLength: 24, interface: 'eth0' },
      { prefix: '0.0.0.0', prefixLength: 0, nextHop: '203.0.113.1', interface: 'eth0' },
    ],
  },
];

/** The links, in path order; one-way delays are plausible, not measured. */
const LINKS: readonly HopLink[] = [
  { id: 'lan', label: 'Home network (Wi-Fi)', subnet: '198.51.100.0/24', delayMs: 2, from: { device: 'client', iface: 'eth0' }, to: { device: 'gateway', iface: 'eth0' } },
  { id: 'access', label: 'Access link to the ISP', subnet: '192.0.2.0/30', delayMs: 6, from: { device: 'gateway', iface: 'eth1' }, to: { device: 'isp', iface: 'eth0' } },
  { id: 'transit', label: 'Across the internet', subnet: '192.0.2.4/30', delayMs: 15, from: { device: 'isp', iface: 'eth1' }, to: { device: 'datacenter', iface: 'eth0' } },
  { id: 'dc', label: 'Data-centre network', subnet: '203.0.113.0/24', delayMs: 0.1, from: { device: 'datacenter', iface: 'eth1' }, to: { device: 'server', iface: 'eth0' } },
];

/** The seed of the simulation (nothing in it is random: the links are lossless; kept for replay all the same). */
export const HOP_SEED = 4;

/** Runs the simulation and reads the journey out of its trace. Deterministic: the same result every build. */
export function runHopByHop(): HopJourney {
  const client = DEVICES[0]!;
  const server = DEVICES.at(-1)!;
  const devices: HopDevice[] = DEVICES.map((d) => ({ ...d, interfaces: d.interfaces.map((i) => ({ ...i })), routes: d.routes.map((r) => ({ ...r })) }));

  // The datagram: the layers lab's frame for the search request, minus its 14-byte Ethernet header.
  const datagram = encapsulateHttpRequest({
    request: SEARCH_REQUEST,
    sourceMac: client.interfaces[0]!.mac,
    destinationMac: DEVICES[1]!.interfaces[0]!.mac,
    sourceIp: client.interfaces[0]!.ipv4,
    destinationIp: server.interfaces[0]!.ipv4,
    sourcePort: 54140,
    destinationPort: 80,
    sequenceNumber: 1815706348,
    acknowledgmentNumber: 2732696339,
    identification: 0x2f1c,
  }).slice(14);

  const net = topology({ seed: HOP_SEED });
  const received: Uint8Array[] = [];
  for (const spec of devices) {
    const interfaces = Object.fromEntries(spec.interfaces.map((i) => [i.name, { mac: i.mac, ipv4: `${i.ipv4}/${i.prefixLength}` }]));
    const behaviour = spec.kind === 'router' ? routerBehaviour(spec) : hostBehaviour(spec, spec.id === client.id ? [datagram] : [], received);
    if (spec.kind === 'router') net.router(spec.id, { interfaces, behaviour });
    else net.host(spec.id, { interfaces, behaviour });
  }
  for (const link of LINKS) {
    net.link(`${link.from.device}:${link.from.iface}`, `${link.to.device}:${link.to.iface}`, { name: link.id, delayMs: link.delayMs, bandwidthBps: 100e6 });
  }
  net.run({ maxEvents: 10_000 });

  const sent = net.sim.trace.select({ event: 'sent' });
  const steps: HopStep[] = [];
  for (const link of LINKS) {
    const records = sent.filter((r) => r.link === link.id && r.from.device === link.from.device);
    const replies = sent.filter((r) => r.link === link.id && r.from.device === link.to.device);
    const ipFrame = records.find((r) => decodeEthernet(r.bytes.slice()).etherType === ETHERTYPE_IPV4);
    if (ipFrame === undefined) throw new Error(`hop-by-hop: no IPv4 frame crossed link "${link.id}"; trace:\n${net.sim.trace.format()}`);
    const sender = devices.find((d) => d.id === link.from.device)!;
    const frame = readFrame(ipFrame);
    const route = new RoutingTable();
    sender.routes.forEach((r) => route.addRoute(r));
    const chosen = route.lookup(frame.dstIp)!;
    const previous = steps.at(-1)?.frame;
    steps.push({
      link,
      route: chosen,
      nextHop: chosen.nextHop ?? frame.dstIp,
      arp: readArp(records, replies),
      frame,
      changed: previous ? HOP_FIELDS.filter((f) => previous[f] !== frame[f]) : [],
    });
  }
  if (received.length !== 1) throw new Error(`hop-by-hop: the server received ${received.length} datagrams, expected 1; trace:\n${net.sim.trace.format()}`);
  const last = steps.at(-1)!.frame;
  const header = decodeIpv4Header(received[0]!);
  const delivered: HopFrame = { ...last, srcIp: header.source, dstIp: header.destination, ttl: String(header.ttl), checksum: hex4(header.checksum) };
  return { devices, links: [...LINKS], steps, delivered, transcript: net.sim.trace.format() };
}

/** A host: one interface and a routing table; it sends `outgoing` when the simulation starts and keeps what it receives. */
function hostBehaviour(spec: HopDevice, outgoing: Uint8Array[], received: Uint8Array[]): DeviceBehaviour {
  const [first] = spec.interfaces;
  const iface = new NetworkInterface({ name: first!.name, mac: first!.mac, ipv4: first!.ipv4 });
  const table = new RoutingTable();
  spec.routes.forEach((r) => table.addRoute(r));
  const clock = interfaceClock([iface]);
  return {
    start(ctx) {
      clock(ctx);
      for (const datagram of outgoing) {
        const destination = decodeIpv4Header(datagram).destination;
        const route = table.lookup(destination);
        if (route === undefined) throw new Error(`${spec.id}: no route to ${destination}`);
        iface.sendDatagram(datagram, route.nextHop ?? destination);
      }
      flush(ctx, iface);
    },
    onFrame(ctx, _name, frame) {
      clock(ctx);
      const datagram = iface.receiveFrame(frame);
      if (datagram !== undefined) received.push(datagram);
      flush(ctx, iface);
    },
  };
}

/** A router: the lab's Router with the device's interfaces and routes. */
function routerBehaviour(spec: HopDevice): DeviceBehaviour {
  const router = new Router();
  const interfaces = spec.interfaces.map((i) => new NetworkInterface({ name: i.name, mac: i.mac, ipv4: i.ipv4 }));
  interfaces.forEach((i) => router.addInterface(i));
  spec.routes.forEach((r) => router.addRoute(r));
  const clock = interfaceClock(interfaces);
  return {
    onFrame(ctx, name, frame) {
      clock(ctx);
      router.receiveFrame(name, frame);
      for (const iface of interfaces) flush(ctx, iface);
    },
  };
}

/** Moves the interfaces' own clocks (sans-I/O `tick`) up to the simulator's. */
function interfaceClock(interfaces: NetworkInterface[]): (ctx: DeviceContext) => void {
  let last = 0;
  return (ctx) => {
    const elapsed = ctx.now - last;
    last = ctx.now;
    if (elapsed > 0) interfaces.forEach((i) => i.tick(elapsed));
  };
}

/** Puts every frame the interface has queued on its link. */
function flush(ctx: DeviceContext, iface: NetworkInterface): void {
  for (const frame of iface.takeFrames()) ctx.send(iface.name, frame);
}

function readFrame(record: TraceRecord): HopFrame {
  const ethernet = decodeEthernet(record.bytes.slice());
  const ip = decodeIpv4Header(ethernet.payload);
  return {
    dstMac: ethernet.destination,
    srcMac: ethernet.source,
    srcIp: ip.source,
    dstIp: ip.destination,
    ttl: String(ip.ttl),
    checksum: hex4(ip.checksum),
    sentAt: record.time,
    length: record.length,
  };
}

/** The first ARP request the sender put on the link, and the reply that came back for it. */
function readArp(fromSender: TraceRecord[], fromReceiver: TraceRecord[]): ArpExchange | undefined {
  const arp = (records: TraceRecord[], operation: ArpMessage['operation']) =>
    records
      .map((r) => ({ record: r, ethernet: decodeEthernet(r.bytes.slice()) }))
      .filter((x) => x.ethernet.etherType === ETHERTYPE_ARP)
      .map((x) => ({ ...decodeArp(x.ethernet.payload).value, ethernetDestination: x.ethernet.destination, sentAt: x.record.time }))
      .find((m) => m.operation === operation);
  const request = arp(fromSender, 'request');
  const reply = arp(fromReceiver, 'reply');
  return request && reply ? { request, reply } : undefined;
}

function hex4(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

/** A route as `ip route` prints it: "default via 192.0.2.2 dev eth1", "203.0.113.0/24 dev eth1". */
export function formatRoute(route: Route): string {
  const destination = route.prefixLength === 0 ? 'default' : `${route.prefix}/${route.prefixLength}`;
  return route.nextHop ? `${destination} via ${route.nextHop} dev ${route.interface}` : `${destination} dev ${route.interface}`;
}

/** Milliseconds for a step's text: "8.0 ms". */
function ms(time: number): string {
  return `${time.toFixed(1)} ms`;
}

/**
 * The steps of the StepThrough: one per link, then the delivery. Each lights up
 * the link and its two devices (diagram parts named by their ids) and the
 * link's header table (`fields-<link id>`).
 */
export function hopSteps(journey: HopJourney): Step[] {
  const device = (id: string) => journey.devices.find((d) => d.id === id)!;
  const steps: Step[] = journey.steps.map((step, i) => {
    const from = device(step.link.from.device).label;
    const to = device(step.link.to.device).label;
    const toNoun = device(step.link.to.device).noun;
    const how = step.route.nextHop
      ? `its route \`${formatRoute(step.route)}\` (the longest prefix that matches ${step.frame.dstIp}) names the next hop ${step.nextHop}.`
      : `its route \`${formatRoute(step.route)}\` says ${step.frame.dstIp} is on this link: the next hop is the destination itself.`;
    const arp = step.arp
      ? ` It has no MAC for ${step.nextHop} yet, so it broadcasts an ARP request, and the ${toNoun} answers.`
      : ` Its ARP cache already has ${step.nextHop}.`;
    const ttl = i === 0 ? ` TTL ${step.frame.ttl}.` : ` The TTL is now ${step.frame.ttl}, so the header checksum was recomputed.`;
    return {
      title: `${from} → ${to}`,
      text: `${from}: ${how}${arp} At ${ms(step.frame.sentAt)} the frame leaves for \`${step.frame.dstMac}\`, from \`${step.frame.srcMac}\`.${ttl}`,
      active: [step.link.id, step.link.from.device, step.link.to.device, `fields-${step.link.id}`],
    };
  });
  const server = journey.devices.at(-1)!;
  const first = journey.steps[0]!.frame;
  steps.push({
    title: 'Delivered',
    text: `The frame's destination MAC is the ${server.noun}'s own and so is the destination IP, ${journey.delivered.dstIp}: its IP layer hands the segment to TCP, port 80. Across ${journey.steps.length} links the MACs changed ${journey.steps.length - 1} times, the IP addresses never, and the TTL went from ${first.ttl} to ${journey.delivered.ttl}: one for each router.`,
    active: [...journey.devices.map((d) => d.id), ...journey.links.map((l) => l.id), 'fields-summary'],
  });
  return steps;
}

/** Every `data-part` id the diagram has, for StepThrough's build-time check. */
export function hopParts(journey: HopJourney): string[] {
  return [...journey.devices.map((d) => d.id), ...journey.links.map((l) => l.id), ...journey.links.map((l) => `fields-${l.id}`), 'fields-summary'];
}

/** Where each box and line of the diagram goes (a vertical chain, which reads well on a phone). */
export const HOP_DIAGRAM = {
  width: 320,
  boxHeight: 44,
  gap: 34,
  margin: 6,
  /** Height of the whole drawing for `count` devices. */
  height(count: number): number {
    return 2 * this.margin + count * this.boxHeight + (count - 1) * this.gap;
  },
  /** Top of device `index`'s box. */
  top(index: number): number {
    return this.margin + index * (this.boxHeight + this.gap);
  },
} as const;
