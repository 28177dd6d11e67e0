/**
 * Stage router: ICMP error messages (RFC 792) and an IPv4 router (RFC 1812 §5)
 * built from NetworkInterfaces and a RoutingTable. The router under test:
 *
 *   host A 10.0.1.10 ── eth0 10.0.1.1/24  [r1]  eth1 10.0.12.1/30 ── r2 10.0.12.2 (default gateway)
 *                                          eth2 192.0.2.1/24 ── server S 192.0.2.11, gateway G 192.0.2.254
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectBytes } from '@lab-kit';
import { buildIcmpError, isIcmpError } from '@impl/icmp.ts';
import { NetworkInterface } from '@impl/network-interface.ts';
import { Router } from '@impl/router.ts';
import type { RouterHooks } from '@impl/router-hooks.ts';
import { RouterHarness, same } from './fixtures/harness.ts';
import { ETHERNET_FIELDS, icmpErrorFields, ipv4Fields, UDP_FRAME_FIELDS } from './fixtures/layouts.ts';
import { arpFrame, checksum, describeFrame, ethernetFrame, ipv4Datagram, sum16, udpDatagram, viewDatagram } from './fixtures/packets.ts';
import { REAL_ICMP_PORT_UNREACHABLE_FRAME, REAL_UDP_DATAGRAM } from './fixtures/real-bytes.ts';

const SEE_FORWARD = 'RFC 1812 §5.2 (forwarding) and §5.3.1 (TTL)';
const SEE_ROUTER = 'router.ts (the steps in its doc comment)';

const R = {
  eth0: { name: 'eth0', mac: '02:00:00:00:01:00', ipv4: '10.0.1.1' },
  eth1: { name: 'eth1', mac: '02:00:00:00:01:01', ipv4: '10.0.12.1' },
  eth2: { name: 'eth2', mac: '02:00:00:00:01:02', ipv4: '192.0.2.1' },
} as const;
type IfaceName = keyof typeof R;
const A = { mac: '02:00:00:00:0a:0a', ipv4: '10.0.1.10' };
const R2 = { mac: '02:00:00:00:02:00', ipv4: '10.0.12.2' };
const S = { mac: '02:00:00:00:0b:0b', ipv4: '192.0.2.11' };
const G = { mac: '02:00:00:00:fe:fe', ipv4: '192.0.2.254' };
const ZERO_MAC = '00:00:00:00:00:00';

/** r1 with its three interfaces and routes (without the default route when `withDefault` is false). */
function makeRouter(options: { withDefault?: boolean; hooks?: RouterHooks } = {}): Router {
  const router = new Router(options.hooks ? { hooks: options.hooks } : {});
  for (const spec of Object.values(R)) router.addInterface(new NetworkInterface(spec));
  router.addRoute({ prefix: '10.0.1.0', prefixLength: 24, interface: 'eth0' });
  router.addRoute({ prefix: '10.0.12.0', prefixLength: 30, interface: 'eth1' });
  router.addRoute({ prefix: '192.0.2.0', prefixLength: 24, interface: 'eth2' });
  router.addRoute({ prefix: '198.51.100.0', prefixLength: 24, nextHop: R2.ipv4, interface: 'eth1' });
  router.addRoute({ prefix: '198.51.100.7', prefixLength: 32, nextHop: G.ipv4, interface: 'eth2' });
  if (options.withDefault !== false) router.addRoute({ prefix: '0.0.0.0', prefixLength: 0, nextHop: R2.ipv4, interface: 'eth1' });
  return router;
}

/** A neighbour asks the router's interface for its MAC, so the router learns the neighbour (and replies). */
function teach(h: RouterHarness, iface: IfaceName, neighbour: { mac: string; ipv4: string }): void {
  h.receive(iface, arpFrame(1, neighbour, { mac: ZERO_MAC, ipv4: R[iface].ipv4 }));
  h.expectFrames(iface, [`ARP reply ${R[iface].ipv4} is-at ${R[iface].mac} (${R[iface].mac} → ${neighbour.mac})`], 'the router answers ARP for its own interface addresses (stage arp)');
}

