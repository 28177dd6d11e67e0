/**
 * Stage integration: first your segment-codec.ts against segments whose bytes tshark
 * checked; then two of your endpoints on two netsim hosts, inside Ethernet and IPv4
 * frames, across a link that loses, duplicates and reorders frames
 * (tests/fixtures/lossy-transfer.ts). The client's segments go through your codec and
 * the server's through the fixture's own (tests/fixtures/reference-codec.ts), so a codec
 * that only agrees with itself cannot pass. The bytes must arrive intact, both
 * connections must close cleanly, and the retransmissions, counted on the wire, must
 * stay close to what the losses make necessary. The seed is fixed
 * and printed; change SEED below to replay the transfer over another network.
 */
import { describe, expect, it } from 'vitest';
import { Transcript, expectBytes, firstDifference, fromHex, type ByteField } from '@lab-kit';
import { Device, Link, Simulator, type LinkOptions } from '@netsim';
import { TcpConnection } from '@impl/connection.ts';
import type { Segment } from '@impl/segment.ts';
import { decodeSegment, encodeSegment, TcpFormatError } from '@impl/segment-codec.ts';
import { referenceDecode, referenceEncode } from './fixtures/reference-codec.ts';
import { MAIN_SCENARIO, runTransfer, scenarioData, type ScenarioDeps, type ScenarioOptions, type ScenarioResult } from './fixtures/lossy-transfer.ts';

/** The network's seed: loss, duplication, reordering, both ISNs and the data follow from it. */
const SEED = MAIN_SCENARIO.seed;

const deps: ScenarioDeps = {
  netsim: { Simulator, Device, Link },
  connect: (options, transmit) => new TcpConnection(options, transmit),
  encodeSegment,
  decodeSegment,
  // The server's frames go through the fixture's own codec: the client's bytes must be right, not just agree with themselves.
  serverCodec: { encodeSegment: referenceEncode, decodeSegment: referenceDecode },
};

function scenario(overrides: Partial<ScenarioOptions>): ScenarioOptions {
  return { ...MAIN_SCENARIO, seed: SEED, ...overrides };
}

function run(options: ScenarioOptions): ScenarioResult {
  return runTransfer(deps, options, scenarioData(options));
}

/** The run as transcript lines: what a failure message shows. */
function report(title: string, r: ScenarioResult): Transcript {
  const t = new Transcript(title);
  t.step(`seed ${r.seed} (set SEED in tests/integration.test.ts to replay); ${r.simulatedMs.toFixed(0)} ms simulated, ${r.events} events`);
  t.step(`frames: ${r.frames.sent} sent, ${r.frames.lost} lost, ${r.frames.duplicated} duplicated, ${r.frames.delivered} delivered`);
  for (const s of [r.client, r.server]) {
    t.step(`${s.name}: ${s.segmentsSent} segments sent, ${s.retransmissions} retransmissions; state ${s.state}; path ${s.path || '(none)'}`);
  }
  if (r.crash) t.step(`stopped: ${r.crash}`);
  for (const e of r.decodeErrors.slice(0, 5)) t.step(`undecodable frame: ${e}`);
  t.step('last segments sent:');
  for (const line of r.tail) t.step(line);
  return t;
}

/** Checks that both sides got exactly the other's bytes. */
function expectDelivered(t: Transcript, r: ScenarioResult): void {
  t.expect('expect no exception from the connections', r.crash ?? 'none', 'none');
  t.expect('expect every frame to decode', r.decodeErrors.length, 0, 'segment-codec.ts');
  for (const [to, from] of [[r.server, r.client], [r.client, r.server]] as const) {
    const at = firstDifference(to.received, from.sent);
    const where = at === -1 ? 'identical' : `first difference at byte ${at} of ${from.sent.length}`;
    t.expect(`expect the ${to.name} to have received the ${from.name}'s ${from.sent.length} bytes intact`, where, 'identical', 'RFC 9293 §3.8: a reliable, in-order byte stream');
    t.expect(`expect no bytes beyond them at the ${to.name}`, to.overflow, 0);
  }
}

/** Checks that both sides reached CLOSED without a reset or abort. */
function expectCleanClose(t: Transcript, r: ScenarioResult): void {
  for (const s of [r.client, r.server]) {
    t.expect(`expect the ${s.name} CLOSED at the end`, s.state, 'CLOSED', 'RFC 9293 §3.6: both sides close, the active closer after TIME-WAIT');
    t.expect(`expect the ${s.name} closed cleanly (no RST, no abort, no stream error)`, s.unclean, false, 'RFC 9293 §3.6');
  }
  const waited = [r.client, r.server].filter((s) => s.path.includes('TIME-WAIT')).length;
  t.expect('expect at least one side to have waited in TIME-WAIT', waited > 0, true, 'RFC 9293 §3.6: whoever closes first (or both) waits 2 × MSL');
}

