/**
 * The L4 director (LVS direct routing): a host that holds the VIP, with the
 * lb piece's DrDirector hooked in front of its own stack (where IPVS sits in
 * Linux). Every frame for the service goes to a real server picked by the lb
 * piece's RoundRobin, only its destination MAC rewritten; replies go from the
 * real server straight to the client, never through here. With health checks
 * on, the lb piece's HealthChecker decides when to probe each real server (a
 * TCP connect to its port, as HAProxy's plain `check`) and when one is down;
 * a down server gets no new flows.
 */
import type { DrDirector } from '../../labs/lb/solution/director.ts';
import type { HealthChecker } from '../../labs/lb/solution/health-checker.ts';
import type { HealthCheckOptions } from '../../labs/lb/given/health-types.ts';
import { IpProtocol } from '../../labs/layers/given/header-types.ts';
import type { IpHost } from './ip-host.ts';
import type { PieceSet } from './pieces.ts';
import type { TimelineRecorder } from './timeline.ts';

/** A real server behind the director. */
export interface RealServerSpec {
  name: string;
  mac: string;
  /** Its own address, which health probes connect to. */
  ip: string;
}

/** HAProxy's `check inter 200 fall 2 rise 2`: short, as inside one data centre. */
export const HEALTH_CHECKS: HealthCheckOptions = { intervalMs: 200, fall: 2, rise: 2, maxIntervalMs: 1600 };
/** A probe that has not connected by then failed (HAProxy's `timeout check`); round trips in the data centre take 0.2 ms. */
export const PROBE_TIMEOUT_MS = 50;
/** How often the director wakes to send the probes that are due. */
const PROBE_WAKE_MS = 10;

/** How the director is built. */
export interface DirectorSpec {
  host: IpHost;
  port: number;
  servers: readonly RealServerSpec[];
  pieces: PieceSet;
  timeline: TimelineRecorder;
  /** Probe the real servers (the trip turns this on with the server-down fault). */
  healthChecks: boolean;
}

/** Starts the director on its host; call once the network runs. */
export function serveDirector(spec: DirectorSpec): DrDirector {
  const { host, port, servers, pieces, timeline } = spec;
  const { DrDirector } = pieces.lb.modules['director.ts'];
  const { RoundRobin } = pieces.lb.modules['round-robin.ts'];
  const picker = new RoundRobin(servers.map((server) => server.name));
  // A server marked down loses its flows too (IPVS's expire_nodest_conn): they are scheduled afresh.
  const checker = spec.healthChecks ? probeServers(spec, (server) => director.removeRealServer(server)) : undefined;
  const name = host.device.name;
  const director: DrDirector = new DrDirector({
    mac: host.iface.mac,
    vip: host.address,
    port,
    protocol: IpProtocol.TCP,
    realServers: servers,
    scheduler: (flow: string) => {
      // Round robin over the servers still up: at most one turn of the wheel.
      for (let turn = 0; turn < servers.length; turn++) {
        const server = picker.pick();
        if (checker?.isUp(server) ?? true) {
          timeline.note(name, 'transport', `new flow ${flow}: picks ${server}, rewrites the destination MAC only`, 'lb');
          return server;
        }
      }
      timeline.note(name, 'transport', `new flow ${flow}: no real server is up, drops it`, 'lb');
      return undefined;
    },
  });
  host.hookIn((ctx, iface, frame) => {
    const forwarded = director.receiveFrame(frame);
    if (forwarded !== undefined) ctx.send(iface, forwarded);
    return forwarded !== undefined;
  });
  return director;
}

/** The health checker, driven by simulator time, probing each real server with a TCP connect. */
function probeServers(spec: DirectorSpec, onDown: (server: string) => void): Pick<HealthChecker, 'isUp'> {
  const { host, port, servers, pieces, timeline } = spec;
  const { HealthChecker } = pieces.lb.modules['health-checker.ts'];
  const checker: HealthChecker = new HealthChecker(servers.map((s) => s.name), HEALTH_CHECKS);
  const name = host.device.name;
  const now = () => host.device.sim.now;
  const sync = () => checker.tick(now() - checker.now);
  const report = (server: string, ok: boolean) => {
    sync();
    const wasUp = checker.isUp(server);
    checker.report(server, ok);
    if (!ok) timeline.note(name, 'transport', `health check: ${server} did not answer on port ${port} within ${PROBE_TIMEOUT_MS} ms`, 'lb');
    if (wasUp && !checker.isUp(server)) {
      timeline.note(name, 'transport', `health check: ${server} marked down after ${HEALTH_CHECKS.fall} failed probes in a row: no new flows go to it`, 'lb');
      onDown(server);
    }
  };
  const probe = (server: string) => {
    const ip = servers.find((s) => s.name === server)!.ip;
    const socket = host.connect({ ip, port });
    let settled = false;
    socket.handlers.onOpen = () => {
      if (settled) return;
      settled = true;
      // A successful check closes with a RST, as HAProxy does, so no TIME-WAIT piles up.
      socket.abort();
      report(server, true);
    };
    host.device.sim.schedule(PROBE_TIMEOUT_MS, () => {
      if (settled) return;
      settled = true;
      socket.abort();
      report(server, false);
    });
  };
  const wake = () => {
    sync();
    for (const server of checker.takeProbes()) probe(server);
    host.device.sim.schedule(PROBE_WAKE_MS, wake);
  };
  wake();
  return checker;
}