/** A frame from `from` to the router's interface. */
function toRouter(iface: IfaceName, from: { mac: string }, datagram: Uint8Array): Uint8Array {
  return ethernetFrame(R[iface].mac, from.mac, 0x0800, datagram);
}

/** What the datagram should look like after one hop: TTL one less, checksum recomputed (by the test's own code). */
function forwarded(datagram: Uint8Array): Uint8Array {
  const out = datagram.slice();
  out[8] = out[8]! - 1;
  out[10] = 0;
  out[11] = 0;
  const sum = checksum(out.subarray(0, (out[0]! & 0x0f) * 4));
  out[10] = sum >> 8;
  out[11] = sum & 0xff;
  return out;
}

/** The line describeFrame prints for `datagram` in a frame between two MACs. */
function line(datagram: Uint8Array, source: string, destination: string): string {
  return describeFrame(ethernetFrame(destination, source, 0x0800, datagram));
}

const fromA = (id: number, destination: string, ttl = 64) =>
  udpDatagram({ source: A.ipv4, destination, sourcePort: 40000 + id, destinationPort: 443, ttl, identification: id, data: `order ${id}` });

describe('ICMP error messages', () => {
  const original = fromA(1, '198.51.100.80', 1);

  it('quote the IP header and the first 8 bytes of the datagram, after type, code, checksum and 4 unused bytes', () => {
    const message = buildIcmpError(11, 0, original);
    const expected = Uint8Array.from([11, 0, 0, 0, 0, 0, 0, 0, ...original.subarray(0, 28)]);
    const sum = checksum(expected);
    expected[2] = sum >> 8;
    expected[3] = sum & 0xff;
    expectBytes(message, expected, { what: 'the Time Exceeded message', fields: icmpErrorFields(), see: 'RFC 792, "Time Exceeded Message": internet header + 64 bits of original data; checksum per RFC 1071 over the ICMP message' });
  });

  it('lay out the same bytes as a real Linux ICMP error, which quotes more than RFC 792 asks', () => {
    const linux = REAL_ICMP_PORT_UNREACHABLE_FRAME.subarray(34);
    const quoted = linux.subarray(8);
    const ours = buildIcmpError(3, 3, quoted);
    expect(ours.length, 'ours quotes 20 + 8 bytes; Linux quoted all 43 bytes of the datagram (RFC 1812 §4.3.2.3 allows up to 576)').toBe(36);
    expectBytes(ours.subarray(0, 2), linux.subarray(0, 2), { what: 'type and code', see: 'RFC 792: type 3, code 3 (port unreachable)' });
    expectBytes(ours.subarray(4), linux.subarray(4, 36), { what: 'unused field and quoted bytes', fields: icmpErrorFields().map((f) => ({ ...f, offset: f.offset - 4 })).filter((f) => f.offset >= 0), see: 'RFC 792 layout, as Linux sent it' });
    expect(sum16(ours), 'the checksum should make the whole message sum to 0xffff (RFC 1071)').toBe(0xffff);
  });

  it('quote a whole datagram shorter than header + 8 bytes, and a longer header when it has options', () => {
    const tiny = ipv4Datagram({ source: A.ipv4, destination: S.ipv4, payload: Uint8Array.of(1, 2, 3) });
    expect(Array.from(buildIcmpError(11, 0, tiny).subarray(8)), 'only 23 bytes exist, so all of them').toEqual(Array.from(tiny));
    const withOptions = Uint8Array.from([0x46, ...original.subarray(1, 20), 1, 1, 1, 0, ...original.subarray(20)]);
    expect(buildIcmpError(11, 0, withOptions).length, 'IHL 6 means a 24-byte header: 8 + 24 + 8 bytes').toBe(40);
  });

  it('tell ICMP errors from other datagrams, so no error is sent about an error (RFC 1122 §3.2.2)', () => {
    const icmp = (type: number) => ipv4Datagram({ source: A.ipv4, destination: S.ipv4, protocol: 1, payload: Uint8Array.of(type, 0, 0, 0, 0, 0, 0, 0) });
    const kinds = { 'destination unreachable (3)': icmp(3), 'time exceeded (11)': icmp(11), 'parameter problem (12)': icmp(12), 'echo request (8)': icmp(8), 'echo reply (0)': icmp(0), 'a UDP datagram': original };
    expect(Object.fromEntries(Object.entries(kinds).map(([name, d]) => [name, isIcmpError(d)])), 'RFC 1122 §3.2.2: errors are types 3, 4, 5, 11, 12; echo is a query').toEqual({
      'destination unreachable (3)': true,
      'time exceeded (11)': true,
      'parameter problem (12)': true,
      'echo request (8)': false,
      'echo reply (0)': false,
      'a UDP datagram': false,
    });
    const fromPort2816 = udpDatagram({ source: A.ipv4, destination: S.ipv4, sourcePort: 0x0b00, destinationPort: 443, data: 'x' });
    expect(isIcmpError(fromPort2816), 'a UDP datagram from port 2816: its first payload byte is 11, but it is not ICMP (protocol 17)').toBe(false);
    expect(isIcmpError(ipv4Datagram({ source: A.ipv4, destination: S.ipv4, protocol: 1, payload: new Uint8Array(0) })), 'protocol 1 with no ICMP bytes after the header: no type, so no error').toBe(false);
  });
});

