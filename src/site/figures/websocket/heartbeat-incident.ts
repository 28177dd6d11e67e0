/**
 * The seeds' heartbeat incident, simulated: a reverse proxy that cuts a
 * WebSocket after 60 s without data from the server (nginx's
 * proxy_read_timeout default), and servers that ping every 60 s or every
 * 50 s. Both ends are the WebSocket lab's reference WebSocketConnection; the
 * proxy is the lab's own test model (tests/fixtures/idle-proxy.ts), run in
 * simulated time at build time. A fleet of clients that all connected within
 * a few seconds of each other then shows what the cuts do to the server: a
 * reconnect storm every minute.
 */
import { WebSocketConnection } from '../../../../labs/websocket/solution/connection.ts';
import { runThroughProxy } from '../../../../labs/websocket/tests/fixtures/idle-proxy.ts';
import type { Step } from '../../components/step-through.ts';

/** The settings of the incident. */
export interface IncidentOptions {
  /** The proxy's idle timeout (nginx proxy_read_timeout). */
  idleTimeoutMs: number;
  /** One-way delay between each end and the proxy. */
  delayMs: number;
  /** How long the simulation runs. */
  durationMs: number;
  /** Simulation clock step. */
  stepMs: number;
  /** How long a client waits after losing its connection before it reconnects (the same for all: no jitter). */
  reconnectDelayMs: number;
  /** Clients in the fleet, and the time over which they first connected (after a deploy). */
  fleet: number;
  fleetSpreadMs: number;
}

/** The chapter's run. */
export const INCIDENT: IncidentOptions = {
  idleTimeoutMs: 60_000,
  delayMs: 20,
  durationMs: 180_000,
  stepMs: 100,
  reconnectDelayMs: 1_000,
  fleet: 10_000,
  fleetSpreadMs: 5_000,
};

/** Something that happened to one client's connection, in simulated time. */
export interface LaneEvent {
  atMs: number;
  kind: 'open' | 'ping' | 'pong' | 'cut';
}

/** One server setting, followed for one client over the whole run. */
export interface Lane {
  heartbeatMs: number;
  events: LaneEvent[];
  /** Handshakes per second across the fleet, one entry per second of the run. */
  handshakesPerSecond: number[];
}

/** Follows one client for the whole run: connect, heartbeat through the proxy, and reconnect whenever the proxy cuts. */
export function simulateLane(heartbeatMs: number, options: IncidentOptions = INCIDENT): Lane {
  const events: LaneEvent[] = [];
  let start = 0;
  let keys = 0;
  while (start <= options.durationMs) {
    events.push({ atMs: start, kind: 'open' });
    const server = new WebSocketConnection({ role: 'server', heartbeatMs });
    // Masking keys need not be random in a simulation; a counter keeps the build deterministic.
    const client = new WebSocketConnection({ role: 'client', random: (n: number) => Uint8Array.from({ length: n }, () => keys++ & 0xff) });
    const run = runThroughProxy(server, client, { ...options, durationMs: options.durationMs - start });
    for (const event of run.events) {
      if (event.kind !== 'bytes' || !event.bytes) continue;
      const opcode = event.bytes[0]! & 0x0f;
      if (opcode === 0x9 || opcode === 0xa) events.push({ atMs: start + event.atMs, kind: opcode === 0x9 ? 'ping' : 'pong' });
    }
    if (run.cutAtMs === undefined) break;
    events.push({ atMs: start + run.cutAtMs, kind: 'cut' });
    start += run.cutAtMs + options.reconnectDelayMs;
  }
  return { heartbeatMs, events, handshakesPerSecond: fleetHandshakes(events, options) };
}

/** Handshakes per second when `fleet` clients behave like this one, each starting a little later (spread evenly over fleetSpreadMs). */
function fleetHandshakes(events: LaneEvent[], options: IncidentOptions): number[] {
  const seconds = new Array<number>(Math.ceil(options.durationMs / 1000)).fill(0);
  for (const open of events.filter((e) => e.kind === 'open')) {
    for (let i = 0; i < options.fleet; i++) {
      const at = open.atMs + Math.floor((i * options.fleetSpreadMs) / options.fleet);
      if (at < options.durationMs) seconds[Math.floor(at / 1000)]!++;
    }
  }
  return seconds;
}

