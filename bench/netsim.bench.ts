/**
 * netsim throughput. Two hosts exchange 1500-byte frames through a learning switch and two
 * routers (a — sw — r1 — r2 — b; 1 Gbit/s, 50 µs links; 1% loss between the routers), every
 * frame event traced with whole frames. The routers stand in for lab code: they receive an
 * owned copy, rewrite both MACs in place and send it on. Figures: end-to-end frames per
 * wall-clock second (each crosses four links) and simulator events per second; median of 7
 * runs after a warm-up. Wall time is measured here with performance.now(), never inside netsim.
 */
import { median, type Benchmark, type Figure } from './figure.ts';
import { topology, type DeviceBehaviour, type DeviceContext } from '../src/netsim/index.ts';

const FRAMES = 40_000;
const FRAME_BYTES = 1500;
const RUNS = 7;
/**
 * The TCP lab's integration run (1 MiB each way over a lossy link, about 2,000
 * frames with ACKs and retransmissions) must feel instant: at 100 000 frames/s,
 * fully traced, it simulates in 20 ms, and a 40 000-frame capstone in 0.4 s.
 */
const FRAMES_PER_SECOND_TARGET = 100_000;
/** About five events per end-to-end frame (one send timer, four deliveries). */
const EVENTS_PER_SECOND_TARGET = 500_000;

interface PortMacs {
  eth0: Uint8Array;
  eth1: Uint8Array;
}

/** A router after its lookup: out of the other port, MACs rewritten for the next hop. */
function forwarder(own: PortMacs, nextHop: PortMacs): DeviceBehaviour {
  return {
    onFrame(ctx, iface, frame) {
      const out = iface === 'eth0' ? 'eth1' : 'eth0';
      frame.set(nextHop[out], 0);
      frame.set(own[out], 6);
      ctx.send(out, frame);
    },
  };
}

/** Builds the network, sends FRAMES frames (half each way, paced at line rate) and runs to idle. */
function simulate(seed: number): { events: number; delivered: number; records: number } {
  const link = { delayMs: 0.05, bandwidthBps: 1e9 };
  const net = topology({ seed })
    .host('a')
    .host('b')
    .switch('sw', { ports: 2 })
    .router('r1', { interfaces: ['eth0', 'eth1'] })
    .router('r2', { interfaces: ['eth0', 'eth1'] })
    .link('a:eth0', 'sw:eth0', link)
    .link('sw:eth1', 'r1:eth0', link)
    .link('r1:eth1', 'r2:eth0', { ...link, loss: 0.01 })
    .link('r2:eth1', 'b:eth0', link);
  const mac = (device: string, iface: string): Uint8Array => net.device(device).iface(iface).mac;
  const macs = (device: string): PortMacs => ({ eth0: mac(device, 'eth0'), eth1: mac(device, 'eth1') });
  net.device('r1').use(forwarder(macs('r1'), { eth0: mac('a', 'eth0'), eth1: mac('r2', 'eth0') }));
  net.device('r2').use(forwarder(macs('r2'), { eth0: mac('r1', 'eth1'), eth1: mac('b', 'eth0') }));

  let delivered = 0;
  const gapMs = (FRAME_BYTES * 8000) / 1e9; // one frame time at 1 Gbit/s
  const sender = (dst: Uint8Array, src: Uint8Array): DeviceBehaviour => {
    const frame = new Uint8Array(FRAME_BYTES);
    frame.set(dst, 0);
    frame.set(src, 6);
    frame.set([0x08, 0x00], 12);
    let sent = 0;
    const tick = (ctx: DeviceContext): void => {
      ctx.send('eth0', frame); // netsim copies on send, so one buffer serves every frame
      if (++sent < FRAMES / 2) ctx.schedule(gapMs, () => tick(ctx));
    };
    return { start: tick, onFrame: () => void delivered++ };
  };
  net.device('a').use(sender(mac('r1', 'eth0'), mac('a', 'eth0')));
  net.device('b').use(sender(mac('r2', 'eth1'), mac('b', 'eth0')));
  const { events } = net.run();
  return { events, delivered, records: net.sim.trace.length };
}

export const benchmark: Benchmark = {
  name: 'netsim',
  async run(): Promise<Figure[]> {
    simulate(1); // warm-up, so the JIT has compiled the hot paths
    const framesPerSecond: number[] = [];
    const eventsPerSecond: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const { events, delivered, records } = simulate(i + 2);
      const seconds = (performance.now() - start) / 1000;
      // Guard against measuring a broken simulation: ~1% loss, 8 records per delivered frame.
      if (delivered < FRAMES * 0.97 || records < delivered * 8) {
        throw new Error(`netsim bench: ${delivered} of ${FRAMES} frames delivered, ${records} trace records`);
      }
      framesPerSecond.push(FRAMES / seconds);
      eventsPerSecond.push(events / seconds);
    }
    return [
      {
        name: `netsim: end-to-end ${FRAME_BYTES}-byte frames per second (a—sw—r1—r2—b, 4 links, 1% loss, full trace; median of ${RUNS})`,
        value: Math.round(median(framesPerSecond)),
        unit: 'frames/s',
        target: { op: '>=', value: FRAMES_PER_SECOND_TARGET },
      },
      {
        name: `netsim: simulator events per second (same runs)`,
        value: Math.round(median(eventsPerSecond)),
        unit: 'events/s',
        target: { op: '>=', value: EVENTS_PER_SECOND_TARGET },
      },
    ];
  },
};
