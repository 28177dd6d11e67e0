import { describe, it, expect } from 'vitest';
import { Device } from './device.ts';
import { Link, type LinkOptions } from './link.ts';
import { Simulator } from './simulator.ts';

/** Override with NETSIM_SEED=… to replay a failure or try other seeds. */
const SEED = Number(process.env.NETSIM_SEED ?? 20240601);
const replay = `seed ${SEED} (replay: NETSIM_SEED=${SEED})`;

function frameOf(length: number, marker = 0): Uint8Array {
  const frame = new Uint8Array(length);
  new DataView(frame.buffer).setUint32(14, marker);
  return frame;
}

function pair(options: LinkOptions, seed = SEED) {
  const sim = new Simulator({ seed });
  const a = new Device(sim, 'a');
  const b = new Device(sim, 'b');
  const ia = a.addInterface('eth0');
  const ib = b.addInterface('eth0');
  const link = new Link(sim, ia, ib, options);
  const received: { time: number; frame: Uint8Array }[] = [];
  b.use({ onFrame: (ctx, _iface, frame) => received.push({ time: ctx.now, frame }) });
  return { sim, a, b, ia, ib, link, received };
}

describe('Link timing', () => {
  it('delivers after serialization plus propagation: 1500 B at 1 Mbit/s is 12 ms, + 5 ms delay = 17 ms', () => {
    const { sim, ia, received } = pair({ delayMs: 5, bandwidthBps: 1e6 });
    expect(ia.send(frameOf(1500))).toBe('sent');
    sim.run();
    expect(received.map((r) => r.time)).toEqual([17]);
  });

  it('serializes back-to-back frames one after another on the transmitter', () => {
    const { sim, ia, received } = pair({ delayMs: 5, bandwidthBps: 1e6 });
    for (let i = 0; i < 3; i++) ia.send(frameOf(1500, i));
    sim.run();
    expect(received.map((r) => r.time)).toEqual([17, 29, 41]);
  });

  it('has no serialization delay at infinite bandwidth (the default)', () => {
    const { sim, ia, received } = pair({ delayMs: 2.5 });
    ia.send(frameOf(1500));
    ia.send(frameOf(1500));
    sim.run();
    expect(received.map((r) => r.time)).toEqual([2.5, 2.5]);
  });

  it('is full duplex: each direction has its own transmitter', () => {
    const { sim, a, ia, ib, received } = pair({ delayMs: 1, bandwidthBps: 8e6 });
    const atA: number[] = [];
    a.use({ onFrame: (ctx) => atA.push(ctx.now) });
    ia.send(frameOf(1000));
    ib.send(frameOf(1000));
    sim.run();
    // 1000 B × 8 / 8 Mbit/s = 1 ms, + 1 ms: both arrive at 2 ms, neither waits for the other.
    expect(received.map((r) => r.time)).toEqual([2]);
    expect(atA).toEqual([2]);
  });
});

describe('Link transmit queue', () => {
  it('tail-drops frames that do not fit the queue and records the drop', () => {
    const { sim, ia, link, received } = pair({ bandwidthBps: 1e6, queueBytes: 3000 });
    // The first frame goes straight onto the wire; two more fit the 3000-byte queue.
    const outcomes = Array.from({ length: 5 }, (_, i) => ia.send(frameOf(1500, i)));
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'dropped-queue', 'dropped-queue']);
    expect(link.queuedBytes(ia)).toBe(3000);
    expect(sim.trace.select({ event: 'dropped-queue' }).map((r) => [r.time, r.frame])).toEqual([
      [0, 4],
      [0, 5],
    ]);
    sim.run();
    expect(received.map((r) => r.time)).toEqual([12, 24, 36]);
  });

  it('accepts again once the queue drains, and counts only frames not yet on the wire', () => {
    const { sim, ia, link } = pair({ bandwidthBps: 1e6, queueBytes: 1500 });
    ia.send(frameOf(1500));
    ia.send(frameOf(1500));
    expect(ia.send(frameOf(1500))).toBe('dropped-queue');
    sim.run({ until: 12 }); // the second frame starts serializing at 12 ms
    expect(link.queuedBytes(ia)).toBe(0);
    expect(ia.send(frameOf(1500))).toBe('sent');
    sim.run();
  });

  it('with queueBytes 0 drops whatever would have to wait', () => {
    const { ia } = pair({ bandwidthBps: 1e6, queueBytes: 0 });
    expect([ia.send(frameOf(100)), ia.send(frameOf(100))]).toEqual(['sent', 'dropped-queue']);
  });
});

