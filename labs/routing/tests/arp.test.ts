/**
 * Stage arp: the ARP message (RFC 826) and a network interface that resolves
 * next hops with it, in the spirit of CS144's NetworkInterface. The golden
 * bytes are a real exchange between two Linux hosts (fixtures/real-bytes.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectBytes, LabAssertionError, toHex } from '@lab-kit';
import { decodeArp, encodeArp } from '@impl/arp-message.ts';
import { PacketFormatError, type PacketFormatErrorCode } from '@impl/errors.ts';
import { NetworkInterface } from '@impl/network-interface.ts';
import type { ArpMessage } from '@impl/arp-types.ts';
import { ARP_CACHE_TTL_MS, ARP_REQUEST_TIMEOUT_MS } from '@impl/interface-types.ts';
import { errorOf, InterfaceHarness, same } from './fixtures/harness.ts';
import { ARP_FRAME_FIELDS, arpFields, UDP_FRAME_FIELDS } from './fixtures/layouts.ts';
import { arpFrame, arpPayload, ethernetFrame, udpDatagram } from './fixtures/packets.ts';
import { HOST_A, HOST_B, REAL_ARP_REPLY, REAL_ARP_REQUEST, REAL_UDP_DATAGRAM, REAL_UDP_FRAME } from './fixtures/real-bytes.ts';

const SEE_FORMAT = 'RFC 826, "Packet format"';
const SEE_RECEPTION = 'RFC 826, "Packet Reception"';
const SEE_STAGE = 'network-interface.ts (the rules in its doc comment)';
const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** Another host on the link. */
const HOST_C = { mac: '02:70:6a:00:00:0c', ipv4: '192.0.2.12' } as const;

/** The interface of host A in the capture. */
const A_OPTIONS = { name: 'eth0', ...HOST_A };

/** A small UDP datagram from A; `id` tells them apart in transcripts. */
function datagram(id: number, destination: string = HOST_B.ipv4): Uint8Array {
  return udpDatagram({ source: HOST_A.ipv4, destination, sourcePort: 40000 + id, destinationPort: 9, identification: id, data: `datagram ${id}` });
}

/** The transcript line for an IPv4 frame carrying datagram(id) from A to `to`. */
function ipLine(id: number, to: { mac: string; ipv4: string } = HOST_B): string {
  return `IPv4 id ${id} ${HOST_A.ipv4} → ${to.ipv4} proto 17 ttl 64 ports ${40000 + id}→9 (${HOST_A.mac} → ${to.mac})`;
}

const requestLine = (target: string) => `ARP request who-has ${target} tell ${HOST_A.ipv4} (${HOST_A.mac} → ${BROADCAST})`;

/** Asserts that `run` throws PacketFormatError with `code`. */
function expectFormatError(run: () => unknown, code: PacketFormatErrorCode, why: string): void {
  let outcome: string;
  try {
    outcome = `returned ${JSON.stringify(run())}`;
  } catch (error) {
    if (error instanceof PacketFormatError && error.code === code) return;
    outcome = error instanceof PacketFormatError ? `threw PacketFormatError '${error.code}'` : `threw ${String(error)}`;
  }
  throw new LabAssertionError(`expected PacketFormatError '${code}' — ${why} — but it ${outcome}`, outcome, code);
}