describe('Router', () => {
  it('forwards to the default gateway: ARP for the gateway, then the same datagram with TTL 63 and new MACs', () => {
    const h = new RouterHarness('r1 forwarding A → 203.0.113.80', makeRouter());
    const d = fromA(1, '203.0.113.80');
    h.receive('eth0', toRouter('eth0', A, d));
    h.expectFrames('eth0', [], 'nothing goes back towards A');
    h.expectFrames('eth1', [`ARP request who-has ${R2.ipv4} tell ${R.eth1.ipv4} (${R.eth1.mac} → ff:ff:ff:ff:ff:ff)`], `${SEE_ROUTER}: the default route says eth1 via 10.0.12.2, whose MAC is not known yet`);
    h.receive('eth1', arpFrame(2, R2, R.eth1));
    const [frame] = h.expectFrames('eth1', [line(forwarded(d), R.eth1.mac, R2.mac)], `${SEE_FORWARD}: out of eth1 to the gateway's MAC; IPs unchanged, TTL 63`);
    expectBytes(frame!, ethernetFrame(R2.mac, R.eth1.mac, 0x0800, forwarded(d)), { what: 'the forwarded frame', fields: UDP_FRAME_FIELDS, see: 'RFC 1812 §5.3.1: TTL − 1; RFC 791 §3.1: the header checksum is recomputed because the TTL changed' });
  });

  it('forwards the datagram captured from Linux with TTL 63 and checksum 0x7bdb', () => {
    const router = new Router();
    router.addInterface(new NetworkInterface({ name: 'lan', mac: '02:00:00:00:01:00', ipv4: '192.0.2.1' }));
    router.addInterface(new NetworkInterface({ name: 'p2p', mac: '02:00:00:00:01:01', ipv4: '10.9.9.1' }));
    router.addRoute({ prefix: '192.0.2.0', prefixLength: 24, interface: 'lan' });
    router.addRoute({ prefix: '192.0.2.11', prefixLength: 32, interface: 'p2p' });
    const h = new RouterHarness('a router between the captured hosts', router);
    h.receive('p2p', arpFrame(2, { mac: '02:70:6a:00:00:0b', ipv4: '192.0.2.11' }, { mac: '02:00:00:00:01:01', ipv4: '10.9.9.1' }), 'ARP reply 192.0.2.11 is-at 02:70:6a:00:00:0b');
    h.receive('lan', ethernetFrame('02:00:00:00:01:00', '02:70:6a:00:00:0a', 0x0800, REAL_UDP_DATAGRAM), 'the captured UDP datagram, sent to the router');
    const [frame] = h.expectFrames('p2p', [line(forwarded(REAL_UDP_DATAGRAM), '02:00:00:00:01:01', '02:70:6a:00:00:0b')], 'the /32 host route beats the /24');
    const expected = REAL_UDP_DATAGRAM.slice();
    expected.set([0x3f], 8);
    expected.set([0x7b, 0xdb], 10);
    expectBytes(frame!.subarray(14), expected, { what: 'the forwarded datagram', fields: ipv4Fields(), see: 'TTL 0x40 → 0x3f adds 0x0100 to the checksum: 0x7adb → 0x7bdb (RFC 1624 §3 computes it incrementally: HC\' = ~(~HC + ~m + m\'))' });
  });

  it('sends to the destination itself on a directly connected network', () => {
    const h = new RouterHarness('r1 forwarding A → S on eth2', makeRouter());
    const d = fromA(2, S.ipv4);
    h.receive('eth0', toRouter('eth0', A, d));
    h.expectFrames('eth2', [`ARP request who-has ${S.ipv4} tell ${R.eth2.ipv4} (${R.eth2.mac} → ff:ff:ff:ff:ff:ff)`], 'a route with no next hop: ARP for the destination itself');
    h.receive('eth2', arpFrame(2, S, R.eth2));
    h.expectFrames('eth2', [line(forwarded(d), R.eth2.mac, S.mac)]);
  });

  it('chooses the interface and next hop by longest-prefix match', () => {
    const h = new RouterHarness('r1 with 198.51.100.0/24 via eth1 and 198.51.100.7/32 via eth2', makeRouter());
    teach(h, 'eth1', R2);
    teach(h, 'eth2', G);
    const toHost = fromA(3, '198.51.100.7');
    const toNet = fromA(4, '198.51.100.8');
    h.receive('eth0', toRouter('eth0', A, toHost));
    h.receive('eth0', toRouter('eth0', A, toNet));
    h.expectFrames('eth2', [line(forwarded(toHost), R.eth2.mac, G.mac)], 'RFC 1812 §5.2.4.3: the /32 wins for 198.51.100.7, via 192.0.2.254');
    h.expectFrames('eth1', [line(forwarded(toNet), R.eth1.mac, R2.mac)], 'and the /24 for 198.51.100.8, via 10.0.12.2');
  });

  it('forwards TTL 2 as TTL 1', () => {
    const h = new RouterHarness('r1, TTL 2', makeRouter());
    teach(h, 'eth1', R2);
    const d = fromA(5, '203.0.113.80', 2);
    h.receive('eth0', toRouter('eth0', A, d));
    h.expectFrames('eth1', [line(forwarded(d), R.eth1.mac, R2.mac)], `${SEE_FORWARD}: after the decrement TTL is 1, still alive`);
  });

  it('drops TTL 1 and tells the source with ICMP Time Exceeded, code 0, from the interface it leaves by', () => {
    const h = new RouterHarness('r1, TTL 1', makeRouter());
    teach(h, 'eth0', A);
    teach(h, 'eth1', R2);
    const d = fromA(6, '203.0.113.80', 1);
    h.receive('eth0', toRouter('eth0', A, d));
    h.expectFrames('eth1', [], `${SEE_FORWARD}: a datagram whose TTL would reach 0 is never forwarded`);
    const icmp = ipv4Datagram({ source: R.eth0.ipv4, destination: A.ipv4, protocol: 1, ttl: 64, tos: 0xc0, identification: 0, flagsAndOffset: 0, payload: buildExpectedIcmp(11, 0, d) });
    const [frame] = h.expectFrames('eth0', [line(icmp, R.eth0.mac, A.mac)], 'RFC 1812 §5.3.1: send Time Exceeded to the source; RFC 1812 §4.3.2.4: from the address of the interface it is sent on');
    expectBytes(frame!, ethernetFrame(A.mac, R.eth0.mac, 0x0800, icmp), {
      what: 'the ICMP Time Exceeded frame',
      fields: [...ETHERNET_FIELDS, ...ipv4Fields(14), ...icmpErrorFields(34)],
      see: `${SEE_ROUTER}: TTL 64, TOS 0xc0 (RFC 1812 §4.3.2.5), identification 0, no flags; RFC 792 type 11 code 0 quoting the datagram as received`,
    });
  });

  it('drops TTL 0 the same way', () => {
    const h = new RouterHarness('r1, TTL 0', makeRouter());
    teach(h, 'eth0', A);
    teach(h, 'eth1', R2);
    const d = fromA(7, '203.0.113.80', 0);
    h.receive('eth0', toRouter('eth0', A, d));
    h.expectFrames('eth1', [], 'RFC 1812 §5.3.1: TTL 0 is not forwarded either');
    const frames = h.router.takeFrames('eth0');
    h.t.expect('ICMP messages sent back on eth0 (type, code)', frames.map((f) => [f[34], f[35]]), [[11, 0]], 'RFC 792: Time Exceeded, code 0');
  });

  it('sends the Time Exceeded along the route back to the source, which need not be where the datagram came from', () => {
    const h = new RouterHarness('r1, TTL 1 from 198.51.100.9 arriving on eth2', makeRouter());
    teach(h, 'eth1', R2);
    const d = udpDatagram({ source: '198.51.100.9', destination: A.ipv4, sourcePort: 53, destinationPort: 40000, ttl: 1, data: 'x' });
    h.receive('eth2', ethernetFrame(R.eth2.mac, G.mac, 0x0800, d));
    const frames = h.expectFrames('eth1', [line(ipv4Datagram({ source: R.eth1.ipv4, destination: '198.51.100.9', protocol: 1, tos: 0xc0, identification: 0, flagsAndOffset: 0, payload: buildExpectedIcmp(11, 0, d) }), R.eth1.mac, R2.mac)], 'the route to 198.51.100.9 is 198.51.100.0/24 via 10.0.12.2 on eth1, so the error leaves eth1 with source 10.0.12.1');
    h.t.expect('its IPv4 header checksum verifies', viewDatagram(frames[0]!.subarray(14)).headerChecksumOk, true);
    h.expectFrames('eth2', [], 'nothing goes back the way the datagram came: routing decides');
  });

  it('drops a datagram it has no route for and answers with Destination Unreachable, code 0', () => {
    const h = new RouterHarness('r1 without a default route', makeRouter({ withDefault: false }));
    teach(h, 'eth0', A);
    const d = fromA(8, '203.0.113.80');
    h.receive('eth0', toRouter('eth0', A, d));
    const icmp = ipv4Datagram({ source: R.eth0.ipv4, destination: A.ipv4, protocol: 1, tos: 0xc0, identification: 0, flagsAndOffset: 0, payload: buildExpectedIcmp(3, 0, d) });
    const [frame] = h.expectFrames('eth0', [line(icmp, R.eth0.mac, A.mac)], 'RFC 1812 §4.3.3.1: no route at all, not even a default → Destination Unreachable, code 0 (network unreachable)');
    expectBytes(frame!.subarray(34), icmp.subarray(20), { what: 'the ICMP message', fields: icmpErrorFields(), see: 'RFC 792, "Destination Unreachable Message"' });
    for (const iface of ['eth1', 'eth2'] as const) h.expectFrames(iface, []);
  });

  it('sends no ICMP error about an ICMP error: the real Port Unreachable with TTL 1 just disappears', () => {
    const h = new RouterHarness('r1, an expiring ICMP error', makeRouter());
    const icmp = REAL_ICMP_PORT_UNREACHABLE_FRAME.slice(14);
    icmp[8] = 1;
    const sum = checksum(Uint8Array.from([...icmp.subarray(0, 10), 0, 0, ...icmp.subarray(12, 20)]));
    icmp[10] = sum >> 8;
    icmp[11] = sum & 0xff;
    h.receive('eth2', ethernetFrame(R.eth2.mac, S.mac, 0x0800, icmp), 'the captured ICMP Port Unreachable (192.0.2.11 → 192.0.2.10) with its TTL set to 1');
    for (const iface of ['eth0', 'eth1', 'eth2'] as const) h.expectFrames(iface, [], 'RFC 1122 §3.2.2: never an ICMP error about an ICMP error (not even an ARP request to send one)');
  });

  it('drops, without a word, a datagram whose header is damaged', () => {
    const h = new RouterHarness('r1, damaged datagrams', makeRouter());
    teach(h, 'eth0', A);
    teach(h, 'eth1', R2);
    const good = fromA(9, '203.0.113.80');
    const badChecksum = good.slice();
    badChecksum[11] = badChecksum[11]! ^ 0xff;
    const version6 = good.slice();
    version6[0] = 0x65;
    const lying = good.slice();
    lying[3] = 0xff;
    h.receive('eth0', toRouter('eth0', A, badChecksum), 'a datagram with a wrong header checksum');
    h.receive('eth0', toRouter('eth0', A, version6), 'a datagram whose version field says 6');
    h.receive('eth0', toRouter('eth0', A, lying), 'a datagram whose Total Length is longer than the frame');
    h.receive('eth0', toRouter('eth0', A, good.subarray(0, 12)), 'the first 12 bytes of a datagram');
    for (const iface of ['eth0', 'eth1'] as const) h.expectFrames(iface, [], 'RFC 1812 §5.2.2: a router MUST verify the header and silently discard a bad one (a damaged source address could not be trusted for an ICMP reply)');
  });

  it('drops a datagram whose header checksum is right but whose version or lengths are not', () => {
    const h = new RouterHarness('r1, well-summed nonsense', makeRouter());
    teach(h, 'eth1', R2);
    const resum = (d: Uint8Array) => {
      d.set([0, 0], 10);
      const sum = checksum(d.subarray(0, (d[0]! & 0x0f) * 4));
      d.set([sum >> 8, sum & 0xff], 10);
      return d;
    };
    const version6 = fromA(16, '203.0.113.80').slice();
    version6[0] = 0x65;
    const tooLong = fromA(17, '203.0.113.80').slice();
    tooLong[3] = 0xff;
    h.receive('eth0', toRouter('eth0', A, resum(version6)), 'version 6, checksum recomputed to match');
    h.receive('eth0', toRouter('eth0', A, resum(tooLong)), 'Total Length past the frame, checksum recomputed to match');
    h.expectFrames('eth1', [], 'RFC 1812 §5.2.2: the checksum is one of several checks; each failing one drops the datagram');
  });

  it('forwards a datagram whose checksum is 0xff00 or more: the TTL decrement carries out of the top byte and back in', () => {
    const h = new RouterHarness('r1, checksum carry', makeRouter());
    teach(h, 'eth1', R2);
    const d = udpDatagram({ source: A.ipv4, destination: '203.0.113.80', sourcePort: 40000, destinationPort: 443, identification: 62318, data: 'carry-out' });
    h.t.expect('the header checksum of the datagram sent', ((d[10]! << 8) | d[11]!).toString(16), 'fffe', 'the test\'s own precondition: TTL − 1 adds 0x0100 to this checksum, past 0xffff');
    h.receive('eth0', toRouter('eth0', A, d));
    const [frame] = h.expectFrames('eth1', [line(forwarded(d), R.eth1.mac, R2.mac)]);
    h.t.expect('the forwarded checksum', frame === undefined ? undefined : ((frame[24]! << 8) | frame[25]!).toString(16), 'ff', 'RFC 1624: 0xfffe + 0x0100 = 0x100fe, and the carry is added back in: 0x00fe + 1 = 0x00ff (RFC 1071 end-around carry)');
  });

  it('sends no ICMP error about a later fragment, nor towards a source it has no route to', () => {
    const h = new RouterHarness('r1, errors it must not send', makeRouter({ withDefault: false }));
    teach(h, 'eth0', A);
    const laterFragment = ipv4Datagram({ source: A.ipv4, destination: S.ipv4, ttl: 1, flagsAndOffset: 0x0004, payload: new Uint8Array(16) });
    h.receive('eth0', toRouter('eth0', A, laterFragment), 'the fragment at offset 4 (32 bytes), TTL 1');
    h.expectFrames('eth0', [], 'RFC 1122 §3.2.2: no ICMP error about a fragment other than the first');
    const stranger = udpDatagram({ source: '203.0.113.9', destination: '198.51.100.99', sourcePort: 53, destinationPort: 40000, ttl: 1, data: 'x' });
    h.receive('eth0', toRouter('eth0', A, stranger), 'TTL 1 from 203.0.113.9, which no route leads back to');
    for (const iface of ['eth0', 'eth1', 'eth2'] as const) h.expectFrames(iface, [], 'with no route back to the source, the error has nowhere to go: drop it too');
  });

  it('drops what a hook returns when it is not a datagram, and what postrouting drops', () => {
    const h = new RouterHarness('r1, hooks that drop', makeRouter({
      hooks: {
        prerouting: (datagram) => (datagram[5] === 20 ? new Uint8Array(10) : datagram),
        postrouting: (datagram) => (datagram[5] === 21 ? undefined : datagram),
      },
    }));
    teach(h, 'eth1', R2);
    h.receive('eth0', toRouter('eth0', A, fromA(20, '203.0.113.80')), 'a datagram prerouting turns into 10 bytes');
    h.receive('eth0', toRouter('eth0', A, fromA(21, '203.0.113.80')), 'a datagram postrouting drops');
    h.expectFrames('eth1', [], `${SEE_ROUTER}: a hook's result is checked like any received datagram, and undefined means drop`);
  });

  it('refuses a second interface of the same name, a route through an interface it does not have, and names the interfaces it has', () => {
    const router = makeRouter();
    expect(() => router.addInterface(new NetworkInterface(R.eth0)), 'two interfaces named eth0').toThrow(/eth0/);
    expect(() => router.addRoute({ prefix: '10.9.0.0', prefixLength: 16, interface: 'wlan0' }), 'no interface wlan0').toThrow(/wlan0/);
    expect(() => router.interface('wlan0'), 'the error lists the interfaces there are').toThrow(/eth0, eth1, eth2/);
  });

  it('does not forward a datagram addressed to the router itself', () => {
    const h = new RouterHarness('r1, datagrams for its own addresses', makeRouter());
    teach(h, 'eth1', R2);
    h.receive('eth0', toRouter('eth0', A, fromA(10, R.eth0.ipv4)));
    h.receive('eth0', toRouter('eth0', A, fromA(11, R.eth1.ipv4, 1)));
    for (const iface of ['eth0', 'eth1', 'eth2'] as const) h.expectFrames(iface, [], `${SEE_ROUTER}: it is delivered to the router, which runs no services; not forwarded, and TTL 1 is fine for the last hop (RFC 1812 §4.2.2.9)`);
  });

  it('forwards only Total Length bytes of a datagram that came with Ethernet padding', () => {
    const h = new RouterHarness('r1, a padded frame', makeRouter());
    teach(h, 'eth1', R2);
    const short = udpDatagram({ source: A.ipv4, destination: '203.0.113.80', sourcePort: 1, destinationPort: 2, identification: 12, data: '' });
    const padded = new Uint8Array(60);
    padded.set(toRouter('eth0', A, short));
    h.receive('eth0', padded, `a 28-byte datagram in a 60-byte frame`);
    const [frame] = h.expectFrames('eth1', [line(forwarded(short), R.eth1.mac, R2.mac)]);
    h.t.expect('the forwarded frame length', frame!.length, 14 + 28, 'RFC 894: a 46-byte minimum payload is padded; Total Length (RFC 791 §3.1) says where the datagram ends');
  });

  it('runs the prerouting hook before the route lookup, and the postrouting hook on the way out', () => {
    const seen: string[] = [];
    const hooks: RouterHooks = {
      prerouting(datagram, inInterface) {
        seen.push(`prerouting ${inInterface} ttl ${datagram[8]}`);
        if (datagram[5] === 99) return undefined;
        const copy = datagram.slice();
        // Rewrite the destination to S (192.0.2.11), as a NAT maps a reply back.
        copy.set([192, 0, 2, 11], 16);
        copy.set([0, 0], 10);
        const sum = checksum(copy.subarray(0, 20));
        copy.set([sum >> 8, sum & 0xff], 10);
        return copy;
      },
      postrouting(datagram, outInterface) {
        seen.push(`postrouting ${outInterface} ttl ${datagram[8]}`);
        const copy = datagram.slice();
        copy[1] = 0x28;
        copy.set([0, 0], 10);
        const sum = checksum(copy.subarray(0, 20));
        copy.set([sum >> 8, sum & 0xff], 10);
        return copy;
      },
    };
    const h = new RouterHarness('r1 with hooks', makeRouter({ hooks }));
    teach(h, 'eth2', S);
    h.receive('eth0', toRouter('eth0', A, fromA(13, '203.0.113.80')));
    h.receive('eth0', toRouter('eth0', A, fromA(99, '203.0.113.80')), 'a datagram the prerouting hook drops');
    h.t.expect('hook calls', seen, ['prerouting eth0 ttl 64', 'postrouting eth2 ttl 63', 'prerouting eth0 ttl 64'], `${SEE_ROUTER}: prerouting sees the datagram as received; postrouting sees it after the TTL decrement, with the interface chosen by the lookup on the rewritten destination`);
    const [frame] = h.expectFrames('eth2', [line(forwarded(hooks.prerouting!(fromA(13, '203.0.113.80'), 'eth0')!), R.eth2.mac, S.mac)], 'routed by the destination prerouting wrote (192.0.2.11 is on eth2)');
    h.t.expect('TOS byte of what was sent', frame![15], 0x28, 'postrouting returns what is sent');
    h.expectFrames('eth1', [], 'a datagram dropped by prerouting goes nowhere');
  });

  it('passes time to its interfaces: an unanswered ARP request times out and is asked again', () => {
    const h = new RouterHarness('r1, gateway silent', makeRouter());
    h.receive('eth0', toRouter('eth0', A, fromA(14, '203.0.113.80')));
    const request = `ARP request who-has ${R2.ipv4} tell ${R.eth1.ipv4} (${R.eth1.mac} → ff:ff:ff:ff:ff:ff)`;
    h.expectFrames('eth1', [request]);
    h.tick(5000);
    h.receive('eth0', toRouter('eth0', A, fromA(15, '203.0.113.80')));
    h.expectFrames('eth1', [request], 'tick reaches every interface: after 5 s the request has timed out, so a new datagram asks again');
  });

  it('keeps every header field but TTL and checksum, and a checksum that verifies, for any header (property)', () => {
    const router = makeRouter();
    const h = new RouterHarness('r1, random headers', router);
    teach(h, 'eth1', R2);
    fc.assert(
      fc.property(
        fc.record({ ttl: fc.integer({ min: 2, max: 255 }), tos: fc.integer({ min: 0, max: 255 }), id: fc.integer({ min: 0, max: 0xffff }), df: fc.boolean(), source: fc.ipV4(), length: fc.integer({ min: 0, max: 40 }) }),
        ({ ttl, tos, id, df, source, length }) => {
          const d = ipv4Datagram({ source, destination: '203.0.113.80', ttl, tos, identification: id, flagsAndOffset: df ? 0x4000 : 0, payload: new Uint8Array(length).fill(0xa5) });
          router.receiveFrame('eth0', toRouter('eth0', A, d));
          const frames = router.takeFrames('eth1');
          same(frames.length, 1, `frames out of eth1 for ${line(d, A.mac, R.eth0.mac)}`);
          expectBytes(frames[0]!.subarray(14), forwarded(d), { what: `the forwarded datagram (TTL ${ttl}, TOS ${tos}, id ${id})`, fields: ipv4Fields(), see: 'RFC 1812 §5.3.1 and RFC 1071/1624: only TTL and checksum change; an incremental update must still give the checksum a full recomputation would' });
        },
      ),
      { numRuns: 300, includeErrorInReport: true },
    );
  });
});

/** The ICMP error the test expects, computed by the test's own code. */
function buildExpectedIcmp(type: number, code: number, original: Uint8Array): Uint8Array {
  const message = Uint8Array.from([type, code, 0, 0, 0, 0, 0, 0, ...original.subarray(0, Math.min(original.length, (original[0]! & 0x0f) * 4 + 8))]);
  const sum = checksum(message);
  message[2] = sum >> 8;
  message[3] = sum & 0xff;
  return message;
}
