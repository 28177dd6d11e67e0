import { describe, it, expect } from 'vitest';
import { LearningSwitch } from './switch.ts';
import { topology } from './topology.ts';

describe('topology()', () => {
  it('builds devices, interfaces and links declaratively', () => {
    const net = topology({ seed: 3 })
      .host('a')
      .host('b', { interfaces: { eth0: { ipv4: '10.0.0.2/24', mac: '02:00:00:00:bb:01' } } })
      .switch('sw', { ports: 3 })
      .router('r1', { interfaces: ['eth0', 'eth1'] })
      .link('a:eth0', 'sw:eth0', { delayMs: 1, bandwidthBps: 1e9 })
      .link('b:eth0', 'sw:eth1', { name: 'b-uplink' });
    expect([...net.sim.devices.keys()]).toEqual(['a', 'b', 'sw', 'r1']);
    expect(net.device('sw').interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1', 'eth2']);
    expect(net.device('sw').behaviour).toBeInstanceOf(LearningSwitch);
    expect(net.device('b').iface('eth0').macString).toBe('02:00:00:00:bb:01');
    expect([...net.sim.links.keys()]).toEqual(['a:eth0-sw:eth0', 'b-uplink']);
    expect(net.sim.link('a:eth0-sw:eth0').config.bandwidthBps).toBe(1e9);
    expect(net.device('a').iface('eth0').peer?.toString()).toBe('sw:eth0');
    expect(net.sim.seed).toBe(3);
  });

  it('moves frames between hosts through the switch', () => {
    const got: number[] = [];
    const net = topology()
      .host('a')
      .host('b', { behaviour: { onFrame: (ctx) => got.push(ctx.now) } })
      .switch('sw', { ports: 2 })
      .link('a:eth0', 'sw:eth0', { delayMs: 1 })
      .link('b:eth0', 'sw:eth1', { delayMs: 2 });
    net.device('a').iface('eth0').send(new Uint8Array(60).fill(0xff, 0, 6));
    expect(net.run()).toMatchObject({ reason: 'idle', now: 3 });
    expect(got).toEqual([3]);
  });

  it('says what is wrong with an endpoint', () => {
    const net = topology().host('a').router('r1', { interfaces: ['eth0'] });
    expect(() => net.link('a:eth1' as const, 'r1:eth0')).toThrow('host "a" has no interface "eth1" (it has: eth0)');
    expect(() => net.link('a' as `${string}:${string}`, 'r1:eth0')).toThrow(/is not "device:iface"/);
    expect(() => net.link('x:eth0', 'r1:eth0')).toThrow(/no device "x"/);
    expect(() => net.switch('sw', { ports: 0 })).toThrow(/ports must be ≥ 1/);
  });
});