describe('ARP messages', () => {
  it('decode a real ARP request from Linux: who has 192.0.2.11? tell 192.0.2.10', () => {
    const { value, bytesRead } = decodeArp(REAL_ARP_REQUEST, 14);
    expect(value, `${SEE_FORMAT}: OPER 1, SHA/SPA the asker, THA zero (unknown: it is the question), TPA the address asked about`).toEqual({
      operation: 'request',
      senderMac: HOST_A.mac,
      senderIp: HOST_A.ipv4,
      targetMac: '00:00:00:00:00:00',
      targetIp: HOST_B.ipv4,
    });
    expect(bytesRead, 'an ARP message for IPv4 over Ethernet is 28 bytes').toBe(28);
  });

  it('decode the real reply: 192.0.2.11 is at 02:70:6a:00:00:0b', () => {
    expect(decodeArp(REAL_ARP_REPLY.subarray(14)).value, `${SEE_FORMAT}: OPER 2; the answer is in the sender fields, the asker in the target fields`).toEqual({
      operation: 'reply',
      senderMac: HOST_B.mac,
      senderIp: HOST_B.ipv4,
      targetMac: HOST_A.mac,
      targetIp: HOST_A.ipv4,
    });
  });

  it('encode to the same 28 bytes the Linux kernel sent', () => {
    const request: ArpMessage = { operation: 'request', senderMac: HOST_A.mac, senderIp: HOST_A.ipv4, targetMac: '00:00:00:00:00:00', targetIp: HOST_B.ipv4 };
    const reply: ArpMessage = { operation: 'reply', senderMac: HOST_B.mac, senderIp: HOST_B.ipv4, targetMac: HOST_A.mac, targetIp: HOST_A.ipv4 };
    expectBytes(encodeArp(request), REAL_ARP_REQUEST.subarray(14), { what: 'the encoded request', fields: arpFields(), see: `${SEE_FORMAT}; HTYPE 1, PTYPE 0x0800, HLEN 6, PLEN 4, all big-endian` });
    expectBytes(encodeArp(reply), REAL_ARP_REPLY.subarray(14), { what: 'the encoded reply', fields: arpFields(), see: SEE_FORMAT });
  });

  it('round-trip any message, decoded at any offset, and accept MACs in upper case', () => {
    const macArb = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));
    const messageArb = fc.record({
      operation: fc.constantFrom<'request' | 'reply'>('request', 'reply'),
      senderMac: macArb,
      senderIp: fc.ipV4(),
      targetMac: macArb,
      targetIp: fc.ipV4(),
    });
    fc.assert(
      fc.property(messageArb, fc.uint8Array({ maxLength: 20 }), (message, prefix) => {
        const encoded = encodeArp({ ...message, senderMac: message.senderMac.toUpperCase() });
        const bytes = new Uint8Array(prefix.length + encoded.length + 3);
        bytes.set(prefix);
        bytes.set(encoded, prefix.length);
        same(decodeArp(bytes, prefix.length), { value: message, bytesRead: 28 }, `decodeArp(encodeArp(m)) at offset ${prefix.length} should give m back, MACs in lower case (${SEE_FORMAT})`);
      }),
      { numRuns: 200, includeErrorInReport: true },
    );
  });

  it('ignore bytes after the 28 (a 60-byte frame carries 18 bytes of padding)', () => {
    const padded = new Uint8Array(46);
    padded.set(REAL_ARP_REQUEST.subarray(14));
    expect(decodeArp(padded), 'Ethernet pads its payload to 46 bytes; the ARP message is still the first 28').toMatchObject({ bytesRead: 28, value: { targetIp: HOST_B.ipv4 } });
  });

  it('reject what is not ARP for IPv4 over Ethernet, with the reason', () => {
    const good = REAL_ARP_REQUEST.slice(14);
    const patched = (offset: number, ...values: number[]) => {
      const copy = good.slice();
      copy.set(values, offset);
      return copy;
    };
    expectFormatError(() => decodeArp(good.subarray(0, 27)), 'truncated', 'the message needs 28 bytes');
    expectFormatError(() => decodeArp(good, 1), 'truncated', 'from offset 1 only 27 bytes are left');
    expectFormatError(() => decodeArp(patched(0, 0, 6)), 'unsupported-hardware', `HTYPE 6 is IEEE 802, not Ethernet (${SEE_FORMAT})`);
    expectFormatError(() => decodeArp(patched(4, 8)), 'unsupported-hardware', 'HLEN 8 is not a 6-byte MAC');
    expectFormatError(() => decodeArp(patched(2, 0x86, 0xdd)), 'unsupported-protocol', 'PTYPE 0x86dd is IPv6, which uses NDP, not ARP');
    expectFormatError(() => decodeArp(patched(5, 16)), 'unsupported-protocol', 'PLEN 16 is not a 4-byte IPv4 address');
    expectFormatError(() => decodeArp(patched(6, 0, 3)), 'bad-operation', 'OPER 3 is a RARP request (RFC 903), not ARP');
    expectFormatError(() => decodeArp(good, -1), 'truncated', 'a negative offset has no message before it');
  });

  it('say in the error which field was wrong and how many bytes there were', () => {
    const good = REAL_ARP_REQUEST.slice(14);
    const message = (bytes: Uint8Array, offset = 0) => {
      try {
        decodeArp(bytes, offset);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message(new Uint8Array(40), 15), 'from offset 15 of 40 bytes: 25 are left').toMatch(/28 bytes.*got 25/);
    expect(message(Uint8Array.from([0, 6, ...good.subarray(2)])), 'the hardware type').toMatch(/HTYPE 6/);
    expect(message(Uint8Array.from([...good.subarray(0, 2), 0x86, 0xdd, ...good.subarray(4)])), 'the protocol type, in hex').toMatch(/PTYPE 0x86dd/);
    expect(message(Uint8Array.from([...good.subarray(0, 6), 0, 9, ...good.subarray(8)])), 'the operation').toMatch(/OPER 9/);
  });

  it('never crash on random bytes: a message or PacketFormatError', () => {
    const header = fc.constantFrom(Uint8Array.of(0, 1, 8, 0, 6, 4), Uint8Array.of(0, 1, 8, 0), new Uint8Array(0));
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 40 }), (start, rest) => {
        const bytes = Uint8Array.from([...start, ...rest]);
        try {
          decodeArp(bytes);
        } catch (error) {
          if (!(error instanceof PacketFormatError)) {
            throw new LabAssertionError(`decodeArp(${toHex(bytes)}) threw ${String(error)}; a decoder must throw only PacketFormatError`, String(error), 'PacketFormatError');
          }
        }
      }),
      { numRuns: 300, includeErrorInReport: true },
    );
  });
});