const PORTS = { source: 49152, destination: 443 };
const ADDRESSES = { source: Uint8Array.of(10, 0, 0, 1), destination: Uint8Array.of(10, 0, 0, 2) };
const TCP_FIELDS: ByteField[] = [
  { name: 'source port', offset: 0, length: 2 },
  { name: 'destination port', offset: 2, length: 2 },
  { name: 'sequence number', offset: 4, length: 4 },
  { name: 'acknowledgment number', offset: 8, length: 4 },
  { name: 'data offset', offset: 12, length: 1 },
  { name: 'flags', offset: 13, length: 1 },
  { name: 'window', offset: 14, length: 2 },
  { name: 'checksum', offset: 16, length: 2 },
  { name: 'urgent pointer', offset: 18, length: 2 },
  { name: 'payload', offset: 20, length: 5 },
];
const empty = new Uint8Array(0);
/**
 * 10.0.0.1:49152 → 10.0.0.2:443. tshark 4.0 read these bytes (framed in Ethernet and IPv4)
 * with the same fields and flags, and called every checksum good (tcp.checksum.status 1).
 */
const KNOWN_SEGMENTS: [what: string, segment: Segment, hex: string][] = [
  ['a SYN, window 64000', { seqno: 0x8a3b1c2d, SYN: true, FIN: false, RST: false, window: 64000, payload: empty }, 'c0 00 01 bb 8a 3b 1c 2d 00 00 00 00 50 02 fa 00 39 bb 00 00'],
  [
    "an ACK with 5 bytes 'GET /' (PSH set)",
    { seqno: 0x8a3b1c2e, ackno: 0x01020304, SYN: false, FIN: false, RST: false, window: 65535, payload: fromHex('47 45 54 20 2f') },
    'c0 00 01 bb 8a 3b 1c 2e 01 02 03 04 50 18 ff ff 65 34 00 00 47 45 54 20 2f',
  ],
  ['a FIN|ACK just below 2^32', { seqno: 0xfffffffe, ackno: 0xdeadbeef, SYN: false, FIN: true, RST: false, window: 513, payload: empty }, 'c0 00 01 bb ff ff ff fe de ad be ef 50 11 02 01 3a 78 00 00'],
  ['an RST', { seqno: 7, SYN: false, FIN: false, RST: true, window: 0, payload: empty }, 'c0 00 01 bb 00 00 00 07 00 00 00 00 50 04 00 00 da 1b 00 00'],
];

describe('segment-codec.ts against bytes tshark agrees with', () => {
  // One test: the codec comes complete, so this only catches a copy that was changed.
  it('encodes a SYN, data, a FIN near 2^32 and an RST byte for byte, decodes them back, and rejects bad checksums', () => {
    for (const [what, segment, hex] of KNOWN_SEGMENTS) {
      const wire = fromHex(hex);
      expectBytes(encodeSegment(segment, PORTS, ADDRESSES), wire, {
        what: `encodeSegment(${what})`,
        fields: TCP_FIELDS,
        see: 'RFC 9293 §3.1: big-endian fields, FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10, checksum over the pseudo-header',
      });
      expect(decodeSegment(wire, ADDRESSES).value, `decodeSegment(${what})`).toEqual({ segment, ports: PORTS });
    }
    const wire = fromHex(KNOWN_SEGMENTS[1]![2]);
    const damaged = wire.slice();
    damaged[22]! ^= 0x01;
    const problem = (bytes: Uint8Array, addresses: typeof ADDRESSES) => {
      try {
        decodeSegment(bytes, addresses);
        return 'decoded';
      } catch (error) {
        return error instanceof TcpFormatError ? error.problem : String(error);
      }
    };
    expect(problem(damaged, ADDRESSES), 'one payload bit flipped').toBe('bad-checksum');
    expect(problem(wire, { ...ADDRESSES, destination: Uint8Array.of(10, 0, 0, 3) }), 'the pseudo-header names 10.0.0.3, the segment was for 10.0.0.2 (RFC 9293 §3.1)').toBe('bad-checksum');
    const withoutPseudoHeader = wire.slice();
    withoutPseudoHeader.set([0x79, 0x56], 16);
    expect(problem(withoutPseudoHeader, ADDRESSES), 'checksum 0x7956 covers the segment alone, without the pseudo-header').toBe('bad-checksum');
  });
});

