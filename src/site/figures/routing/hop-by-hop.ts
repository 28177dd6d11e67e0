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
import type { Locale } from '../../../course/locale.ts';
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

/** The hop-by-hop walk's words in one language: the steps' sentences and the diagram's and tables' labels. */
export interface HopWords {
  ms: (time: number) => string;
  devices: Record<string, { label: string; noun: string }>;
  links: Record<string, string>;
  viaRoute: (route: string, dstIp: string, nextHop: string) => string;
  onLink: (route: string, dstIp: string) => string;
  arps: (nextHop: string, noun: string) => string;
  cached: (nextHop: string) => string;
  firstTtl: (ttl: string) => string;
  ttl: (ttl: string) => string;
  hop: (from: string, how: string, arp: string, at: string, dstMac: string, srcMac: string, ttl: string) => string;
  delivered: string;
  deliveredText: (noun: string, dstIp: string, links: number, changes: number, firstTtl: string, lastTtl: string) => string;
  label: string;
  title: string;
  desc: (devices: string) => string;
  then: string;
  router: string;
  host: string;
  linkHeaders: (n: number) => string;
  linkTitle: (n: number, from: string, to: string) => string;
  route: string;
  arpRequest: string;
  arpRequestText: (to: string, target: string, sender: string) => [string, string, string];
  arpReply: string;
  arpReplyText: (to: string, sender: string, mac: string) => [string, string, string];
  noArp: string;
  caption: (n: number) => string;
  field: string;
  onThisLink: string;
  changed: string;
  fields: Record<HopField, string>;
  allLinks: string;
  allLinksTitle: string;
  sameIps: [string, string, string];
  summaryRegion: string;
  summaryCaption: string;
  link: string;
}