/** Both lanes of the chapter's figure. */
export function heartbeatIncident(options: IncidentOptions = INCIDENT): { at60: Lane; at50: Lane; options: IncidentOptions } {
  return { at60: simulateLane(60_000, options), at50: simulateLane(50_000, options), options };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;

/** The step-through's steps, written from the simulation's events; `active` names the figure's parts (see partId). */
export function incidentSteps(incident = heartbeatIncident()): Step[] {
  const { at60, at50, options } = incident;
  const pings50 = at50.events.filter((e) => e.kind === 'ping');
  const cuts60 = at60.events.filter((e) => e.kind === 'cut');
  const opens60 = at60.events.filter((e) => e.kind === 'open');
  const firstPing60 = at60.events.find((e) => e.kind === 'ping');
  const peak60 = Math.max(...at60.handshakesPerSecond.slice(Math.floor(cuts60[0]!.atMs / 1000)));
  const steps: Step[] = [
    {
      title: 'Both connections open at 0 s',
      text: `The same client connects twice through a proxy that cuts a connection after ${seconds(options.idleTimeoutMs)} without data from the server. The 101 response was the last thing the server sent: the proxy's idle timer starts now.`,
      active: [partId(60, 'open', 0), partId(50, 'open', 0)],
    },
    {
      title: `${seconds(pings50[0]!.atMs)}: the 50 s server pings`,
      text: `Its Ping crosses the proxy ${options.delayMs} ms after it leaves, with ${seconds(options.idleTimeoutMs - pings50[0]!.atMs)} to spare. Any byte from the server restarts the proxy's timer; the client's Pong proves the client is alive too.`,
      active: [partId(50, 'ping', 0)],
    },
    {
      title: `${seconds(cuts60[0]!.atMs)}: the proxy cuts the 60 s connection`,
      text: firstPing60
        ? `The timer runs out at ${seconds(cuts60[0]!.atMs)}.`
        : `The server's Ping leaves at exactly 60 s, but it would cross the proxy ${options.delayMs} ms later: the timer has already run out. The proxy closes both TCP connections; neither end got a Close frame, so both report 1006.`,
      active: [partId(60, 'cut', 0)],
    },
    {
      title: `${seconds(opens60[1]!.atMs)}: every client reconnects at once`,
      text: `All ${options.fleet.toLocaleString('en')} clients connected within ${seconds(options.fleetSpreadMs)} of each other, so they are all cut within ${seconds(options.fleetSpreadMs)} too, and all retry after the same ${seconds(options.reconnectDelayMs)}: up to ${peak60.toLocaleString('en')} handshakes a second hit the server, each one a TLS handshake, an authentication and a resubscription in a real system.`,
      active: [partId(60, 'open', 1), partId(60, 'storm', 1)],
    },
    {
      title: `${seconds(pings50[1]!.atMs)}: the 50 s connection is still up`,
      text: `A Ping every 50 s means the proxy never sees more than ${seconds(50_000 + options.delayMs)} of silence from the server.`,
      active: [partId(50, 'ping', 1)],
    },
    {
      title: `${seconds(cuts60[1]!.atMs)}: cut again, storm again`,
      text: `The reconnected clients start a new 60 s heartbeat that loses the same race, so the storm repeats every ${seconds(options.idleTimeoutMs + options.reconnectDelayMs)}.`,
      active: [partId(60, 'cut', 1), partId(60, 'open', 2), partId(60, 'storm', 2)],
    },
    {
      title: `After ${seconds(options.durationMs)}`,
      text: `Pinging every 60 s: ${cuts60.length} cuts and ${opens60.length} connections per client. Pinging every 50 s: one connection and ${pings50.length} Pings, no storm.`,
      active: [partId(60, 'lane', 0), partId(50, 'lane', 0)],
    },
  ];
  return steps;
}

/** The `data-part` id of the figure element for the n-th event of a kind in a lane ('lane' is the whole lane, 'storm' the bars after the n-th open). */
export function partId(lane: 60 | 50, kind: LaneEvent['kind'] | 'lane' | 'storm', n: number): string {
  return `hb${lane}-${kind}-${n}`;
}
