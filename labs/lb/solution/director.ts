/**
 * Stage director: the data path of an LVS director in direct-routing mode
 * (IPVS's `ipvsadm -g`, ip_vs_dr_xmit). The virtual IP lives on the director
 * and, without ARP, on every real server's loopback; the director only
 * chooses a real server and re-addresses the Ethernet frame to that server's
 * MAC. The IP datagram — addresses, TTL, checksum — leaves as it came, so the
 * real server accepts it as its own and answers the client straight from the
 * VIP, and replies never pass the director.
 */
import { parseMac, readFlow, type Flow } from '@impl/packet.ts';
import type { DirectorOptions } from '@impl/director-types.ts';

/** An LVS-DR director: frames for the virtual service in, frames to a real server out. */
export class DrDirector {
  readonly #options: DirectorOptions;
  readonly #mac: Uint8Array;
  readonly #servers = new Map<string, Uint8Array>();
  // IPVS's connection table: a flow stays on its real server while that server is in the service.
  readonly #connections = new Map<string, string>();

  /** Throws RangeError for a bad MAC, no real servers or a repeated name. */
  constructor(options: DirectorOptions) {
    if (options.realServers.length === 0) throw new RangeError('DrDirector: needs at least one real server');
    this.#options = options;
    this.#mac = parseMac(options.mac);
    for (const server of options.realServers) {
      if (this.#servers.has(server.name)) throw new RangeError(`DrDirector: real server "${server.name}" is listed twice`);
      this.#servers.set(server.name, parseMac(server.mac));
    }
  }

  /** The real server a flow is bound to, if any. */
  serverFor(flowKey: string): string | undefined {
    return this.#connections.get(flowKey);
  }

  /**
   * Takes a real server out of the service (a failed health check): it gets
   * no new flows, and its flows are scheduled afresh on their next packet.
   */
  removeRealServer(name: string): void {
    this.#servers.delete(name);
    for (const [key, server] of this.#connections) if (server === name) this.#connections.delete(key);
  }

  /**
   * A frame arrived. Returns the frame to send on to a real server — a copy
   * with destination MAC = the server's and source MAC = the director's,
   * every other byte unchanged — or undefined to drop it: not sent to the
   * director's MAC, not the virtual service's protocol, address and port, or
   * no real server available.
   */
  receiveFrame(frame: Uint8Array): Uint8Array | undefined {
    const flow = readFlow(frame);
    if (flow === undefined || !this.#forService(flow)) return undefined;
    const key = `${flow.protocol} ${flow.sourceIp}:${flow.sourcePort}`;
    let server = this.#connections.get(key);
    if (server === undefined) {
      server = this.#options.scheduler(key);
      if (server === undefined || !this.#servers.has(server)) return undefined;
      this.#connections.set(key, server);
    }
    const out = frame.slice();
    out.set(this.#servers.get(server)!, 0);
    out.set(this.#mac, 6);
    return out;
  }

  #forService(flow: Flow): boolean {
    const { mac, vip, port, protocol } = this.#options;
    return flow.destinationMac === mac.toLowerCase() && flow.destinationIp === vip && flow.destinationPort === port && flow.protocol === protocol;
  }
}
