import { describe, it, expect } from 'vitest';
import { Device } from './device.ts';
import { Link } from './link.ts';
import { BROADCAST_MAC } from './mac.ts';
import { Simulator } from './simulator.ts';
import { LearningSwitch } from './switch.ts';

function ethernet(dst: Uint8Array, src: Uint8Array, length = 60): Uint8Array {
  const frame = new Uint8Array(length);
  frame.set(dst, 0);
  frame.set(src, 6);
  frame[12] = 0x08; // EtherType 0x0800, IPv4
  return frame;
}

/** Hosts a, b, c on switch ports eth0..eth2 (eth3 left empty); links of 1 ms. */
function lan(agingMs?: number) {
  const sim = new Simulator();
  const sw = new Device(sim, 'sw', 'switch');
  const behaviour = new LearningSwitch(agingMs === undefined ? {} : { agingMs });
  sw.use(behaviour);
  const ports = [0, 1, 2, 3].map((i) => sw.addInterface(`eth${i}`));
  const got = new Map<string, number[]>();
  const hosts = ['a', 'b', 'c'].map((name, i) => {
    const host = new Device(sim, name);
    const iface = host.addInterface('eth0');
    new Link(sim, iface, ports[i]!, { delayMs: 1 });
    got.set(name, []);
    host.use({ onFrame: (ctx) => got.get(name)!.push(ctx.now) });
    return iface;
  });
  const [a, b, c] = hosts as [(typeof hosts)[0], (typeof hosts)[0], (typeof hosts)[0]];
  /** Who received something in the last exchange. */
  const receivers = (): string[] => {
    const names = [...got].filter(([, times]) => times.length > 0).map(([n]) => n);
    for (const times of got.values()) times.length = 0;
    return names;
  };
  return { sim, sw, behaviour, a, b, c, receivers };
}

describe('LearningSwitch', () => {
  it('floods unknown unicast, then forwards to the learned port only', () => {
    const { sim, a, b, receivers } = lan();
    a.send(ethernet(b.mac, a.mac));
    sim.run();
    expect(receivers()).toEqual(['b', 'c']); // b unknown yet: flooded
    b.send(ethernet(a.mac, b.mac));
    sim.run();
    expect(receivers()).toEqual(['a']); // a was learned from the first frame
    a.send(ethernet(b.mac, a.mac));
    sim.run();
    expect(receivers()).toEqual(['b']); // and b from the reply
  });

  it('floods broadcast out of every port but the one it came in on', () => {
    const { sim, a, b, receivers } = lan();
    b.send(ethernet(a.mac, b.mac));
    sim.run();
    receivers();
    a.send(ethernet(BROADCAST_MAC, a.mac));
    sim.run();
    expect(receivers()).toEqual(['b', 'c']);
    // The empty port eth3 had no link, so nothing was traced for it.
    expect(sim.trace.select({ device: 'sw', iface: 'eth3' })).toEqual([]);
  });

  it('shows its table with the port each MAC was learned on', () => {
    const { sim, a, b, behaviour } = lan();
    a.send(ethernet(b.mac, a.mac));
    b.send(ethernet(a.mac, b.mac));
    sim.run();
    expect(behaviour.table(sim.now)).toEqual([
      { mac: a.macString, iface: 'eth0', lastSeen: 1 },
      { mac: b.macString, iface: 'eth1', lastSeen: 1 },
    ]);
  });

  it('forgets entries after the aging time and floods again', () => {
    const { sim, a, b, behaviour, receivers } = lan(1000);
    b.send(ethernet(a.mac, b.mac));
    sim.run();
    receivers();
    sim.run({ until: 500 });
    a.send(ethernet(b.mac, a.mac));
    sim.run();
    expect(receivers()).toEqual(['b']);
    sim.run({ until: 2000 });
    expect(behaviour.table(sim.now).map((e) => e.mac)).toEqual([]);
    // b last spoke at 1 ms; at 2000 ms its entry has aged out, so a frame to b floods.
    a.send(ethernet(b.mac, a.mac));
    sim.run();
    expect(receivers()).toEqual(['b', 'c']);
  });

  it('re-learns a station that moved to another port', () => {
    const { sim, a, b, c, receivers } = lan();
    b.send(ethernet(a.mac, b.mac));
    sim.run();
    // c now claims b's MAC (b moved behind port eth2).
    c.send(ethernet(a.mac, b.mac));
    sim.run();
    receivers();
    a.send(ethernet(b.mac, a.mac));
    sim.run();
    expect(receivers()).toEqual(['c']);
  });

  it('never learns a group address as a source, and ignores runts', () => {
    const { sim, a, behaviour } = lan();
    a.send(ethernet(BROADCAST_MAC, BROADCAST_MAC));
    a.send(new Uint8Array(13));
    sim.run();
    expect(behaviour.table(sim.now)).toEqual([]);
    expect(sim.trace.select({ from: 'sw', event: 'sent' })).toHaveLength(2); // only the broadcast, to b and c
  });

  it('filters a frame whose destination sits on the port it came from', () => {
    // Two stations on one port, as behind a hub: model it by calling the behaviour directly.
    const sim = new Simulator();
    const sw = new Device(sim, 'sw', 'switch');
    sw.addInterface('eth0');
    const behaviour = new LearningSwitch();
    const sent: string[] = [];
    const ctx = { device: sw, now: 0, random: sim.random, send: (i: string) => (sent.push(i), 'sent' as const), schedule: sim.schedule.bind(sim) };
    const x = Uint8Array.of(2, 0, 0, 0, 0, 0xa);
    const y = Uint8Array.of(2, 0, 0, 0, 0, 0xb);
    behaviour.onFrame(ctx, 'eth0', ethernet(y, x));
    behaviour.onFrame(ctx, 'eth0', ethernet(x, y));
    expect(sent).toEqual([]);
  });
});
