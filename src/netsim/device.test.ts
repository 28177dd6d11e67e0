import { describe, it, expect } from 'vitest';
import { BehaviourError, Device, type DeviceBehaviour, type DeviceContext } from './device.ts';
import type { Timer } from './simulator.ts';
import { Link } from './link.ts';
import { formatMac } from './mac.ts';
import { Simulator } from './simulator.ts';

const SEED = Number(process.env.NETSIM_SEED ?? 20240601);
const replay = `seed ${SEED} (replay: NETSIM_SEED=${SEED})`;

describe('Device', () => {
  it('has named interfaces with MACs and IPv4 metadata', () => {
    const sim = new Simulator();
    const r1 = new Device(sim, 'r1', 'router');
    const eth0 = r1.addInterface('eth0', { ipv4: '10.0.0.1/24' });
    const eth1 = r1.addInterface('eth1', { mac: '02:aa:bb:cc:dd:ee', ipv4: { address: '192.168.1.1', prefixLength: 30 } });
    expect(eth0.macString).toBe('02:00:00:00:00:01');
    expect(eth0.ipv4).toEqual({ address: '10.0.0.1', prefixLength: 24 });
    expect(formatMac(eth1.mac)).toBe('02:aa:bb:cc:dd:ee');
    expect(eth1.ipv4?.prefixLength).toBe(30);
    expect(r1.interfaces.map(String)).toEqual(['r1:eth0', 'r1:eth1']);
    // The MAC getter hands out a copy.
    eth0.mac.fill(0);
    expect(eth0.macString).toBe('02:00:00:00:00:01');
  });

  it('reports mistakes with the names that exist', () => {
    const sim = new Simulator();
    const a = new Device(sim, 'a');
    a.addInterface('eth0');
    expect(() => a.iface('eth9')).toThrow('host "a" has no interface "eth9" (it has: eth0)');
    expect(() => a.addInterface('eth0')).toThrow(/already has an interface/);
    expect(() => new Device(sim, 'a')).toThrow(/already exists/);
    expect(() => new Device(sim, 'r:1')).toThrow(/name "r:1"/);
    expect(() => a.addInterface('eth1', { ipv4: '10.0.0.300/24' })).toThrow(/not an IPv4 address/);
    expect(() => a.addInterface('eth1', { mac: '02:00' })).toThrow(/not a MAC/);
    expect(() => sim.device('zz')).toThrow('no device "zz" (devices: a)');
  });

  it('sending on an interface without a link goes nowhere, and says so', () => {
    const sim = new Simulator();
    const a = new Device(sim, 'a');
    expect(a.addInterface('eth0').send(new Uint8Array(60))).toBe('no-link');
    expect(sim.trace.length).toBe(0);
  });

  it('calls start once, as an event at the time the behaviour is attached', () => {
    const sim = new Simulator();
    const a = new Device(sim, 'a');
    const calls: number[] = [];
    a.use({ start: (ctx) => calls.push(ctx.now), onFrame: () => {} });
    expect(calls).toEqual([]);
    sim.run();
    expect(calls).toEqual([0]);
    expect(() => a.use({ onFrame: () => {} })).toThrow(/already has a behaviour/);
  });

  it('wraps a behaviour error with device, place and time, keeping the original as cause', () => {
    const sim = new Simulator();
    const a = new Device(sim, 'a');
    const b = new Device(sim, 'b', 'router');
    new Link(sim, a.addInterface('eth0'), b.addInterface('eth0'), { delayMs: 3 });
    const original = new Error('TTL underflow');
    b.use({
      onFrame: () => {
        throw original;
      },
    });
    a.iface('eth0').send(new Uint8Array(60));
    let caught: unknown;
    try {
      sim.run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BehaviourError);
    expect((caught as BehaviourError).message).toBe('netsim: router "b" threw in onFrame("eth0") at t=3 ms: TTL underflow');
    expect((caught as BehaviourError).cause).toBe(original);
  });

  it('gives each device its own seeded random stream', () => {
    const draw = (seed: number) => {
      const sim = new Simulator({ seed });
      return [new Device(sim, 'a'), new Device(sim, 'b')].map((d) => {
        let value = 0;
        d.use({ start: (ctx) => (value = ctx.random.nextUint32()), onFrame: () => {} });
        sim.run();
        return value;
      });
    };
    const [a1, b1] = draw(5);
    expect(a1).not.toBe(b1);
    expect(draw(5)).toEqual([a1, b1]);
  });
});

/**
 * The seam in use: a sans-I/O stop-and-wait sender (the shape of a lab's code, which
 * knows nothing of netsim) driven over a lossy link by timers from the device context.
 */
class StopAndWaitSender {
  next = 0;
  readonly total: number;
  constructor(total: number) {
    this.total = total;
  }
  /** The frame to (re)send now, or undefined when done. */
  current(): Uint8Array | undefined {
    return this.next < this.total ? Uint8Array.of(this.next) : undefined;
  }
  onAck(seq: number): void {
    if (seq === this.next) this.next++;
  }
}

describe('driving sans-I/O lab code through DeviceBehaviour', () => {
  it('delivers every message over a lossy link with retransmission timers', () => {
    const sim = new Simulator({ seed: SEED });
    const a = new Device(sim, 'a');
    const b = new Device(sim, 'b');
    new Link(sim, a.addInterface('eth0'), b.addInterface('eth0'), { delayMs: 10, loss: 0.3 });
    const sender = new StopAndWaitSender(20);
    let timer: Timer | undefined;
    const transmit = (ctx: DeviceContext): void => {
      timer?.cancel();
      const frame = sender.current();
      if (frame === undefined) return;
      ctx.send('eth0', frame);
      timer = ctx.schedule(50, () => transmit(ctx)); // RTO: > one round trip (20 ms)
    };
    const senderBehaviour: DeviceBehaviour = {
      start: transmit,
      onFrame: (ctx, _iface, frame) => {
        const before = sender.next;
        sender.onAck(frame[0]!);
        if (sender.next !== before) transmit(ctx);
      },
    };
    const got: number[] = [];
    a.use(senderBehaviour);
    b.use({
      onFrame: (ctx, iface, frame) => {
        if (got.at(-1) !== frame[0]) got.push(frame[0]!);
        ctx.send(iface, frame); // ACK carries the sequence number back
      },
    });
    const result = sim.run({ until: 60_000 });
    expect(got, replay).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(result.reason, replay).toBe('idle');
    expect(sim.trace.select({ event: 'lost' }).length, replay).toBeGreaterThan(0);
  });
});