export const HOP_WORDS: Record<Locale, HopWords> = {
  en: {
    ms: (time) => `${time.toFixed(1)} ms`,
    devices: Object.fromEntries(DEVICES.map((d) => [d.id, { label: d.label, noun: d.noun }])),
    links: Object.fromEntries(LINKS.map((l) => [l.id, l.label])),
    viaRoute: (route, dstIp, nextHop) => `its route \`${route}\` (the longest prefix that matches ${dstIp}) names the next hop ${nextHop}.`,
    onLink: (route, dstIp) => `its route \`${route}\` says ${dstIp} is on this link: the next hop is the destination itself.`,
    arps: (nextHop, noun) => ` It has no MAC for ${nextHop} yet, so it broadcasts an ARP request, and the ${noun} answers.`,
    cached: (nextHop) => ` Its ARP cache already has ${nextHop}.`,
    firstTtl: (ttl) => ` TTL ${ttl}.`,
    ttl: (ttl) => ` The TTL is now ${ttl}, so the header checksum was recomputed.`,
    hop: (from, how, arp, at, dstMac, srcMac, ttl) => `${from}: ${how}${arp} At ${at} the frame leaves for \`${dstMac}\`, from \`${srcMac}\`.${ttl}`,
    delivered: 'Delivered',
    deliveredText: (noun, dstIp, links, changes, firstTtl, lastTtl) =>
      `The frame's destination MAC is the ${noun}'s own and so is the destination IP, ${dstIp}: its IP layer hands the segment to TCP, port 80. Across ${links} links the MACs changed ${changes} times, the IP addresses never, and the TTL went from ${firstTtl} to ${lastTtl}: one for each router.`,
    label: 'One datagram from the client to the server, link by link',
    title: 'The path from the client to the server',
    desc: (devices) => `${devices}. Four links join them; the steps describe each one.`,
    then: ', then ',
    router: 'router',
    host: 'host',
    linkHeaders: (n) => `Link ${n}: headers`,
    linkTitle: (n, from, to) => `Link ${n}: ${from} → ${to}`,
    route: 'Route: ',
    arpRequest: 'ARP request',
    arpRequestText: (to, target, sender) => [' to ', to, `: who has ${target}? Tell ${sender}.`],
    arpReply: 'ARP reply',
    arpReplyText: (to, sender, mac) => [' to ', to, `: ${sender} is at ${mac}.`],
    noArp: 'No ARP: the MAC was cached.',
    caption: (n) => `The search request’s headers on link ${n}`,
    field: 'Field',
    onThisLink: 'On this link',
    changed: 'changed',
    fields: HOP_FIELD_LABELS,
    allLinks: 'All links compared',
    allLinksTitle: 'All four links, side by side',
    sameIps: ['IPv4 source ', ' and destination ', ' on every link.'],
    summaryRegion: 'Ethernet addresses and TTL on each link (scrolls sideways)',
    summaryCaption: 'Ethernet addresses and TTL on each link',
    link: 'Link',
  },
  'zh-cn': {
    ms: (time) => `${time.toFixed(1)} 毫秒`,
    devices: {
      client: { label: '客户端', noun: '客户端' },
      gateway: { label: '家庭网关', noun: '家庭网关' },
      isp: { label: 'ISP 路由器', noun: 'ISP 路由器' },
      datacenter: { label: '数据中心路由器', noun: '数据中心路由器' },
      server: { label: '服务器', noun: '服务器' },
    },
    links: { lan: '家庭网络（Wi-Fi）', access: '到 ISP 的接入链路', transit: '穿越互联网', dc: '数据中心网络' },
    viaRoute: (route, dstIp, nextHop) => `它的路由 \`${route}\`（与 ${dstIp} 匹配的最长前缀）指明下一跳是 ${nextHop}。`,
    onLink: (route, dstIp) => `它的路由 \`${route}\` 表明 ${dstIp} 就在这条链路上：下一跳就是目的地址本身。`,
    arps: (nextHop, noun) => `它还没有 ${nextHop} 的 MAC 地址，于是广播一个 ARP 请求，${noun}作答。`,
    cached: (nextHop) => `它的 ARP 缓存里已经有 ${nextHop}。`,
    firstTtl: (ttl) => `TTL 为 ${ttl}。`,
    ttl: (ttl) => `TTL 现在是 ${ttl}，所以首部校验和重新计算过。`,
    hop: (from, how, arp, at, dstMac, srcMac, ttl) => `${from}：${how}${arp}${at}时，帧从 \`${srcMac}\` 发往 \`${dstMac}\`。${ttl}`,
    delivered: '送达',
    deliveredText: (noun, dstIp, links, changes, firstTtl, lastTtl) =>
      `帧的目的 MAC 是${noun}自己的，目的 IP ${dstIp} 也是：它的 IP 层把报文段交给 TCP 的 80 端口。经过 ${links} 条链路，MAC 地址换了 ${changes} 次，IP 地址一次也没变，TTL 从 ${firstTtl} 变成 ${lastTtl}：每经过一台路由器减一。`,
    label: '一个数据报从客户端到服务器，逐条链路展开',
    title: '从客户端到服务器的路径',
    desc: (devices) => `${devices}。四条链路把它们连起来；各个步骤逐一说明每条链路。`,
    then: '，然后是 ',
    router: '路由器',
    host: '主机',
    linkHeaders: (n) => `链路 ${n}：首部`,
    linkTitle: (n, from, to) => `链路 ${n}：${from} → ${to}`,
    route: '路由：',
    arpRequest: 'ARP 请求',
    arpRequestText: (to, target, sender) => ['，发往 ', to, `：谁是 ${target}？请告诉 ${sender}。`],
    arpReply: 'ARP 应答',
    arpReplyText: (to, sender, mac) => ['，发往 ', to, `：${sender} 在 ${mac}。`],
    noArp: '没有 ARP：MAC 地址已在缓存中。',
    caption: (n) => `链路 ${n} 上搜索请求的首部`,
    field: '字段',
    onThisLink: '这条链路上',
    changed: '已改变',
    fields: { dstMac: '以太网目的地址', srcMac: '以太网源地址', srcIp: 'IPv4 源地址', dstIp: 'IPv4 目的地址', ttl: 'IPv4 TTL', checksum: 'IPv4 首部校验和' },
    allLinks: '所有链路对比',
    allLinksTitle: '四条链路并排对比',
    sameIps: ['每条链路上 IPv4 源地址都是 ', '，目的地址都是 ', '。'],
    summaryRegion: '每条链路上的以太网地址和 TTL（可横向滚动）',
    summaryCaption: '每条链路上的以太网地址和 TTL',
    link: '链路',
  },
};

/**
 * The steps of the StepThrough, in `locale`: one per link, then the delivery.
 * Each lights up the link and its two devices (diagram parts named by their
 * ids) and the link's header table (`fields-<link id>`).
 */
export function hopSteps(journey: HopJourney, locale: Locale = 'en'): Step[] {
  const w = HOP_WORDS[locale];
  const steps: Step[] = journey.steps.map((step, i) => {
    const from = w.devices[step.link.from.device]!.label;
    const to = w.devices[step.link.to.device]!.label;
    const route = formatRoute(step.route);
    const how = step.route.nextHop ? w.viaRoute(route, step.frame.dstIp, step.nextHop) : w.onLink(route, step.frame.dstIp);
    const arp = step.arp ? w.arps(step.nextHop, w.devices[step.link.to.device]!.noun) : w.cached(step.nextHop);
    const ttl = i === 0 ? w.firstTtl(step.frame.ttl) : w.ttl(step.frame.ttl);
    return {
      title: `${from} → ${to}`,
      text: w.hop(from, how, arp, w.ms(step.frame.sentAt), step.frame.dstMac, step.frame.srcMac, ttl),
      active: [step.link.id, step.link.from.device, step.link.to.device, `fields-${step.link.id}`],
    };
  });
  const server = journey.devices.at(-1)!;
  const first = journey.steps[0]!.frame;
  steps.push({
    title: w.delivered,
    text: w.deliveredText(w.devices[server.id]!.noun, journey.delivered.dstIp, journey.steps.length, journey.steps.length - 1, first.ttl, journey.delivered.ttl),
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