describe('Link impairments (seeded)', () => {
  it('loses close to the configured fraction of frames', () => {
    const p = 0.1;
    const n = 10_000;
    const { sim, ia, received } = pair({ loss: p });
    for (let i = 0; i < n; i++) ia.send(frameOf(64, i));
    sim.run();
    const lost = sim.trace.select({ event: 'lost' }).length;
    expect(lost + received.length).toBe(n);
    // Binomial(n, p): σ = √(n p (1-p)) = 30 frames; allow 5σ so a fair generator never fails.
    expect(Math.abs(lost - n * p), `lost ${lost} of ${n}, ${replay}`).toBeLessThan(150);
  });

  it('records a lost frame at the time it would have arrived', () => {
    const { sim, ia, received } = pair({ loss: 1, delayMs: 3, bandwidthBps: 1e6 });
    ia.send(frameOf(125)); // 1 ms to serialize
    sim.run();
    expect(received).toEqual([]);
    expect(sim.trace.records.map((r) => [r.event, r.time])).toEqual([
      ['sent', 0],
      ['lost', 4],
    ]);
  });

  it('duplicates frames: a "duplicated" record, then two deliveries of the same frame id', () => {
    const n = 2000;
    const { sim, ia, received } = pair({ duplicate: 0.05, delayMs: 1 });
    for (let i = 0; i < n; i++) ia.send(frameOf(64, i));
    sim.run();
    const duplicated = sim.trace.select({ event: 'duplicated' });
    expect(duplicated.length, replay).toBeGreaterThan(50);
    expect(duplicated.length, replay).toBeLessThan(150);
    expect(received.length).toBe(n + duplicated.length);
    const first = duplicated[0]!;
    const deliveries = sim.trace.select({ event: 'delivered' }).filter((r) => r.frame === first.frame);
    expect(deliveries).toHaveLength(2);
    // Each copy belongs to the receiver alone.
    const marker = new DataView(first.bytes.buffer, first.bytes.byteOffset).getUint32(14);
    const copies = received.filter((r) => new DataView(r.frame.buffer).getUint32(14) === marker);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.frame).not.toBe(copies[1]!.frame);
  });

  it('reorders: some frames are delivered after frames sent later', () => {
    const { sim, ia, received } = pair({ reorder: 0.2, reorderDelayMs: 5, delayMs: 1, bandwidthBps: 1e7 });
    for (let i = 0; i < 500; i++) ia.send(frameOf(125, i)); // 0.1 ms apart on the wire
    sim.run();
    const order = received.map((r) => new DataView(r.frame.buffer).getUint32(14));
    expect(order).toHaveLength(500);
    const inversions = order.filter((x, i) => i > 0 && x < order[i - 1]!).length;
    expect(inversions, replay).toBeGreaterThan(20);
    // The trace shows it too: delivery order differs from send order.
    const delivered = sim.trace.select({ event: 'delivered' }).map((r) => r.frame);
    const sent = sim.trace.select({ event: 'sent' }).map((r) => r.frame);
    expect(delivered).not.toEqual(sent);
    expect([...delivered].sort((x, y) => x - y)).toEqual(sent);
  });

  it('an ideal link draws no randomness', () => {
    const { sim, ia, link } = pair({ delayMs: 1 });
    const before = sim.random.fork(`link:${link.name}:a:eth0>b:eth0`).nextUint32();
    ia.send(frameOf(64));
    sim.run();
    expect(sim.random.fork(`link:${link.name}:a:eth0>b:eth0`).nextUint32()).toBe(before);
  });
});

