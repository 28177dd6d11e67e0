/**
 * The load-balancing chapter's LVS direct-routing walk, generated at build
 * time: the lab's DR network (labs/lb/tests/fixtures/dr-network.ts) with the
 * lab's reference DrDirector, scheduling by the reference Maglev table, runs
 * in netsim; its trace is read back into three hops — router to director,
 * director to real server, real server back to the router — with
 * each frame's MACs, IPs and TTL and what changed since the hop before.
 */
import type { TraceRecord } from '../../../netsim/index.ts';
import { fnv1a32 } from '../../../../labs/lb/given/hash.ts';
import { MaglevTable } from '../../../../labs/lb/solution/maglev.ts';
import { DR, drNetwork } from '../../../../labs/lb/tests/fixtures/dr-network.ts';
import { viewFrame } from '../../../../labs/lb/tests/fixtures/frames.ts';
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';

/** The fields the walk shows for each frame, in display order. */
export const DR_FIELDS = ['destinationMac', 'sourceMac', 'sourceIp', 'destinationIp', 'ttl'] as const;
export type DrField = (typeof DR_FIELDS)[number];

/** What each field is called in the table. */
export const DR_FIELD_LABELS: Readonly<Record<DrField, string>> = {
  destinationMac: 'Ethernet destination',
  sourceMac: 'Ethernet source',
  sourceIp: 'IPv4 source',
  destinationIp: 'IPv4 destination',
  ttl: 'IPv4 TTL',
};

/** One frame's trip from a host, through the switch, to another host. */
export interface DrHop {
  from: string;
  to: string;
  /** Virtual time it left the sender, ms. */
  sentAt: number;
  fields: Record<DrField, string>;
  /** Fields that differ from the hop before (none on the first). */
  changed: DrField[];
  /** The two netsim links it crossed, sender's first. */
  links: [string, string];
}

/** The run the chapter shows. */
export interface DrWalk {
  /** The real server Maglev chose for the client's flow. */
  chosen: string;
  flowKey: string;
  hops: DrHop[];
  /** How many frames the director sent back toward the router (none: replies bypass it). */
  repliesThroughDirector: number;
}

const HOST_MACS: Record<string, string> = {
  router: DR.router.mac,
  director: DR.director.mac,
  ...Object.fromEntries(DR.servers.map((s) => [s.name, s.mac])),
};

/** The shopper's port for the walk's connection. */
export const DR_CLIENT_PORT = 40_000;

/** Runs the network with the reference director and reads the three hops out of the trace. */
export function runDrWalk(): DrWalk {
  const table = new MaglevTable(DR.servers.map((s) => s.name), 251);
  const flowKey = `6 ${DR.client.ip}:${DR_CLIENT_PORT}`;
  const network = drNetwork((key: string) => table.lookup(fnv1a32(key)), [{ at: 5, sourcePort: DR_CLIENT_PORT, payload: 'SYN' }]);
  const sent = network.run().filter((r) => viewFrame(r.bytes).etherType === 0x0800);
  const fromHosts = sent.filter((r) => r.from.device !== 'switch');
  const hops: DrHop[] = [];
  for (const record of fromHosts) {
    const v = viewFrame(record.bytes);
    const name = Object.entries(HOST_MACS).find(([, mac]) => mac === v.destinationMac)?.[0];
    const onward = sent.find((r: TraceRecord) => r.from.device === 'switch' && r.to.device === name && r.time >= record.time);
    if (name === undefined || onward === undefined) throw new Error(`dr-walk: a frame from ${record.from.device} reached no host: ${v.destinationMac}`);
    const fields: Record<DrField, string> = {
      destinationMac: v.destinationMac,
      sourceMac: v.sourceMac,
      sourceIp: `${v.sourceIp}:${v.sourcePort}`,
      destinationIp: `${v.destinationIp}:${v.destinationPort}`,
      ttl: String(v.ttl),
    };
    const before = hops.at(-1);
    hops.push({
      from: record.from.device,
      to: name,
      sentAt: record.time,
      fields,
      changed: before === undefined ? [] : DR_FIELDS.filter((f) => before.fields[f] !== fields[f]),
      links: [record.link, onward.link],
    });
  }
  return {
    chosen: table.lookup(fnv1a32(flowKey)),
    flowKey,
    hops,
    repliesThroughDirector: sent.filter((r) => r.from.device === 'director' && viewFrame(r.bytes).destinationMac === DR.router.mac).length,
  };
}

/** Labels of the hosts, as the diagram and the steps name them. */
export const DR_HOSTS: Readonly<Record<string, { label: string; lines: string[] }>> = {
  router: { label: 'Data-centre router', lines: [DR.router.ip] },
  director: { label: 'Director', lines: [DR.director.ip, `VIP ${DR.vip}`] },
  ...Object.fromEntries(DR.servers.map((s) => [s.name, { label: s.name, lines: [s.ip, 'VIP on lo'] }])),
};

/** The walk's words in one language. */
export interface DrWords {
  label: string;
  scroll: string;
  title: string;
  desc: (vip: string) => string;
  hosts: Record<'router' | 'director', string>;
  vipOnLo: string;
  switch: string;
  oneLan: string;
  hop: (n: number) => string;
  hopTitle: (n: number, from: string, to: string, ms: string) => string;
  caption: (n: number) => string;
  field: string;
  onThisHop: string;
  changed: string;
  fields: Record<DrField, string>;
  frame: (f: Record<DrField, string | number>) => string;
  first: (client: string, vip: string) => string;
  director: (flow: string, chosen: string) => string;
  reply: (server: string, vip: string) => string;
  join: string;
}

