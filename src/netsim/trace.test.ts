import { describe, it, expect } from 'vitest';
import { Device, type DeviceBehaviour } from './device.ts';
import { Link } from './link.ts';
import { Simulator } from './simulator.ts';
import { readPcap, writePcap } from './pcap.ts';
import { topology } from './topology.ts';
import { formatRecord } from './trace.ts';

const SEED = Number(process.env.NETSIM_SEED ?? 20240601);
/** Index of the first differing byte, or -1 (vitest's deep equality is slow on large typed arrays). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

const replay = `seed ${SEED} (replay: NETSIM_SEED=${SEED})`;

/** Forwards every frame out of the other interface, rewriting the MACs as a router would. */
function portForwarder(nextHop: Record<string, Uint8Array>): DeviceBehaviour {
  return {
    onFrame(ctx, iface, frame) {
      const out = iface === 'eth0' ? 'eth1' : 'eth0';
      frame.set(nextHop[out]!, 0);
      frame.set(ctx.device.iface(out).mac, 6);
      ctx.send(out, frame);
    },
  };
}

/** a — sw — r1 — r2 — c with every impairment switched on; a and c exchange frames. */
function scenario(seed: number) {
  const net = topology({ seed })
    .host('a', { interfaces: { eth0: '10.0.1.2/24' } })
    .host('c', { interfaces: { eth0: '10.0.2.2/24' } })
    .switch('sw', { ports: 2 })
    .router('r1', { interfaces: { eth0: '10.0.1.1/24', eth1: '192.168.0.1/30' } })
    .router('r2', { interfaces: { eth0: '192.168.0.2/30', eth1: '10.0.2.1/24' } })
    .link('a:eth0', 'sw:eth0', { delayMs: 0.5, bandwidthBps: 1e8 })
    .link('sw:eth1', 'r1:eth0', { delayMs: 0.5, bandwidthBps: 1e8, duplicate: 0.05 })
    .link('r1:eth1', 'r2:eth0', { delayMs: 10, bandwidthBps: 1e7, loss: 0.05, reorder: 0.1, queueBytes: 20_000 })
    .link('r2:eth1', 'c:eth0', { delayMs: 0.5, bandwidthBps: 1e8, loss: 0.02 });
  const mac = (endpoint: string) => {
    const [device, iface] = endpoint.split(':') as [string, string];
    return net.device(device).iface(iface).mac;
  };
  net.device('r1').use(portForwarder({ eth0: mac('a:eth0'), eth1: mac('r2:eth0') }));
  net.device('r2').use(portForwarder({ eth0: mac('r1:eth1'), eth1: mac('c:eth0') }));
  const header = (dst: Uint8Array, src: Uint8Array, seq: number, length: number): Uint8Array => {
    const frame = new Uint8Array(length);
    frame.set(dst, 0);
    frame.set(src, 6);
    frame.set([0x08, 0x00], 12);
    new DataView(frame.buffer).setUint32(14, seq);
    return frame;
  };
  net.device('c').use({
    onFrame: (ctx, iface, frame) => ctx.send(iface, header(mac('r2:eth1'), mac('c:eth0'), frame[17]!, 64)),
  });
  net.device('a').use({
    start(ctx) {
      for (let i = 0; i < 200; i++) {
        ctx.schedule(i * 0.2 + ctx.random.next() * 0.1, () => ctx.send('eth0', header(mac('r1:eth0'), mac('a:eth0'), i, 1000)));
      }
    },
    onFrame: () => {},
  });
  net.run({ until: 10_000 });
  return net.sim;
}

describe('determinism', () => {
  it('gives the same trace, byte for byte, for the same seed', () => {
    const first = scenario(SEED);
    const second = scenario(SEED);
    expect(first.trace.length, replay).toBeGreaterThan(1000);
    // Every impairment actually happened, so the comparison covers them.
    for (const event of ['lost', 'duplicated', 'dropped-queue'] as const) {
      expect(first.trace.select({ event }).length, `${event}, ${replay}`).toBeGreaterThan(0);
    }
    // Compare as text first (a readable diff on failure), then every byte of every record.
    expect(second.trace.format()).toBe(first.trace.format());
    const everything = (sim: typeof first) =>
      writePcap(sim.trace.records.map((r) => ({ timeMs: r.time, bytes: r.bytes, originalLength: r.length })));
    expect(firstDifference(everything(second), everything(first))).toBe(-1);
    for (const [name, device] of first.devices) {
      for (const iface of device.interfaces) {
        const point = { device: name, iface: iface.name };
        expect(firstDifference(writePcap(second.trace.capture(point)), writePcap(first.trace.capture(point)))).toBe(-1);
      }
    }
  });

  it('gives a different trace for a different seed', () => {
    expect(scenario(SEED + 1).trace.format()).not.toBe(scenario(SEED).trace.format());
  });

  it('appends records in time order', () => {
    const times = scenario(SEED).trace.records.map((r) => r.time);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });
});