describe('Link frame ownership', () => {
  it('copies on send, so the sender may reuse its buffer', () => {
    const { sim, ia, received } = pair({ delayMs: 1 });
    const buffer = frameOf(64, 1);
    ia.send(buffer);
    buffer.fill(0xee);
    sim.run();
    expect(received[0]!.frame[17]).toBe(1);
    expect(sim.trace.records[0]!.bytes[17]).toBe(1);
  });

  it('gives the receiver its own copy, so changing it leaves the trace alone', () => {
    const sim = new Simulator({ seed: SEED });
    const a = new Device(sim, 'a');
    const b = new Device(sim, 'b');
    new Link(sim, a.addInterface('eth0'), b.addInterface('eth0'), { delayMs: 1 });
    // A router rewriting MACs in place is exactly this.
    b.use({ onFrame: (_ctx, _iface, frame) => frame.fill(0xee) });
    a.iface('eth0').send(frameOf(64, 7));
    sim.run();
    for (const r of sim.trace.records) expect(r.bytes[17]).toBe(7);
  });

  it('hands the receiver a buffer of its own: byteOffset 0, nothing around it', () => {
    const { sim, ia, received } = pair({ delayMs: 1, duplicate: 1 });
    ia.send(frameOf(1500, 9));
    sim.run();
    expect(received).toHaveLength(2);
    for (const { frame } of received) {
      expect([frame.byteOffset, frame.buffer.byteLength]).toEqual([0, 1500]);
    }
  });

  it('lends its own copy to a behaviour that only borrows frames, and does not copy it again when passed on', () => {
    const sim = new Simulator({ seed: SEED });
    const [a, fwd, b] = ['a', 'fwd', 'b'].map((n) => new Device(sim, n));
    new Link(sim, a!.addInterface('eth0'), fwd!.addInterface('eth0'), { delayMs: 1 });
    new Link(sim, fwd!.addInterface('eth1'), b!.addInterface('eth0'), { delayMs: 1 });
    const lent: Uint8Array[] = [];
    fwd!.use({
      borrowsFrames: true,
      onFrame: (ctx, _iface, frame) => {
        lent.push(frame);
        ctx.send('eth1', frame);
      },
    });
    const got: Uint8Array[] = [];
    b!.use({ onFrame: (_ctx, _iface, frame) => got.push(frame) });
    a!.iface('eth0').send(frameOf(1500, 5));
    sim.run();
    const records = sim.trace.records;
    expect(records.map((r) => r.event)).toEqual(['sent', 'delivered', 'sent', 'delivered']);
    // One kept copy serves all four records, and it is what the forwarder was lent.
    expect(new Set(records.map((r) => r.bytes.byteOffset)).size).toBe(1);
    expect(lent[0]!.byteOffset).toBe(records[0]!.bytes.byteOffset);
    expect(got[0]![17]).toBe(5);
    expect(got[0]!.byteOffset).toBe(0);
  });

  it('keeps only snaplen bytes in the trace but delivers the whole frame', () => {
    const sim = new Simulator({ seed: SEED, traceSnaplen: 20 });
    const a = new Device(sim, 'a');
    const b = new Device(sim, 'b');
    new Link(sim, a.addInterface('eth0'), b.addInterface('eth0'));
    const got: Uint8Array[] = [];
    b.use({ onFrame: (_ctx, _iface, frame) => got.push(frame) });
    a.iface('eth0').send(frameOf(1500));
    sim.run();
    expect(got[0]!.length).toBe(1500);
    for (const r of sim.trace.records) {
      expect(r.bytes.length).toBe(20);
      expect(r.length).toBe(1500);
    }
  });
});

describe('Link setup', () => {
  it('validates its options with messages that name the option', () => {
    expect(() => pair({ loss: 1.5 })).toThrow(/loss must be a probability/);
    expect(() => pair({ delayMs: -1 })).toThrow(/delayMs/);
    expect(() => pair({ bandwidthBps: 0 })).toThrow(/bandwidthBps/);
  });

  it('refuses to plug a second link into an interface', () => {
    const { sim, ia } = pair({});
    const c = new Device(sim, 'c');
    expect(() => new Link(sim, ia, c.addInterface('eth0'))).toThrow(/already linked/);
    expect(sim.links.size).toBe(1);
  });

  it('names itself after its ends by default', () => {
    expect(pair({}).link.name).toBe('a:eth0-b:eth0');
  });
});
