/**
 * Stage topology: the learner's interfaces, routers and NAT carry a datagram
 * across a netsim network (glue in fixtures/netsim-glue.ts), and the trace of
 * every frame on every link is checked hop by hop:
 *
 *   a 10.0.1.10 ─ r1 ─ 10.0.12.0/30 ─ r2 ─ 10.0.23.0/30 ─ nat [203.0.113.1] ─ b 203.0.113.80
 *
 * a's order goes to b's UDP echo service on port 7; b answers. Links have
 * delays but no loss, so every run is the same (seed printed anyway).
 */
import { describe, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { topology, type Topology, type TraceRecord } from '@netsim';
import { attempt } from './fixtures/harness.ts';
import { SimHost, SimRouter } from './fixtures/netsim-glue.ts';
import { describeDatagram, describeFrame, udpDatagram, viewDatagram, viewFrame } from './fixtures/packets.ts';

const SEED = 4;
const A_IP = '10.0.1.10';
const B_IP = '203.0.113.80';
const PUBLIC_IP = '203.0.113.1';
const LINKS = ['a-r1', 'r1-r2', 'r2-nat', 'nat-b'] as const;

interface Network {
  net: Topology;
  a: SimHost;
  b: SimHost;
  t: Transcript;
}

/** Builds the network; b echoes every UDP datagram for port 7 back with "reply to " in front. */
function build(title: string): Network {
  const t = new Transcript(`${title} (netsim seed ${SEED})`);
  const net = topology({ seed: SEED })
    .host('a', { interfaces: { eth0: `${A_IP}/24` } })
    .router('r1', { interfaces: { eth0: '10.0.1.1/24', eth1: '10.0.12.1/30' } })
    .router('r2', { interfaces: { eth0: '10.0.12.2/30', eth1: '10.0.23.1/30' } })
    .router('nat', { interfaces: { lan: '10.0.23.2/30', wan: `${PUBLIC_IP}/24` } })
    .host('b', { interfaces: { eth0: `${B_IP}/24` } })
    .link('a:eth0', 'r1:eth0', { name: 'a-r1', delayMs: 1 })
    .link('r1:eth1', 'r2:eth0', { name: 'r1-r2', delayMs: 5 })
    .link('r2:eth1', 'nat:lan', { name: 'r2-nat', delayMs: 1 })
    .link('nat:wan', 'b:eth0', { name: 'nat-b', delayMs: 10 });
  return attempt(t, 'building the network from your classes', () => {
    const a = new SimHost(net.device('a'), [`10.0.1.0/24 dev eth0`, '0.0.0.0/0 via 10.0.1.1 dev eth0']);
    new SimRouter(net.device('r1'), ['10.0.1.0/24 dev eth0', '10.0.12.0/30 dev eth1', '0.0.0.0/0 via 10.0.12.2 dev eth1']);
    new SimRouter(net.device('r2'), ['10.0.12.0/30 dev eth0', '10.0.23.0/30 dev eth1', '10.0.1.0/24 via 10.0.12.1 dev eth0', '0.0.0.0/0 via 10.0.23.2 dev eth1']);
    new SimRouter(net.device('nat'), ['10.0.23.0/30 dev lan', '203.0.113.0/24 dev wan', '10.0.0.0/8 via 10.0.23.1 dev lan'], { outside: 'wan' });
    const b = new SimHost(net.device('b'), ['203.0.113.0/24 dev eth0'], (host, datagram) => {
      const v = viewDatagram(datagram);
      if (v.protocol !== 17 || v.destinationPort !== 7) return;
      const data = new TextDecoder().decode(datagram.subarray(28));
      host.send(udpDatagram({ source: v.destination, destination: v.source, sourcePort: 7, destinationPort: v.sourcePort!, data: `reply to ${data}` }));
    });
    return { net, a, b, t };
  });
}

/** An order from a's port 5000 to b's echo port. */
function order(n: number, ttl = 64): Uint8Array {
  return udpDatagram({ source: A_IP, destination: B_IP, sourcePort: 5000, destinationPort: 7, ttl, identification: n, data: `order ${n}` });
}

/** Schedules `send` at `timeMs`, runs the simulation until idle, and records every frame in the transcript. */
function run(n: Network, sends: [number, Uint8Array][]): TraceRecord[] {
  for (const [time, datagram] of sends) {
    n.t.step(`t=${time} ms: a sends ${describeDatagram(datagram)}`);
    n.net.sim.at(time, () => n.a.send(datagram));
  }
  attempt(n.t, 'running the simulation', () => n.net.run({ maxEvents: 100_000 }));
  const sent = n.net.sim.trace.select({ event: 'sent' });
  for (const r of sent) n.t.step(`${r.time.toFixed(0).padStart(5)} ms ${r.link.padEnd(6)} ${r.from.device}:${r.from.iface} → ${r.to.device}:${r.to.iface}  ${describeFrame(r.bytes)}`);
  return sent;
}

const isIpv4 = (r: TraceRecord) => viewFrame(r.bytes).etherType === 0x0800;
const isArp = (r: TraceRecord) => viewFrame(r.bytes).etherType === 0x0806;

/** "src:port → dst:port" of an IPv4 frame. */
function addresses(r: TraceRecord): string {
  const v = viewDatagram(viewFrame(r.bytes).payload);
  return `${v.source}:${v.sourcePort} → ${v.destination}:${v.destinationPort}`;
}

describe('across the network', () => {
  it('carries an order from a through r1, r2 and the NAT to b, and the reply back to a', () => {
    const n = build('a → b and back');
    run(n, [[0, order(1)]]);
    n.t.expect('what b received', n.b.received.map((d) => describeDatagram(d.datagram)), [
      `IPv4 id 1 ${PUBLIC_IP} → ${B_IP} proto 17 ttl 61 ports 49152→7`,
    ], 'b sees the NAT\'s public address and port, and a TTL three routers lower');
    n.t.expect('what a received', n.a.received.map((d) => {
      const v = viewDatagram(d.datagram);
      return `${v.source}:${v.sourcePort} → ${v.destination}:${v.destinationPort} "${new TextDecoder().decode(d.datagram.subarray(28))}"`;
    }), [`${B_IP}:7 → ${A_IP}:5000 "reply to order 1"`], 'the NAT mapped the reply back to a\'s own address and port');
  });

  it('puts new MACs on every hop: each frame goes from the sending interface\'s MAC to the receiving interface\'s MAC', () => {
    const n = build('MACs per hop');
    const frames = run(n, [[0, order(1)]]).filter(isIpv4);
    const mac = (device: string, iface: string) => n.net.device(device).iface(iface).macString;
    n.t.expect(
      'MACs of every IPv4 frame (link: source → destination)',
      frames.map((r) => `${r.link}: ${viewFrame(r.bytes).source} → ${viewFrame(r.bytes).destination}`),
      frames.map((r) => `${r.link}: ${mac(r.from.device, r.from.iface)} → ${mac(r.to.device, r.to.iface)}`),
      'Ethernet addresses name the two ends of one link; each router writes its own MAC as source and the next hop\'s as destination',
    );
    n.t.expect('IPv4 frames seen (8 hops: 4 there, 4 back)', frames.length, 8);
  });

  it('keeps the IP addresses end to end, except where the NAT rewrites them', () => {
    const n = build('IP addresses per hop');
    const frames = run(n, [[0, order(1)]]).filter(isIpv4);
    n.t.expect('addresses of every IPv4 frame', frames.map((r) => `${r.link}: ${addresses(r)}`), [
      `a-r1: ${A_IP}:5000 → ${B_IP}:7`,
      `r1-r2: ${A_IP}:5000 → ${B_IP}:7`,
      `r2-nat: ${A_IP}:5000 → ${B_IP}:7`,
      `nat-b: ${PUBLIC_IP}:49152 → ${B_IP}:7`,
      `nat-b: ${B_IP}:7 → ${PUBLIC_IP}:49152`,
      `r2-nat: ${B_IP}:7 → ${A_IP}:5000`,
      `r1-r2: ${B_IP}:7 → ${A_IP}:5000`,
      `a-r1: ${B_IP}:7 → ${A_IP}:5000`,
    ], 'routers never change IP addresses; the NAT rewrites the source on the way out and the destination on the way back (RFC 3022 §2.2)');
  });

  it('takes exactly one off the TTL at each router, and every checksum on every hop verifies', () => {
    const n = build('TTL and checksums per hop');
    const frames = run(n, [[0, order(1)]]).filter(isIpv4);
    n.t.expect('TTL of every IPv4 frame', frames.map((r) => `${r.link}: ttl ${viewDatagram(viewFrame(r.bytes).payload).ttl}`), [
      'a-r1: ttl 64',
      'r1-r2: ttl 63',
      'r2-nat: ttl 62',
      'nat-b: ttl 61',
      'nat-b: ttl 64',
      'r2-nat: ttl 63',
      'r1-r2: ttl 62',
      'a-r1: ttl 61',
    ], 'RFC 1812 §5.3.1: each router decrements the TTL by one; the NAT gateway is a router too');
    n.t.expect('frames whose IP or UDP checksum fails', frames.filter((r) => {
      const v = viewDatagram(viewFrame(r.bytes).payload);
      return !v.headerChecksumOk || !v.transportChecksumOk;
    }).map((r) => `${r.link}: ${addresses(r)}`), [], 'every hop recomputes the header checksum (RFC 1071), and the NAT fixes the UDP checksum (RFC 3022 §4.1)');
  });

  it('asks ARP once per link: one broadcast request and one reply, and none for the second round trip', () => {
    const n = build('ARP per link');
    const sent = run(n, [[0, order(1)], [200, order(2)]]);
    const perLink = (records: TraceRecord[]) => LINKS.map((link) => `${link}: ${records.filter((r) => r.link === link).map((r) => describeFrame(r.bytes).split(' (')[0]!.replace(/ tell .*| is-at .*/, '')).join(', ')}`);
    n.t.expect('ARP on each link', perLink(sent.filter(isArp)), [
      'a-r1: ARP request who-has 10.0.1.1, ARP reply 10.0.1.1',
      'r1-r2: ARP request who-has 10.0.12.2, ARP reply 10.0.12.2',
      'r2-nat: ARP request who-has 10.0.23.2, ARP reply 10.0.23.2',
      'nat-b: ARP request who-has 203.0.113.80, ARP reply 203.0.113.80',
    ], 'each sender asks for its next hop once; the answerer learned the asker from the request (RFC 826), so replies need no ARP; the second order finds every MAC cached');
    n.t.expect('orders b answered', n.a.received.length, 2);
  });

  it('asks ARP again once the caches have expired, while the NAT mapping lives on', () => {
    const n = build('ARP after 30 s');
    const sent = run(n, [[0, order(1)], [40_000, order(2)]]);
    const late = sent.filter((r) => r.time >= 40_000);
    n.t.expect('ARP requests on each link after 40 s', LINKS.map((link) => `${link}: ${late.filter((r) => r.link === link && isArp(r) && r.bytes[21] === 1).length}`), LINKS.map((link) => `${link}: 1`), 'cache entries live 30 s (network-interface.ts), so 40 s later every hop must ask again');
    n.t.expect('addresses b saw on the second order', late.filter((r) => r.link === 'nat-b' && isIpv4(r)).map(addresses)[0], `${PUBLIC_IP}:49152 → ${B_IP}:7`, 'the UDP mapping (120 s) still holds, so the public port is the same');
  });

  it('runs a traceroute: TTL 1, 2 and 3 expire at r1, r2 and the NAT, which say so from their own addresses; TTL 4 reaches b', () => {
    const n = build('traceroute from a to b');
    run(n, [[0, order(1, 1)], [100, order(2, 2)], [200, order(3, 3)], [300, order(4, 4)]]);
    n.t.expect('what came back to a (source, ICMP type/code or UDP)', n.a.received.map((d) => {
      const v = viewDatagram(d.datagram);
      return v.protocol === 1 ? `${v.source} ICMP ${d.datagram[20]}/${d.datagram[21]} quoting id ${(d.datagram[32]! << 8) | d.datagram[33]!}` : `${v.source} UDP`;
    }), [
      '10.0.1.1 ICMP 11/0 quoting id 1',
      '10.0.12.2 ICMP 11/0 quoting id 2',
      '10.0.23.2 ICMP 11/0 quoting id 3',
      `${B_IP} UDP`,
    ], 'traceroute: each router where the TTL runs out sends Time Exceeded (RFC 792) from the interface facing a (RFC 1812 §4.3.2.4), quoting the datagram so a can match it');
  });
});