describe('Trace queries', () => {
  const sim = scenario(SEED);
  const trace = sim.trace;

  it('selects by link, device, interface, direction and event', () => {
    const onLink = trace.byLink('r1:eth1-r2:eth0');
    expect(onLink.length).toBeGreaterThan(0);
    expect(onLink.every((r) => r.link === 'r1:eth1-r2:eth0')).toBe(true);
    expect(trace.byDevice('r2').every((r) => r.from.device === 'r2' || r.to.device === 'r2')).toBe(true);
    const atR1Eth0 = trace.select({ device: 'r1', iface: 'eth0' });
    expect(atR1Eth0.every((r) => [r.from, r.to].some((e) => e.device === 'r1' && e.iface === 'eth0'))).toBe(true);
    const fromC = trace.select({ from: 'c', event: 'sent' });
    expect(fromC.length).toBeGreaterThan(0);
    expect(fromC.every((r) => r.from.device === 'c' && r.event === 'sent')).toBe(true);
    const bad = trace.select({ event: ['lost', 'dropped-queue'] });
    expect(bad.every((r) => r.event === 'lost' || r.event === 'dropped-queue')).toBe(true);
    expect(() => trace.select({ iface: 'eth0' })).toThrow(/needs a device/);
  });

  it('captures at an interface: what it sent and what was delivered to it', () => {
    const frames = trace.capture({ device: 'c', iface: 'eth0' });
    const expected = trace.records.filter(
      (r) =>
        (r.event === 'sent' && r.from.device === 'c' && r.from.iface === 'eth0') ||
        (r.event === 'delivered' && r.to.device === 'c' && r.to.iface === 'eth0'),
    );
    expect(expected.some((r) => r.event === 'sent') && expected.some((r) => r.event === 'delivered')).toBe(true);
    expect(frames.map((f) => f.timeMs)).toEqual(expected.map((r) => r.time));
    const { records } = readPcap(writePcap(frames));
    expect(records.map((r) => r.bytes)).toEqual(expected.map((r) => r.bytes));
  });

  it('captures on a link: everything put on the wire, lost frames included', () => {
    const frames = trace.capture({ link: 'r1:eth1-r2:eth0' });
    expect(frames.length).toBe(trace.select({ link: 'r1:eth1-r2:eth0', event: 'sent' }).length);
  });

  it('formats records as readable lines', () => {
    expect(formatRecord(trace.records[0]!)).toMatch(/^\s+\d+\.\d{3} ms  #1  a:eth0 → sw:eth0  sent  1000 B$/);
    expect(trace.format(trace.records.slice(0, 3)).split('\n')).toHaveLength(3);
  });
});

describe('Trace storage', () => {
  /** a → b over an ideal link; returns the simulator after sending the frames. */
  function sendAll(frames: Uint8Array[], snaplen?: number) {
    const sim = new Simulator(snaplen === undefined ? {} : { traceSnaplen: snaplen });
    const a = new Device(sim, 'a');
    const b = new Device(sim, 'b');
    new Link(sim, a.addInterface('eth0'), b.addInterface('eth0'), { delayMs: 1 });
    const got: Uint8Array[] = [];
    b.use({ onFrame: (_ctx, _iface, frame) => got.push(frame) });
    for (const frame of frames) a.iface('eth0').send(frame);
    sim.run();
    return { sim, got };
  }

  it('keeps every frame intact across many storage chunks', () => {
    // 2000 × 1500 B is about 3 MiB: several chunks.
    const frames = Array.from({ length: 2000 }, (_, i) => new Uint8Array(1500).fill(i % 251));
    const { sim, got } = sendAll(frames);
    const sent = sim.trace.select({ event: 'sent' });
    expect(sent).toHaveLength(2000);
    sent.forEach((r, i) => {
      expect(r.bytes.length).toBe(1500);
      expect(r.bytes[0] === i % 251 && r.bytes[1499] === i % 251, `record ${i}`).toBe(true);
    });
    expect(got.every((f, i) => f[750] === i % 251)).toBe(true);
  });

  it('keeps frames larger than a chunk slot, and empty ones', () => {
    const big = new Uint8Array(100_000).fill(7);
    const { sim, got } = sendAll([new Uint8Array(0), big, new Uint8Array(60).fill(3)]);
    expect(sim.trace.select({ event: 'sent' }).map((r) => [r.length, r.bytes.length, r.bytes[r.bytes.length - 1]])).toEqual([
      [0, 0, undefined],
      [100_000, 100_000, 7],
      [60, 60, 3],
    ]);
    expect(got.map((f) => f.length)).toEqual([0, 100_000, 60]);
  });

  it('reads records by index and range, and iterates', () => {
    const { sim } = sendAll([new Uint8Array(60), new Uint8Array(61)]);
    const trace = sim.trace;
    expect(trace.length).toBe(4);
    expect(trace.at(0)?.event).toBe('sent');
    expect(trace.at(-1)).toEqual(trace.records[3]);
    expect(trace.at(4)).toBeUndefined();
    expect(trace.slice(1, 3).map((r) => r.length)).toEqual([61, 60]);
    expect(trace.slice(-1)).toEqual([trace.at(3)]);
    expect([...trace].map((r) => r.event)).toEqual(['sent', 'sent', 'delivered', 'delivered']);
    // Records are plain data, so they survive structured cloning (postMessage from a worker).
    expect(structuredClone(trace.at(0))).toEqual(trace.at(0));
  });
});