describe('two endpoints across netsim', () => {
  it('move 1 MiB each way across a link that loses 10%, duplicates 5% and reorders 10% of frames, and close cleanly', () => {
    const r = run(scenario({}));
    const retransmissions = r.client.retransmissions + r.server.retransmissions;
    // Retransmitting only the oldest segment on a timeout (RFC 6298 (5.4)) costs at most about
    // one retransmission per lost frame: a lost data segment is sent again once, a lost ACK is
    // usually replaced by the next cumulative ACK, and a lost retransmission is itself a lost
    // frame. Go-back-N, re-sending the whole window on each timeout, needs several times more.
    const bound = r.frames.lost + 20;
    console.log(
      `seed ${r.seed}: ${r.frames.lost} of ${r.frames.sent} frames lost, ${r.frames.duplicated} duplicated; ` +
        `retransmissions ${retransmissions} (client ${r.client.retransmissions}, server ${r.server.retransmissions}; bound ${bound}); ` +
        `${(r.simulatedMs / 1000).toFixed(1)} s simulated, ${r.events} events`,
    );
    const t = report(`1 MiB each way over a lossy link (seed ${r.seed})`, r);
    expectDelivered(t, r);
    expectCleanClose(t, r);
    t.expect(
      `expect at most ${bound} retransmissions (${r.frames.lost} frames lost + 20 for the handshake and the FINs); counted ${retransmissions}`,
      retransmissions <= bound,
      true,
      'RFC 6298 (5.4): retransmit only the earliest unacknowledged segment',
    );
    expect(retransmissions, 'losses this heavy must cause some retransmissions').toBeGreaterThan(0);
  });

  it('need no retransmission at all over a perfect link, and close through the paths of Figure 5', () => {
    const r = run(scenario({ clientBytes: 100_000, serverBytes: 30_000, link: { delayMs: 1, bandwidthBps: 1e9 } }));
    const t = report('100 KB and 30 KB over a perfect link', r);
    expectDelivered(t, r);
    expectCleanClose(t, r);
    t.expect('expect no retransmissions', { client: r.client.retransmissions, server: r.server.retransmissions }, { client: 0, server: 0 }, 'RFC 6298 §5: nothing is lost, no timer should expire (RTO 100 ms, RTT 2 ms)');
    t.expect('expect the client to have opened actively', r.client.path.split(' → ').slice(0, 2), ['SYN-SENT', 'ESTABLISHED'], 'RFC 9293 §3.5');
    t.expect('expect the server to have opened passively', r.server.path.split(' → ').slice(0, 3), ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'], 'RFC 9293 §3.5');
  });

  it('survive a harsher network: another seed, 25% loss, 20% reordering, 256 KiB each way', () => {
    const harsh: LinkOptions = { delayMs: 3, bandwidthBps: 50e6, loss: 0.25, duplicate: 0.1, reorder: 0.2, reorderDelayMs: 10 };
    const r = run(scenario({ seed: SEED + 1, clientBytes: 256 * 1024, serverBytes: 256 * 1024, link: harsh }));
    console.log(`seed ${r.seed}: ${r.frames.lost} of ${r.frames.sent} frames lost; retransmissions ${r.client.retransmissions + r.server.retransmissions}`);
    const t = report(`256 KiB each way at 25% loss (seed ${r.seed})`, r);
    expectDelivered(t, r);
    expectCleanClose(t, r);
  });

  it('give up on a peer that never answers: the SYN and 8 retransmissions, then CLOSED', () => {
    const r = run(scenario({ clientBytes: 10, serverBytes: 10, link: { delayMs: 5, loss: 1 }, untilMs: 120_000 }));
    const t = report('every frame lost', r);
    t.expect('expect no exception from the connections', r.crash ?? 'none', 'none');
    t.expect('expect the client to have sent the SYN 9 times (1 + 8 retransmissions)', r.client.segmentsSent, 9, 'RFC 9293 §3.8.3 (R2); CS144 gives up after 8 retransmissions');
    t.expect('expect the client CLOSED, having aborted', { state: r.client.state, unclean: r.client.unclean }, { state: 'CLOSED', unclean: true }, 'RFC 9293 §3.8.3');
    // 100 + 200 + … + 25 600 ms of backoff before the 8th retransmission, then one more RTO of 51 200 ms.
    const tail = r.tail.map((line) => Number.parseFloat(line));
    t.expect('expect the SYNs at 0, 100, 300, 700, … ms: the RTO doubles each time', tail.slice(0, 9).map((ms) => Math.round(ms / 10) * 10), [0, 100, 300, 700, 1500, 3100, 6300, 12700, 25500].map((ms) => ms + tail[0]!), 'RFC 6298 (5.5)');
  });
});
