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

/** The step-through's steps: one per hop, lighting the two hosts, the switch and both links. */
export function drSteps(walk: DrWalk): Step[] {
  return walk.hops.map((hop, i) => {
    const f = hop.fields;
    const what = [
      `The frame goes from \`${f.sourceMac}\` to \`${f.destinationMac}\`; the datagram from \`${f.sourceIp}\` to \`${f.destinationIp}\`, TTL ${f.ttl}.`,
      i === 0 ? `The datagram is the shopper's, from \`${DR.client.ip}\`. The router's neighbour entry for the VIP holds the director's MAC: only the director answers ARP for ${DR.vip}.` : '',
      hop.from === 'director' ? `Maglev put the flow \`${walk.flowKey}\` on ${walk.chosen}. Only the two MACs changed; the IP header, TTL included, is the shopper's.` : '',
      hop.from !== 'router' && hop.from !== 'director' ? `${hop.from} owns the VIP on its loopback, so it answers from \`${DR.vip}\`, through its default gateway, the router. The director never sees the reply.` : '',
    ].filter(Boolean).join(' ');
    return {
      title: `${i + 1}. ${DR_HOSTS[hop.from]!.label} → ${DR_HOSTS[hop.to]!.label}`,
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
