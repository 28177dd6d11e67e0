/**
 * Stage nat: a NAPT gateway (RFC 3022 §2.2) with endpoint-independent mapping
 * (RFC 4787 §4.1 REQ-1), idle timeouts (RFC 4787 REQ-5/REQ-6, RFC 5382 REQ-5)
 * and checksums fixed through the pseudo-header (RFC 3022 §4.1).
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { expectBytes, LabAssertionError, toHex, Transcript } from '@lab-kit';
import { NatGateway } from '@impl/nat.ts';
import { TCP_TIMEOUT_MS, UDP_TIMEOUT_MS, type NatOptions } from '@impl/nat-types.ts';
import { attempt, errorOf, same } from './fixtures/harness.ts';
import { ipv4Fields, udpFields } from './fixtures/layouts.ts';
import { ipv4Datagram, sum16, tcpDatagram, udpDatagram, viewDatagram, type DatagramView } from './fixtures/packets.ts';
import { REAL_UDP_DATAGRAM } from './fixtures/real-bytes.ts';

const PUBLIC = '203.0.113.1';
const SERVER = '198.51.100.80';
const PHONE = '10.0.1.10';
const LAPTOP = '10.0.1.11';
const SEE_NAT = 'nat.ts (the rules in its doc comment)';
const SEE_CHECKSUM = 'RFC 3022 §4.1: the TCP/UDP checksum covers the addresses through the pseudo-header, so it must be fixed too';
const UDP_DATAGRAM_FIELDS = [...ipv4Fields(), ...udpFields(20), { name: 'udp.data', offset: 28, length: 1500 }];

const out = (source: string, sourcePort: number, data = 'query', destination = SERVER, destinationPort = 443) =>
  udpDatagram({ source, destination, sourcePort, destinationPort, data });
const back = (destinationPort: number, data = 'answer', source = SERVER, sourcePort = 443) =>
  udpDatagram({ source, destination: PUBLIC, sourcePort, destinationPort, data });

/** "10.0.1.10:5000 → 198.51.100.80:443 (checksums ok)" for a datagram, or "dropped". */
function flow(datagram: Uint8Array | undefined): string {
  if (datagram === undefined) return 'dropped';
  const v: DatagramView = viewDatagram(datagram);
  const ok = v.headerChecksumOk && v.transportChecksumOk ? 'checksums ok' : `BAD checksum: ip ${v.headerChecksumOk ? 'ok' : 'wrong'}, ${v.protocol === 6 ? 'tcp' : 'udp'} ${v.transportChecksumOk ? 'ok' : 'wrong'}`;
  return `${v.source}:${v.sourcePort} → ${v.destination}:${v.destinationPort} (${ok})`;
}

/** Drives a NatGateway as a transcript. */
class NatHarness {
  readonly t: Transcript;
  readonly nat: NatGateway;
  #now = 0;
  constructor(title: string, options: NatOptions = { publicIp: PUBLIC }) {
    this.t = new Transcript(title);
    this.nat = attempt(this.t, `new NatGateway(${JSON.stringify(options)})`, () => new NatGateway(options));
  }
  outbound(datagram: Uint8Array, expected: string, see?: string): Uint8Array | undefined {
    const result = attempt(this.t, 'outbound', () => this.nat.outbound(datagram));
    this.t.expect(`t=${this.#now} ms: outbound ${flow(datagram)}`, flow(result), expected, see);
    return result;
  }
  inbound(datagram: Uint8Array, expected: string, see?: string): Uint8Array | undefined {
    const result = attempt(this.t, 'inbound', () => this.nat.inbound(datagram));
    this.t.expect(`t=${this.#now} ms: inbound ${flow(datagram)}`, flow(result), expected, see);
    return result;
  }
  tick(ms: number): void {
    this.#now += ms;
    this.t.step(`tick(${ms}) → t=${this.#now} ms`);
    attempt(this.t, `tick(${ms})`, () => this.nat.tick(ms));
  }
}