describe('NetworkInterface', () => {
  it('asks for an unknown next hop with the very ARP request Linux sent, and holds the datagram', () => {
    const h = new InterfaceHarness('interface A sending its first datagram to B', A_OPTIONS);
    h.send('the captured UDP datagram', REAL_UDP_DATAGRAM, HOST_B.ipv4);
    const [request] = h.expectFrames('after the send', [requestLine(HOST_B.ipv4)], `${SEE_STAGE}: no MAC cached for 192.0.2.11, so broadcast a request and wait`);
    expectBytes(request!, REAL_ARP_REQUEST, { what: 'the ARP request frame', fields: ARP_FRAME_FIELDS, see: `${SEE_FORMAT}; the frame Linux sent, unpadded, THA zero` });
  });

  it('sends the held datagram as soon as the reply arrives, in exactly the frame Linux sent', () => {
    const h = new InterfaceHarness('interface A, reply from B', A_OPTIONS);
    h.send('the captured UDP datagram', REAL_UDP_DATAGRAM, HOST_B.ipv4);
    h.expectFrames('after the send', [requestLine(HOST_B.ipv4)]);
    h.t.expect('receiveFrame of an ARP reply returns', h.receive(REAL_ARP_REPLY), undefined, 'only IPv4 frames give a datagram');
    const [frame] = h.expectFrames('after the reply', [`IPv4 id 15313 ${HOST_A.ipv4} → ${HOST_B.ipv4} proto 17 ttl 64 ports 48819→9 (${HOST_A.mac} → ${HOST_B.mac})`], `${SEE_STAGE}: the reply gives B's MAC; what waited for it goes now`);
    expectBytes(frame!, REAL_UDP_FRAME, { what: 'the IPv4 frame', fields: UDP_FRAME_FIELDS, see: 'the frame Linux sent right after the reply (EtherType 0x0800, RFC 894)' });
    h.expectCached(HOST_B.ipv4, HOST_B.mac, SEE_RECEPTION);
  });

  it('answers a request for its own address with the reply Linux sent, and learns the asker', () => {
    const h = new InterfaceHarness('interface B answering A', { name: 'eth0', ...HOST_B });
    h.t.expect('receiveFrame of an ARP request returns', h.receive(REAL_ARP_REQUEST), undefined);
    const [reply] = h.expectFrames('after the request', [`ARP reply ${HOST_B.ipv4} is-at ${HOST_B.mac} (${HOST_B.mac} → ${HOST_A.mac})`], `${SEE_RECEPTION}: the target is me, so swap sender and target, put my MAC in, OPER 2, and send it straight back`);
    expectBytes(reply!, REAL_ARP_REPLY, { what: 'the ARP reply frame', fields: ARP_FRAME_FIELDS, see: SEE_RECEPTION });
    h.expectCached(HOST_A.ipv4, HOST_A.mac, `${SEE_RECEPTION}: the target is me, so add the sender to the table`);
    h.send('datagram 1 to A', udpDatagram({ source: HOST_B.ipv4, destination: HOST_A.ipv4, sourcePort: 9, destinationPort: 40001, identification: 1, data: 'hi' }), HOST_A.ipv4);
    h.expectFrames('sending to A, learned from its request', [`IPv4 id 1 ${HOST_B.ipv4} → ${HOST_A.ipv4} proto 17 ttl 64 ports 9→40001 (${HOST_B.mac} → ${HOST_A.mac})`], 'no ARP needed: the request taught B where A is');
  });

  it('sends at once, with no ARP, to a next hop it has cached', () => {
    const h = new InterfaceHarness('interface A with B cached', A_OPTIONS);
    h.send('datagram 1', datagram(1), HOST_B.ipv4);
    h.expectFrames('first datagram', [requestLine(HOST_B.ipv4)]);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('after the reply', [ipLine(1)]);
    h.send('datagram 2', datagram(2), HOST_B.ipv4);
    h.send('datagram 3', datagram(3), HOST_B.ipv4);
    h.expectFrames('two more datagrams', [ipLine(2), ipLine(3)], `${SEE_STAGE}: the cache answers`);
  });

  it('asks for the next hop, which is not the destination when it is a gateway', () => {
    const h = new InterfaceHarness('interface A sending to 203.0.113.80 through B as gateway', A_OPTIONS);
    h.send('datagram 7 for 203.0.113.80', datagram(7, '203.0.113.80'), HOST_B.ipv4);
    h.expectFrames('after the send', [requestLine(HOST_B.ipv4)], 'ARP asks for the next hop (the gateway), never for the far destination');
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('after the reply', [ipLine(7, { mac: HOST_B.mac, ipv4: '203.0.113.80' })], "the frame goes to the gateway's MAC; the IP destination stays 203.0.113.80");
  });

  it('does not send a second request for the same address within 5 s, then gives up and drops what waited', () => {
    const h = new InterfaceHarness('interface A, B silent', A_OPTIONS);
    h.send('datagram 1', datagram(1), HOST_B.ipv4);
    h.expectFrames('first datagram', [requestLine(HOST_B.ipv4)]);
    h.tick(4000);
    h.send('datagram 2', datagram(2), HOST_B.ipv4);
    h.expectFrames('4 s later', [], `${SEE_STAGE}: a request went out less than ${ARP_REQUEST_TIMEOUT_MS} ms ago; wait for its reply`);
    h.tick(999);
    h.send('datagram 3', datagram(3), HOST_B.ipv4);
    h.expectFrames('at 4999 ms', [], 'still less than 5 s');
    h.tick(1);
    h.expectFrames('at 5000 ms', [], 'timing out sends nothing');
    h.send('datagram 4', datagram(4), HOST_B.ipv4);
    h.expectFrames('after the timeout', [requestLine(HOST_B.ipv4)], `${SEE_STAGE}: ${ARP_REQUEST_TIMEOUT_MS} ms have passed, so the request has timed out; ask again`);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('when B finally answers', [ipLine(4)], `${SEE_STAGE}: datagrams 1–3 were dropped when their request timed out; only datagram 4 was waiting`);
  });

  it('releases held datagrams in the order they were sent', () => {
    const h = new InterfaceHarness('interface A, three datagrams waiting', A_OPTIONS);
    for (const id of [1, 2, 3]) h.send(`datagram ${id}`, datagram(id), HOST_B.ipv4);
    h.expectFrames('three sends', [requestLine(HOST_B.ipv4)], 'one request for all three');
    h.tick(2000);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('the reply', [ipLine(1), ipLine(2), ipLine(3)], 'first in, first out');
  });

  it('resolves two next hops independently: a reply releases only the datagrams for its address', () => {
    const h = new InterfaceHarness('interface A, two next hops', A_OPTIONS);
    h.send('datagram 1 via B', datagram(1), HOST_B.ipv4);
    h.send('datagram 2 via C', datagram(2, HOST_C.ipv4), HOST_C.ipv4);
    h.send('datagram 3 via B', datagram(3), HOST_B.ipv4);
    h.expectFrames('three sends', [requestLine(HOST_B.ipv4), requestLine(HOST_C.ipv4)], 'one request per address');
    h.receive(arpFrame(2, HOST_C, HOST_A));
    h.expectFrames("C's reply", [ipLine(2, HOST_C)], 'only the datagram for C');
    h.tick(ARP_REQUEST_TIMEOUT_MS);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames("B's reply after B's request timed out", [], `${SEE_STAGE}: datagrams 1 and 3 were dropped at 5 s, so there is nothing to send (B is still learned)`);
    h.expectCached(HOST_B.ipv4, HOST_B.mac, `${SEE_RECEPTION}: the reply is for A, so A adds B`);
  });

  it('forgets a mapping 30 s after learning it, and asks again', () => {
    const h = new InterfaceHarness('interface A, cache expiry', A_OPTIONS);
    h.receive(arpFrame(1, HOST_B, HOST_A));
    h.expectFrames('a request from B', [`ARP reply ${HOST_A.ipv4} is-at ${HOST_A.mac} (${HOST_A.mac} → ${HOST_B.mac})`]);
    h.tick(ARP_CACHE_TTL_MS - 1);
    h.expectCached(HOST_B.ipv4, HOST_B.mac, `${SEE_STAGE}: alive for ${ARP_CACHE_TTL_MS} ms`);
    h.send('datagram 1', datagram(1), HOST_B.ipv4);
    h.expectFrames('at 29 999 ms', [ipLine(1)]);
    h.tick(1);
    h.expectCached(HOST_B.ipv4, undefined, `${SEE_STAGE}: after ${ARP_CACHE_TTL_MS} ms the mapping is gone (B may have changed its MAC)`);
    h.send('datagram 2', datagram(2), HOST_B.ipv4);
    h.expectFrames('at 30 000 ms', [requestLine(HOST_B.ipv4)]);
  });

  it('counts the 30 s from the last time it heard the mapping', () => {
    const h = new InterfaceHarness('interface A, cache refresh', A_OPTIONS);
    h.send('datagram 1', datagram(1), HOST_B.ipv4);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('request and datagram', [requestLine(HOST_B.ipv4), ipLine(1)]);
    h.tick(20_000);
    h.receive(arpFrame(1, HOST_B, HOST_A));
    h.expectFrames("B's own request at 20 s", [`ARP reply ${HOST_A.ipv4} is-at ${HOST_A.mac} (${HOST_A.mac} → ${HOST_B.mac})`]);
    h.tick(29_999);
    h.send('datagram 2', datagram(2), HOST_B.ipv4);
    h.expectFrames('at 49 999 ms', [ipLine(2)], `${SEE_RECEPTION}: B's request updated the entry, so it lives until 20 000 + ${ARP_CACHE_TTL_MS} ms`);
  });

  it('updates a cached sender from any ARP, but adds a new one only from ARP addressed to it (RFC 826)', () => {
    const h = new InterfaceHarness('interface A overhearing requests', A_OPTIONS);
    const C2 = { mac: '02:70:6a:00:00:cc', ipv4: HOST_C.ipv4 };
    h.receive(arpFrame(1, HOST_C, { mac: '00:00:00:00:00:00', ipv4: '192.0.2.99' }));
    h.expectFrames('a broadcast request from C for 192.0.2.99', [], 'not for A: no reply');
    h.expectCached(HOST_C.ipv4, undefined, `${SEE_RECEPTION}: C was not in the table and the request was not for A, so A does not add C`);
    h.receive(arpFrame(1, HOST_C, HOST_A));
    h.expectFrames('a request from C for A', [`ARP reply ${HOST_A.ipv4} is-at ${HOST_A.mac} (${HOST_A.mac} → ${HOST_C.mac})`]);
    h.expectCached(HOST_C.ipv4, HOST_C.mac, `${SEE_RECEPTION}: for A, so C is added`);
    h.receive(arpFrame(1, C2, { mac: '00:00:00:00:00:00', ipv4: '192.0.2.99' }));
    h.expectCached(HOST_C.ipv4, C2.mac, `${SEE_RECEPTION}: C is known, so its new MAC replaces the old even though the request was not for A`);
  });

  it('hands up the datagram of an IPv4 frame addressed to it or to broadcast, and ignores frames for other MACs', () => {
    const h = new InterfaceHarness('interface A receiving', A_OPTIONS);
    const inbound = udpDatagram({ source: HOST_B.ipv4, destination: HOST_A.ipv4, sourcePort: 9, destinationPort: 40001, data: 'hello' });
    const toA = h.receive(ethernetFrame(HOST_A.mac, HOST_B.mac, 0x0800, inbound));
    h.t.expect('the datagram in a frame to A', toA === undefined ? undefined : Array.from(toA), Array.from(inbound), 'the Ethernet payload, unchanged');
    const toAll = h.receive(ethernetFrame(BROADCAST, HOST_B.mac, 0x0800, inbound));
    h.t.expect('the datagram in a broadcast frame', toAll === undefined ? undefined : toAll.length, inbound.length);
    h.t.expect('a frame for C', h.receive(ethernetFrame(HOST_C.mac, HOST_B.mac, 0x0800, inbound)), undefined, 'an Ethernet station drops frames for other MACs');
    h.receive(ethernetFrame(HOST_C.mac, HOST_B.mac, 0x0806, arpPayload(1, HOST_B.mac, HOST_B.ipv4, '00:00:00:00:00:00', HOST_A.ipv4)));
    h.expectFrames('an ARP request for A inside a frame for C', [], 'the frame is not for this MAC, so its contents do not matter');
    h.expectCached(HOST_B.ipv4, undefined, 'nothing learned from a frame that was not for this MAC');
  });

  it('holds a copy of a waiting datagram and hands up a copy of a received one: the caller may reuse its buffer', () => {
    const h = new InterfaceHarness('interface A, buffers reused', A_OPTIONS);
    const first = REAL_UDP_DATAGRAM.slice();
    const second = REAL_UDP_DATAGRAM.slice();
    h.send('the captured datagram', first, HOST_B.ipv4);
    h.send('the captured datagram again', second, HOST_B.ipv4);
    first.fill(0);
    second.fill(0);
    h.expectFrames('after the sends', [requestLine(HOST_B.ipv4)]);
    h.receive(REAL_ARP_REPLY);
    const frames = h.expectFrames('after the reply', [1, 2].map(() => `IPv4 id 15313 ${HOST_A.ipv4} → ${HOST_B.ipv4} proto 17 ttl 64 ports 48819→9 (${HOST_A.mac} → ${HOST_B.mac})`), 'the datagrams as they were when sent, though their buffers were zeroed since');
    h.t.expect('the second frame', toHex(frames[1] ?? new Uint8Array(0)), toHex(REAL_UDP_FRAME), 'a held datagram is a copy');
    const frame = ethernetFrame(HOST_A.mac, HOST_B.mac, 0x0800, REAL_UDP_DATAGRAM);
    const received = h.receive(frame);
    frame.fill(0xff);
    h.t.expect('the received datagram after the frame buffer was overwritten', received === undefined ? undefined : toHex(received), toHex(REAL_UDP_DATAGRAM), 'receiveFrame returns a copy of the payload');
  });

  it('releases what waited only once, even when the reply comes twice', () => {
    const h = new InterfaceHarness('interface A, duplicate reply', A_OPTIONS);
    h.send('the captured datagram', REAL_UDP_DATAGRAM, HOST_B.ipv4);
    h.expectFrames('after the send', [requestLine(HOST_B.ipv4)]);
    h.receive(REAL_ARP_REPLY);
    h.expectFrames('after the reply', [`IPv4 id 15313 ${HOST_A.ipv4} → ${HOST_B.ipv4} proto 17 ttl 64 ports 48819→9 (${HOST_A.mac} → ${HOST_B.mac})`]);
    h.receive(REAL_ARP_REPLY, 'the same reply again (a retransmitted or gratuitous ARP)');
    h.expectFrames('after the second reply', [], 'the datagram already went: the request in flight was over when the first reply came');
  });

  it('reads ARP only in frames whose EtherType is 0x0806, and refuses negative time', () => {
    const h = new InterfaceHarness('interface B, EtherTypes', { name: 'eth0', ...HOST_B });
    h.receive(ethernetFrame(BROADCAST, HOST_A.mac, 0x86dd, arpPayload(1, HOST_A.mac, HOST_A.ipv4, '00:00:00:00:00:00', HOST_B.ipv4)), 'an ARP request for B inside an IPv6 frame');
    h.expectFrames('after an IPv6 frame', [], 'EtherType 0x86dd is IPv6: its bytes are not ARP, whatever they look like');
    h.expectCached(HOST_A.ipv4, undefined, 'nothing learned');
    h.tick(0);
    h.t.expect('tick(-1) throws a RangeError', errorOf(() => h.iface.tick(-1)) instanceof RangeError, true, 'time does not run backwards');
  });

  it('answers a request padded to the 60-byte minimum frame, and ignores ARP it cannot read', () => {
    const h = new InterfaceHarness('interface B, odd frames', { name: 'eth0', ...HOST_B });
    const rarp = REAL_ARP_REQUEST.slice();
    rarp[21] = 3;
    h.receive(rarp, 'the captured request with OPER 3 (RARP)');
    h.receive(REAL_ARP_REQUEST.subarray(0, 30), 'the captured request cut to 30 bytes');
    h.receive(Uint8Array.of(1, 2, 3), 'three bytes');
    h.expectFrames('after malformed frames', [], 'bad ARP is dropped, quietly');
    const padded = new Uint8Array(60);
    padded.set(REAL_ARP_REQUEST);
    h.receive(padded, 'the captured request padded to 60 bytes');
    h.expectFrames('the padded request', [`ARP reply ${HOST_B.ipv4} is-at ${HOST_B.mac} (${HOST_B.mac} → ${HOST_A.mac})`], 'a real NIC pads short frames to 60 bytes; the ARP message is still the first 28 bytes of the payload');
  });

  it('never throws on random frames addressed to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x0800, 0x0806, 0x86dd), fc.uint8Array({ maxLength: 64 }), (etherType, payload) => {
        const iface = new NetworkInterface(A_OPTIONS);
        const frame = ethernetFrame(BROADCAST, HOST_B.mac, etherType, payload);
        try {
          iface.receiveFrame(frame);
        } catch (error) {
          throw new LabAssertionError(`receiveFrame(${toHex(frame)}) threw ${String(error)}; an interface must drop what it cannot read`, String(error), 'no exception');
        }
      }),
      { numRuns: 200, includeErrorInReport: true },
    );
  });
});
