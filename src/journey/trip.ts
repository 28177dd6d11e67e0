/**
 * One trip: the network of network-plan.ts with a behaviour on every device
 * (each built from the pieces given), the shopper's phone running `shop`, and
 * the simulator stepped until the order's answer is back. Returns the
 * timeline, the phase spans, the capture and its TLS key log.
 */
import type { PGlite } from '@electric-sql/pglite';
import { writePcap, type Topology } from '../netsim/index.ts';
import { Jobs, runUntil } from './async-driver.ts';
import { serveDirector } from './director-node.ts';
import { serveAuthority, serveRecursive, serveRoot, serveTld } from './dns-service.ts';
import { serveEdge } from './edge-service.ts';
import { dropRules, type DropRule, type Fault } from './faults.ts';
import { frameEvents } from './frame-notes.ts';
import { seedInventory, serveInventory } from './inventory-service.ts';
import { IpHost } from './ip-host.ts';
import { ADDRESSES, buildNetwork, DEVICES } from './network-plan.ts';
import { shop, type PhoneOutcome } from './phone-app.ts';
import { pieceLabel, PIECE_IDS, type PieceId, type PieceSet } from './pieces.ts';
import { RouterNode } from './router-node.ts';
import { tripError } from './trip-failure.ts';
import { simTime, TimelineRecorder, type JourneyEvent, type PhaseSpan } from './timeline.ts';
import { KEYLOG, recordedSession } from './tls-server.ts';
import { serveOrders } from './web-service.ts';

/** How to run a trip. */
export interface TripOptions {
  pieces: PieceSet;
  /** Seed of every random choice (loss on the Wi-Fi, ISNs). */
  seed: number;
  /** Probability the Wi-Fi loses a frame. */
  wifiLoss?: number;
  /** Bound on simulator events. */
  maxEvents?: number;
  /**
   * A PGlite to run the inventory on, emptied first; the trip opens (and
   * closes) its own without one. PGlite takes seconds to start, so a caller
   * running several trips passes one.
   */
  database?: PGlite;
  /** Faults to inject (faults.ts). */
  faults?: readonly Fault[];
}

/** The Wi-Fi's loss rate: one frame in ten. */
export const DEFAULT_WIFI_LOSS = 0.1;
/** The trip the chapter tells: with this seed the Wi-Fi loses the phone's SYN, and TCP sends it again after its 1 s RTO. */
export const JOURNEY_SEED = 4;
/** With the idle-proxy fault, how long the shopper reads the suggestions: longer than the edge's idle timeout. */
export const READING_MS = 90_000;

/** What a trip produced. */
export interface Trip {
  seed: number;
  /** "your TCP", "reference TLS client", … by piece. */
  labels: Record<PieceId, string>;
  outcome: PhoneOutcome;
  /** Every step, in time order. */
  events: JourneyEvent[];
  phases: PhaseSpan[];
  /** The whole run, every link's frames, as a pcap file. */
  pcap: Uint8Array;
  /** NSS key log lines that decrypt the TLS in the pcap. */
  keylog: string;
  /** Simulated ms from the first event to the answer. */
  durationMs: number;
}

/** Runs the trip. */
export async function runTrip(options: TripOptions): Promise<Trip> {
  const { pieces, seed, wifiLoss = DEFAULT_WIFI_LOSS, maxEvents = 200_000 } = options;
  const net = buildNetwork(seed, wifiLoss);
  const { sim } = net;
  const jobs = new Jobs();
  const timeline = new TimelineRecorder(() => sim.now);
  const session = await recordedSession();
  const epoch = session.now.getTime();
  const schedule = (ms: number, fn: () => void) => void sim.schedule(ms, fn);

  const faults = new Set(options.faults ?? []);
  const rules = dropRules([...faults], timeline);
  const webServers = ['web1', 'web2'] as const;

  // Imported only when no database is given, so the browser's trip worker loads PGlite as a chunk of its own.
  const db = options.database ?? new (await import('@electric-sql/pglite')).PGlite();
  try {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    let outcome: PhoneOutcome;
    try {
      // Pieces run from here on, their constructors too: whatever throws becomes a TripError naming the step and the piece.
      const host = startDevices(sim, pieces, rules);
      await seedInventory(db, pieces);
      // Behaviours start at time 0; services bind once the network runs.
      sim.schedule(0, () => {
        if (faults.has('server-down')) {
          host('web1').crash();
          timeline.note('web1', 'application', 'injected fault (server-down): web1 dies; from now on it answers nothing, not even ARP');
        }
        if (faults.has('idle-proxy')) timeline.note('phone', 'application', `injected fault (idle-proxy): the shopper will read the suggestions for ${READING_MS / 1000} s before ordering`);
        serveDirector({
          host: host('director'),
          port: 80,
          servers: webServers.map((name) => ({ name, mac: host(name).iface.mac, ip: host(name).address })),
          pieces,
          timeline,
          healthChecks: faults.has('server-down'),
        });
        serveRoot(host('root'), pieces, timeline);
        serveTld(host('tld'), pieces, timeline);
        serveAuthority(host('auth'), pieces, timeline);
        serveRecursive(host('resolver'), pieces, timeline, jobs, () => epoch + sim.now);
        serveEdge({ host: host('edge'), pieces, jobs, timeline, clock: () => epoch + sim.now, timer: (ms, fn) => sim.schedule(ms, fn) });
        for (const web of webServers) serveOrders(host(web), pieces, timeline);
        serveInventory({ host: host('inventory'), pieces, jobs, timeline, db, schedule });
      });
      sim.run({ until: 0 });
      outcome = await runUntil(sim, jobs, shop(host('phone'), pieces, jobs, timeline, schedule, { readingMs: faults.has('idle-proxy') ? READING_MS : 0 }), maxEvents);
    } catch (error) {
      throw tripError(error, timeline.current, simTime(sim.now), pieces);
    }
    const forwarders = new Set(DEVICES.filter((d) => d.kind === 'router').map((d) => d.name));
    const events = [...frameEvents(sim.trace.slice(), forwarders), ...timeline.events].sort((a, b) => a.time - b.time);
    const frames = sim.trace.slice().filter((r) => r.event === 'sent').map((r) => ({ timeMs: r.time, bytes: r.bytes }));
    return {
      seed,
      labels: Object.fromEntries(PIECE_IDS.map((id) => [id, pieceLabel(pieces[id])])) as Record<PieceId, string>,
      outcome,
      events,
      phases: timeline.phases,
      pcap: writePcap(frames),
      keylog: `${KEYLOG.join('\n')}\n`,
      durationMs: simTime(sim.now),
    };
  } finally {
    if (options.database === undefined) await db.close();
  }
}

/** Puts a behaviour on every device of the plan (routers forward, hosts get a stack); returns the hosts by name. */
function startDevices(sim: Topology['sim'], pieces: PieceSet, rules: readonly DropRule[]): (name: string) => IpHost {
  const hosts = new Map<string, IpHost>();
  for (const device of DEVICES) {
    const netDevice = sim.device(device.name);
    const drops = rules.filter((rule) => rule.device === device.name);
    const drop = (frame: Uint8Array, iface: string) => drops.some((rule) => rule.matches(frame, iface));
    if (device.kind === 'router') new RouterNode(netDevice, device.routes, pieces, device.name === 'home' ? 'eth1' : undefined, drop);
    else hosts.set(device.name, new IpHost(netDevice, device.routes, pieces, device.name.startsWith('web') ? [ADDRESSES.vip] : []));
  }
  return (name) => hosts.get(name)!;
}