describe('NatGateway: translation', () => {
  it('rewrites an outbound UDP source to the public address and the first dynamic port, fixing both checksums', () => {
    const h = new NatHarness('NAT, first datagram out');
    const translated = h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`, `${SEE_NAT}: ports start at 49152, the first dynamic port (RFC 6335 §6)`);
    expectBytes(translated!, udpDatagram({ source: PUBLIC, destination: SERVER, sourcePort: 49152, destinationPort: 443, data: 'query' }), {
      what: 'the translated datagram',
      fields: UDP_DATAGRAM_FIELDS,
      see: `${SEE_CHECKSUM}; nothing else changes (the router, not the NAT, decrements the TTL)`,
    });
  });

  it('translates the datagram captured from Linux, with checksums a receiver accepts', () => {
    const h = new NatHarness('NAT, the captured datagram', { publicIp: PUBLIC });
    const translated = h.outbound(REAL_UDP_DATAGRAM, `${PUBLIC}:49152 → 192.0.2.11:9 (checksums ok)`, SEE_CHECKSUM);
    const expected = REAL_UDP_DATAGRAM.slice();
    expected.set([203, 0, 113, 1], 12);
    expected.set([0xc0, 0x00], 20);
    // Checksums as RFC 1071 computes them from scratch, by the test's own code.
    expected.set([0, 0], 10);
    const ipSum = ~sum16(expected.subarray(0, 20)) & 0xffff;
    expected.set([ipSum >> 8, ipSum & 0xff], 10);
    expected.set([0, 0], 26);
    const udpSum = ~sum16(expected.subarray(20), sum16([203, 0, 113, 1, 192, 0, 2, 11, 0, 17, 0, 23])) & 0xffff;
    expected.set([udpSum >> 8, udpSum & 0xff], 26);
    expectBytes(translated!, expected, { what: 'the translated capture', fields: UDP_DATAGRAM_FIELDS, see: SEE_CHECKSUM });
  });

  it('maps the reply back to the inside host and port', () => {
    const h = new NatHarness('NAT, a reply');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    const restored = h.inbound(back(49152), `${SERVER}:443 → ${PHONE}:5000 (checksums ok)`, 'RFC 3022 §2.2: the destination address and port of the reply go back to the inside pair');
    expectBytes(restored!, udpDatagram({ source: SERVER, destination: PHONE, sourcePort: 443, destinationPort: 5000, data: 'answer' }), { what: 'the restored reply', fields: UDP_DATAGRAM_FIELDS, see: SEE_CHECKSUM });
  });

  it('keeps one mapping per inside address and port, whatever the destination (endpoint-independent)', () => {
    const h = new NatHarness('NAT, several flows');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.outbound(out(PHONE, 5000, 'dns', '192.0.2.53', 53), `${PUBLIC}:49152 → 192.0.2.53:53 (checksums ok)`, 'RFC 4787 §4.1 REQ-1: the same inside address and port keep their public port for every destination');
    h.outbound(out(PHONE, 5001), `${PUBLIC}:49153 → ${SERVER}:443 (checksums ok)`, 'another inside port: the next public port');
    h.outbound(out(LAPTOP, 5000), `${PUBLIC}:49154 → ${SERVER}:443 (checksums ok)`, 'another inside host with the same port: another public port');
    h.t.expect('mappings', h.nat.mappings, [
      { protocol: 'udp', insideIp: PHONE, insidePort: 5000, publicPort: 49152 },
      { protocol: 'udp', insideIp: PHONE, insidePort: 5001, publicPort: 49153 },
      { protocol: 'udp', insideIp: LAPTOP, insidePort: 5000, publicPort: 49154 },
    ], 'three inside pairs, three mappings, oldest first');
    h.inbound(back(49154), `${SERVER}:443 → ${LAPTOP}:5000 (checksums ok)`);
    h.inbound(back(49152, 'dns answer', '192.0.2.53', 53), `192.0.2.53:53 → ${PHONE}:5000 (checksums ok)`, `${SEE_NAT}: any remote may answer to a mapped port (endpoint-independent filtering, RFC 4787 §5)`);
  });

  it('drops inbound datagrams it has no mapping for', () => {
    const h = new NatHarness('NAT, unsolicited inbound');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.inbound(back(49153), 'dropped', 'no mapping for port 49153: nothing inside asked for it');
    h.inbound(udpDatagram({ source: SERVER, destination: '203.0.113.2', sourcePort: 443, destinationPort: 49152, data: 'x' }), 'dropped', 'not addressed to the public IP');
    h.inbound(tcpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: 49152 }), 'dropped', 'port 49152 is mapped for UDP, not TCP: each protocol has its own ports');
  });

  it('translates TCP too, in its own port space, with the TCP checksum fixed', () => {
    const h = new NatHarness('NAT, TCP');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    const syn = h.outbound(tcpDatagram({ source: PHONE, destination: SERVER, sourcePort: 6000, destinationPort: 443 }), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`, `${SEE_NAT}: TCP has its own ports, so its first mapping also gets 49152; ${SEE_CHECKSUM}`);
    h.t.expect('the TCP flags byte', syn?.[33], 0x02, 'the segment is otherwise unchanged (still a SYN)');
    h.inbound(tcpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: 49152, flags: 0x12 }), `${SERVER}:443 → ${PHONE}:6000 (checksums ok)`, 'the SYN-ACK goes back to the phone');
  });

  it('leaves a UDP checksum of 0 at 0, and sends a computed 0 as 0xffff', () => {
    const h = new NatHarness('NAT, UDP checksum edge cases');
    const none = out(PHONE, 5000);
    none.set([0, 0], 26);
    const translated = h.outbound(none, `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.t.expect('UDP checksum after translating a datagram sent without one', [translated?.[26], translated?.[27]], [0, 0], 'RFC 768: 0 means the sender computed no checksum; inventing one is not the NAT\'s job');
    // A datagram whose translated checksum comes out as 0: two data bytes chosen to make the sum 0xffff.
    const zero = udpDatagram({ source: LAPTOP, destination: SERVER, sourcePort: 7000, destinationPort: 443, data: Uint8Array.of(0, 0) });
    const after = Uint8Array.from([...zero.subarray(20)]);
    after.set([0xc0, 0x01], 0);
    after.set([0, 0], 6);
    const s0 = sum16(after, sum16([203, 0, 113, 1, ...SERVER.split('.').map(Number), 0, 17, 0, after.length]));
    const word = 0xffff - s0;
    const crafted = udpDatagram({ source: LAPTOP, destination: SERVER, sourcePort: 7000, destinationPort: 443, data: Uint8Array.of(word >> 8, word & 0xff) });
    const result = h.outbound(crafted, `${PUBLIC}:49153 → ${SERVER}:443 (checksums ok)`);
    h.t.expect('UDP checksum of a datagram whose checksum computes to 0', [result?.[26], result?.[27]], [0xff, 0xff], 'RFC 768: "If the computed checksum is zero, it is transmitted as all ones"');
  });

  it('adjusts the TCP/UDP checksum for the rewrite only, so a datagram damaged before the gateway still fails its checksum', () => {
    const h = new NatHarness('NAT, damaged before the gateway');
    const SEE_ADJUST = 'RFC 3022 §4.2 and RFC 1624: adjust the checksum by the words that changed; recomputing it would bless the damage';
    const damaged = out(PHONE, 5000, 'query');
    damaged[30] = damaged[30]! ^ 0x20; // one bit of the data flipped on the inside link: "query" became "qUery"
    h.outbound(damaged, `${PUBLIC}:49152 → ${SERVER}:443 (BAD checksum: ip ok, udp wrong)`, SEE_ADJUST);
    const reply = back(49152, 'answer');
    reply[29] = reply[29]! ^ 0x01;
    h.inbound(reply, `${SERVER}:443 → ${PHONE}:5000 (BAD checksum: ip ok, udp wrong)`, SEE_ADJUST);
    const syn = tcpDatagram({ source: PHONE, destination: SERVER, sourcePort: 6000, destinationPort: 443, data: Uint8Array.of(1, 2, 3, 4) });
    syn[41] = syn[41]! ^ 0x80;
    h.outbound(syn, `${PUBLIC}:49152 → ${SERVER}:443 (BAD checksum: ip ok, tcp wrong)`, SEE_ADJUST);
  });

  it('drops a datagram whose IPv4 header checksum is wrong, in either direction', () => {
    const h = new NatHarness('NAT, damaged header');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    const badOut = out(PHONE, 5001);
    badOut[11] = badOut[11]! ^ 0x01;
    h.outbound(badOut, 'dropped', `${SEE_NAT}: a header that fails its checksum may carry any address; RFC 1812 §5.2.2`);
    const badIn = back(49152);
    badIn[10] = badIn[10]! ^ 0x40;
    h.inbound(badIn, 'dropped', 'the same on the way in');
    h.t.expect('mappings', h.nat.mappings.length, 1, 'the damaged datagram made no mapping');
  });

  it('drops a datagram whose header checksum is right but whose version is not 4', () => {
    const h = new NatHarness('NAT, well-summed version 6');
    const version6 = out(PHONE, 5000).slice();
    version6[0] = 0x65;
    version6.set([0, 0], 10);
    const sum = 0xffff - sum16(version6.subarray(0, 20));
    version6.set([sum >> 8, sum & 0xff], 10);
    h.outbound(version6, 'dropped', `${SEE_NAT}: a header that does not decode is dropped, checksum or not (RFC 1812 §5.2.2: the version must be 4)`);
    h.t.expect('mappings', h.nat.mappings, [], 'nothing was translated, so nothing was mapped');
  });

  it('adjusts a TCP checksum that happens to be 0: unlike UDP, 0 is an ordinary TCP checksum', () => {
    const h = new NatHarness('NAT, TCP checksum 0');
    // Two data bytes chosen so the segment's checksum computes to 0x0000 (the sum is 0xffff).
    const blank = tcpDatagram({ source: PHONE, destination: SERVER, sourcePort: 6000, destinationPort: 443, data: Uint8Array.of(0, 0) }).subarray(20);
    blank.set([0, 0], 16);
    const partial = sum16(blank, sum16([...PHONE.split('.').map(Number), ...SERVER.split('.').map(Number), 0, 6, 0, blank.length]));
    const word = 0xffff - partial;
    const zero = tcpDatagram({ source: PHONE, destination: SERVER, sourcePort: 6000, destinationPort: 443, data: Uint8Array.of(word >> 8, word & 0xff) });
    h.t.expect('the TCP checksum sent', [zero[36], zero[37]], [0, 0], 'the test\'s own precondition');
    h.outbound(zero, `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`, 'RFC 9293 §3.1: TCP has no "no checksum" value; only UDP reserves 0 (RFC 768)');
  });

  it('returns a translated copy and leaves its argument alone', () => {
    const h = new NatHarness('NAT, copies');
    const original = out(PHONE, 5000);
    const before = toHex(original);
    h.outbound(original, `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.t.expect('the datagram passed to outbound, afterwards', toHex(original), before, `${SEE_NAT}: the caller may still need the original (a router quoting it in an ICMP error, say)`);
  });

  it('drops what it cannot translate: ICMP, fragments, truncated and damaged datagrams', () => {
    const h = new NatHarness('NAT, untranslatable');
    h.outbound(ipv4Datagram({ source: PHONE, destination: SERVER, protocol: 1, payload: Uint8Array.of(8, 0, 0xf7, 0xff, 0, 0, 0, 0) }), 'dropped', `${SEE_NAT}: ICMP has no ports; translating it is RFC 5508's business`);
    h.outbound(ipv4Datagram({ source: PHONE, destination: SERVER, protocol: 1, payload: new Uint8Array(40) }), 'dropped', 'an ICMP message as long as a TCP header is still not TCP');
    h.outbound(ipv4Datagram({ source: PHONE, destination: SERVER, flagsAndOffset: 0x2000, payload: out(PHONE, 5000).subarray(20) }), 'dropped', 'a first fragment (more fragments set)');
    h.outbound(ipv4Datagram({ source: PHONE, destination: SERVER, flagsAndOffset: 0x0004, payload: new Uint8Array(16) }), 'dropped', 'a later fragment has no UDP header at all');
    h.outbound(ipv4Datagram({ source: PHONE, destination: SERVER, payload: Uint8Array.of(0x13, 0x88, 0x01) }), 'dropped', 'three bytes of UDP header are not enough');
    h.outbound(out(PHONE, 5000).subarray(0, 10), 'dropped', 'ten bytes are no datagram');
    h.t.expect('mappings', h.nat.mappings, [], 'nothing was translated, so nothing was mapped');
  });

  it('round-trips any flow: out and back gives the inside address and port, with valid checksums (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ host: fc.integer({ min: 2, max: 254 }), port: fc.integer({ min: 1, max: 65535 }), tcp: fc.boolean() }), { minLength: 1, maxLength: 30 }), (flows) => {
        const nat = new NatGateway({ publicIp: PUBLIC });
        for (const f of flows) {
          const inside = `10.0.1.${f.host}`;
          const datagram = f.tcp
            ? tcpDatagram({ source: inside, destination: SERVER, sourcePort: f.port, destinationPort: 443 })
            : udpDatagram({ source: inside, destination: SERVER, sourcePort: f.port, destinationPort: 443, data: 'q' });
          const translated = nat.outbound(datagram);
          const publicPort = translated === undefined ? 0 : viewDatagram(translated).sourcePort!;
          same(flow(translated), `${PUBLIC}:${publicPort} → ${SERVER}:443 (checksums ok)`, `outbound ${flow(datagram)}: the public source, checksums valid`);
          const reply = f.tcp
            ? tcpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: publicPort, flags: 0x12 })
            : udpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: publicPort, data: 'a' });
          same(flow(nat.inbound(reply)), `${SERVER}:443 → ${inside}:${f.port} (checksums ok)`, `the reply to public port ${publicPort}`);
        }
      }),
      { numRuns: 100, includeErrorInReport: true },
    );
  });

  it('never throws on random bytes, in either direction', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.constantFrom(6, 17), (bytes, protocol) => {
        const nat = new NatGateway({ publicIp: PUBLIC });
        const shaped = Uint8Array.from(bytes);
        if (shaped.length >= 20) {
          shaped[0] = 0x45;
          shaped[9] = protocol;
        }
        for (const direction of ['outbound', 'inbound'] as const) {
          try {
            nat[direction](shaped);
          } catch (error) {
            throw new LabAssertionError(`${direction}(${toHex(shaped)}) threw ${String(error)}; a NAT drops what it cannot translate`, String(error), 'undefined or a datagram');
          }
        }
      }),
      { numRuns: 300, includeErrorInReport: true },
    );
  });
});

