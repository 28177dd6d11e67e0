/**
 * The trace read back as timeline steps: each frame a device put on a link
 * (or a link lost), in words, and at every router what changed between the
 * frame that came in and the one that went out (MACs rewritten, TTL down by
 * one, a NAT's new source). Decoded with the routing lab's given header
 * readers, never with a piece, so a broken piece cannot hide its own mistake.
 */
import { decodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../../labs/routing/given/ethernet.ts';
import { decodeIpv4Header, PROTOCOL_TCP, PROTOCOL_UDP } from '../../labs/routing/given/ipv4.ts';
import type { TraceRecord } from '../netsim/index.ts';
import { simTime, type JourneyEvent, type Layer } from './timeline.ts';

/** The fields of a frame a hop can change. */
export interface FrameView {
  srcMac: string;
  dstMac: string;
  summary: string;
  layer: Layer;
  /** A TCP segment that occupies sequence space (SYN, FIN or data): sent again, it is a retransmission. */
  occupiesSequence?: boolean;
  ip?: { id: number; protocol: number; ttl: number; source: string; destination: string; sourcePort: number; destinationPort: number };
  /** Bytes of TCP or UDP payload. */
  payloadLength?: number;
}

const TCP_FLAGS: readonly [number, string][] = [
  [0x02, 'SYN'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x01, 'FIN'],
  [0x04, 'RST'],
];

/** What a frame is, in one line, and the fields a hop may rewrite. */
export function viewFrame(bytes: Uint8Array): FrameView {
  const ethernet = decodeEthernet(bytes);
  const base = { srcMac: ethernet.source, dstMac: ethernet.destination };
  if (ethernet.etherType === ETHERTYPE_ARP) {
    const p = ethernet.payload;
    const ip = (at: number) => Array.from(p.subarray(at, at + 4)).join('.');
    const op = (p[6]! << 8) | p[7]!;
    return { ...base, layer: 'link', summary: op === 1 ? `ARP who has ${ip(24)}? tell ${ip(14)}` : `ARP ${ip(14)} is at ${ethernet.source}` };
  }
  if (ethernet.etherType !== ETHERTYPE_IPV4) return { ...base, layer: 'link', summary: `EtherType 0x${ethernet.etherType.toString(16)}` };
  const header = decodeIpv4Header(ethernet.payload);
  const l4 = ethernet.payload.subarray(header.headerLength, header.totalLength);
  const sourcePort = (l4[0]! << 8) | l4[1]!;
  const destinationPort = (l4[2]! << 8) | l4[3]!;
  const ip = { id: header.identification, protocol: header.protocol, ttl: header.ttl, source: header.source, destination: header.destination, sourcePort, destinationPort };
  const ends = `${header.source}:${sourcePort} → ${header.destination}:${destinationPort}`;
  if (header.protocol === PROTOCOL_TCP) {
    const flags = TCP_FLAGS.filter(([bit]) => (l4[13]! & bit) !== 0).map(([, name]) => name).join(',');
    const payload = l4.length - (l4[12]! >> 4) * 4;
    const seq = ((l4[4]! << 24) | (l4[5]! << 16) | (l4[6]! << 8) | l4[7]!) >>> 0;
    const occupiesSequence = payload > 0 || (l4[13]! & 0x03) !== 0;
    return { ...base, ip, layer: 'transport', occupiesSequence, payloadLength: payload, summary: `TCP ${ends} [${flags}] seq=${seq}${payload > 0 ? ` ${payload} bytes` : ''}` };
  }
  if (header.protocol === PROTOCOL_UDP) return { ...base, ip, layer: 'transport', payloadLength: l4.length - 8, summary: `UDP ${ends} ${l4.length - 8} bytes${destinationPort === 53 || sourcePort === 53 ? ' (DNS)' : ''}` };
  return { ...base, ip, layer: 'network', summary: `IPv4 ${header.source} → ${header.destination} protocol ${header.protocol}` };
}

/** What a hop changed between an incoming and an outgoing view of the same datagram. */
function changes(before: FrameView, after: FrameView): string[] {
  const out: string[] = [];
  if (before.srcMac !== after.srcMac || before.dstMac !== after.dstMac) out.push(`MACs ${before.srcMac} → ${before.dstMac} rewritten to ${after.srcMac} → ${after.dstMac}`);
  if (before.ip && after.ip) {
    if (before.ip.ttl !== after.ip.ttl) out.push(`TTL ${before.ip.ttl} → ${after.ip.ttl}`);
    if (before.ip.source !== after.ip.source || before.ip.sourcePort !== after.ip.sourcePort) {
      out.push(`NAT: source ${before.ip.source}:${before.ip.sourcePort} → ${after.ip.source}:${after.ip.sourcePort}`);
    }
    if (before.ip.destination !== after.ip.destination || before.ip.destinationPort !== after.ip.destinationPort) {
      out.push(`NAT: destination ${before.ip.destination}:${before.ip.destinationPort} → ${after.ip.destination}:${after.ip.destinationPort}`);
    }
  }
  return out;
}

/** Timeline steps for every frame sent or lost, with what each forwarding device changed. */
export function frameEvents(records: readonly TraceRecord[], forwarders: ReadonlySet<string>): JourneyEvent[] {
  const events: JourneyEvent[] = [];
  // The last datagram each forwarder took in, by IP id, protocol and length: what it sends next with that id is the same datagram.
  const arrived = new Map<string, FrameView>();
  // Segments each sender has put on each link: the same one again is a retransmission.
  const sentBefore = new Set<string>();
  for (const record of records) {
    if (record.event !== 'sent' && record.event !== 'lost' && record.event !== 'delivered') continue;
    const view = viewFrame(record.bytes);
    const key = view.ip && `${view.ip.id}/${view.ip.protocol}/${record.length}`;
    if (record.event === 'delivered') {
      if (key && forwarders.has(record.to.device)) arrived.set(`${record.to.device}#${key}`, view);
      continue;
    }
    if (record.event === 'lost') {
      events.push({ time: simTime(record.time), device: record.link, layer: 'link', text: `lost on ${record.link}: ${view.summary}` });
      continue;
    }
    const device = record.from.device;
    const before = key && forwarders.has(device) ? arrived.get(`${device}#${key}`) : undefined;
    const changed = before ? changes(before, view) : [];
    const segmentKey = `${device}|${record.link}|${view.summary}`;
    const again = view.occupiesSequence === true && sentBefore.has(segmentKey);
    if (view.occupiesSequence) sentBefore.add(segmentKey);
    const text = `${again ? 'retransmission: ' : ''}${view.summary} on ${record.link}${changed.length ? `; ${changed.join('; ')}` : ''}`;
    events.push({ time: simTime(record.time), device, layer: changed.length ? 'network' : view.layer, text });
  }
  return events;
}