export const DR_WORDS: Record<Locale, DrWords> = {
  en: {
    label: 'A SYN to the virtual IP, through an LVS director in direct-routing mode',
    scroll: 'The direct-routing network (scrolls sideways on a narrow screen)',
    title: 'An LVS direct-routing network',
    desc: (vip) => `The data-centre router, the director and three real servers, rs1 to rs3, all on one switch. The virtual IP ${vip} is on the director and on each real server's loopback.`,
    hosts: { router: DR_HOSTS.router!.label, director: DR_HOSTS.director!.label },
    vipOnLo: 'VIP on lo',
    switch: 'Switch',
    oneLan: 'one LAN',
    hop: (n) => `Hop ${n}: headers`,
    hopTitle: (n, from, to, ms) => `Hop ${n}: ${from} → ${to}, at ${ms} ms`,
    caption: (n) => `The frame's headers on hop ${n}`,
    field: 'Field',
    onThisHop: 'On this hop',
    changed: 'changed',
    fields: DR_FIELD_LABELS,
    frame: (f) => `The frame goes from \`${f.sourceMac}\` to \`${f.destinationMac}\`; the datagram from \`${f.sourceIp}\` to \`${f.destinationIp}\`, TTL ${f.ttl}.`,
    first: (client, vip) => `The datagram is the shopper's, from \`${client}\`. The router's neighbour entry for the VIP holds the director's MAC: only the director answers ARP for ${vip}.`,
    director: (flow, chosen) => `Maglev put the flow \`${flow}\` on ${chosen}. Only the two MACs changed; the IP header, TTL included, is the shopper's.`,
    reply: (server, vip) => `${server} owns the VIP on its loopback, so it answers from \`${vip}\`, through its default gateway, the router. The director never sees the reply.`,
    join: ' ',
  },
  'zh-cn': {
    label: '一个发往虚拟 IP 的 SYN，经过直接路由（DR）模式的 LVS 调度器',
    scroll: '直接路由网络（窄屏上可横向滚动）',
    title: '一个 LVS 直接路由网络',
    desc: (vip) => `数据中心路由器、调度器和三台真实服务器 rs1 到 rs3，全部接在同一台交换机上。虚拟 IP ${vip} 配置在调度器上，也配置在每台真实服务器的回环接口上。`,
    hosts: { router: '数据中心路由器', director: '调度器' },
    vipOnLo: 'VIP 在 lo 上',
    switch: '交换机',
    oneLan: '同一个局域网',
    hop: (n) => `第 ${n} 跳：首部`,
    hopTitle: (n, from, to, ms) => `第 ${n} 跳：${from} → ${to}，${ms} 毫秒时`,
    caption: (n) => `第 ${n} 跳上帧的首部`,
    field: '字段',
    onThisHop: '这一跳上',
    changed: '已改变',
    fields: { destinationMac: '以太网目的地址', sourceMac: '以太网源地址', sourceIp: 'IPv4 源地址', destinationIp: 'IPv4 目的地址', ttl: 'IPv4 TTL' },
    frame: (f) => `帧从 \`${f.sourceMac}\` 发往 \`${f.destinationMac}\`；数据报从 \`${f.sourceIp}\` 发往 \`${f.destinationIp}\`，TTL ${f.ttl}。`,
    first: (client, vip) => `这个数据报是购物者的，来自 \`${client}\`。路由器中 VIP 的邻居表项里是调度器的 MAC：只有调度器会应答 ${vip} 的 ARP。`,
    director: (flow, chosen) => `Maglev 把流 \`${flow}\` 分给了 ${chosen}。只有两个 MAC 地址变了；IP 首部（包括 TTL）仍是购物者发出时的样子。`,
    reply: (server, vip) => `${server} 在自己的回环接口上持有 VIP，所以它从 \`${vip}\` 作答，经由默认网关（路由器）发回。调度器根本看不到这个回复。`,
    join: '',
  },
};

/** A host's name in a language: the router and the director are named, the real servers go by their names. */
export function hostName(id: string, words: DrWords): string {
  return id === 'router' || id === 'director' ? words.hosts[id] : DR_HOSTS[id]!.label;
}

/** The step-through's steps in `locale`: one per hop, lighting the two hosts, the switch and both links. */
export function drSteps(walk: DrWalk, locale: Locale = 'en'): Step[] {
  const w = DR_WORDS[locale];
  return walk.hops.map((hop, i) => {
    const what = [
      w.frame(hop.fields),
      i === 0 ? w.first(DR.client.ip, DR.vip) : '',
      hop.from === 'director' ? w.director(walk.flowKey, walk.chosen) : '',
      hop.from !== 'router' && hop.from !== 'director' ? w.reply(hop.from, DR.vip) : '',
    ].filter(Boolean).join(w.join);
    return {
      title: `${i + 1}. ${hostName(hop.from, w)} → ${hostName(hop.to, w)}`,
      text: what,
      active: [hop.from, 'switch', hop.to, ...hop.links, `fields-${i}`],
    };
  });
}

/** Diagram geometry: three rows, the switch in the middle. */
export const DR_LAYOUT = {
  width: 420,
  height: 270,
  box: { width: 124, height: 58 },
  positions: {
    router: { x: 12, y: 10 },
    director: { x: 284, y: 10 },
    switch: { x: 148, y: 106 },
    rs1: { x: 12, y: 202 },
    rs2: { x: 148, y: 202 },
    rs3: { x: 284, y: 202 },
  } as Record<string, { x: number; y: number }>,
};

/** Every data-part id the diagram and its tables carry. */
export function drParts(walk: DrWalk): string[] {
  return [...Object.keys(DR_LAYOUT.positions), 'router-switch', 'director-switch', ...DR.servers.map((s) => `${s.name}-switch`), ...walk.hops.map((_, i) => `fields-${i}`)];
}