describe('NatGateway: time and ports', () => {
  it('refuses a port range outside 1–65535 or upside down, and time running backwards', () => {
    const make = (firstPort: number, lastPort: number) => () => new NatGateway({ publicIp: PUBLIC, firstPort, lastPort });
    for (const [first, last, why] of [[0, 10, 'port 0 is not a port'], [10, 9, 'firstPort after lastPort'], [60000, 65536, 'ports are 16 bits'], [1.5, 10, 'ports are whole numbers'], [10, 20.5, 'ports are whole numbers']] as const) {
      const error = errorOf(make(first, last));
      if (!(error instanceof RangeError)) throw new LabAssertionError(`new NatGateway({ firstPort: ${first}, lastPort: ${last} }) should throw a RangeError: ${why}`, String(error), 'RangeError');
    }
    const h = new NatHarness('NAT, the smallest ranges', { publicIp: PUBLIC, firstPort: 1, lastPort: 1 });
    h.outbound(out(PHONE, 5000), `${PUBLIC}:1 → ${SERVER}:443 (checksums ok)`, 'a range of one port, port 1, is allowed');
    h.tick(0);
    h.t.expect('tick(-1) throws a RangeError', errorOf(() => h.nat.tick(-1)) instanceof RangeError, true, 'time does not run backwards');
  });

  it('forgets a UDP mapping idle for 120 s', () => {
    const h = new NatHarness('NAT, UDP idle timeout');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.tick(UDP_TIMEOUT_MS - 1);
    h.inbound(back(49152), `${SERVER}:443 → ${PHONE}:5000 (checksums ok)`, 'idle for 119 999 ms: still mapped');
    h.tick(UDP_TIMEOUT_MS);
    h.inbound(back(49152), 'dropped', `${SEE_NAT}: idle for ${UDP_TIMEOUT_MS} ms, the mapping is gone (RFC 4787 REQ-5: at least 2 minutes)`);
    h.t.expect('mappings', h.nat.mappings, []);
  });

  it('refreshes a mapping with every datagram that uses it, outbound or inbound', () => {
    const h = new NatHarness('NAT, refresh');
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.tick(100_000);
    h.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`, 'RFC 4787 REQ-6: outbound traffic refreshes the mapping');
    h.tick(100_000);
    h.inbound(back(49152), `${SERVER}:443 → ${PHONE}:5000 (checksums ok)`, 'last used 100 s ago, not 200 s');
    h.tick(119_999);
    h.inbound(back(49152), `${SERVER}:443 → ${PHONE}:5000 (checksums ok)`, `${SEE_NAT}: the inbound reply refreshed it too`);
    h.tick(120_000);
    h.inbound(back(49152), 'dropped');
  });

  it('keeps TCP mappings for 2 h 4 min by default, and honours configured timeouts', () => {
    const h = new NatHarness('NAT, TCP timeout');
    h.outbound(tcpDatagram({ source: PHONE, destination: SERVER, sourcePort: 6000, destinationPort: 443 }), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    h.tick(TCP_TIMEOUT_MS - 1);
    h.inbound(tcpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: 49152, flags: 0x10 }), `${SERVER}:443 → ${PHONE}:6000 (checksums ok)`, `RFC 5382 REQ-5: an established TCP mapping lives at least ${TCP_TIMEOUT_MS} ms idle`);
    h.tick(TCP_TIMEOUT_MS);
    h.inbound(tcpDatagram({ source: SERVER, destination: PUBLIC, sourcePort: 443, destinationPort: 49152, flags: 0x10 }), 'dropped');
    const short = new NatHarness('NAT, udpTimeoutMs 30 000', { publicIp: PUBLIC, udpTimeoutMs: 30_000 });
    short.outbound(out(PHONE, 5000), `${PUBLIC}:49152 → ${SERVER}:443 (checksums ok)`);
    short.tick(30_000);
    short.inbound(back(49152), 'dropped', 'the configured 30 s, not the default');
  });

  it('hands out ports round-robin, not reusing a port just freed, wraps round, and drops new flows when every port is taken', () => {
    const h = new NatHarness('NAT with ports 40000–40002', { publicIp: PUBLIC, firstPort: 40000, lastPort: 40002 });
    h.outbound(out(PHONE, 1), `${PUBLIC}:40000 → ${SERVER}:443 (checksums ok)`);
    h.tick(60_000);
    h.outbound(out(PHONE, 2), `${PUBLIC}:40001 → ${SERVER}:443 (checksums ok)`);
    h.tick(60_000);
    h.t.expect('public ports mapped at 120 s', h.nat.mappings.map((m) => m.publicPort), [40001], 'the first mapping has expired; 40000 is free again');
    h.outbound(out(PHONE, 3), `${PUBLIC}:40002 → ${SERVER}:443 (checksums ok)`, `${SEE_NAT}: the next port after the last one handed out, not the port just freed (a late reply for the old flow must not reach a new one)`);
    h.outbound(out(PHONE, 4), `${PUBLIC}:40000 → ${SERVER}:443 (checksums ok)`, 'past the last port, wrap round to the first free one');
    h.outbound(out(PHONE, 5), 'dropped', 'all three ports are in use: a NAT has only so many');
    h.outbound(out(PHONE, 3), `${PUBLIC}:40002 → ${SERVER}:443 (checksums ok)`, 'existing mappings still work when full');
    h.tick(120_000);
    h.outbound(out(PHONE, 5), `${PUBLIC}:40001 → ${SERVER}:443 (checksums ok)`, 'once mappings expire, their ports can be handed out again');
  });
});
