/**
 * The L4 director (LVS direct routing): it holds the VIP, answers ARP for it
 * with the routing piece's NetworkInterface, and hands every IPv4 frame to
 * the lb piece's DrDirector, which picks a real server (round robin, the lb
 * piece's) and rewrites only the destination MAC. Replies go from the real
 * server straight to the client, never through here.
 */
import type { Device, DeviceBehaviour, DeviceContext } from '../netsim/index.ts';
import type { DrDirector } from '../../labs/lb/solution/director.ts';
import type { NetworkInterface } from '../../labs/routing/solution/network-interface.ts';
import { IpProtocol } from '../../labs/layers/given/header-types.ts';
import type { PieceSet } from './pieces.ts';

/** A real server behind the director. */
export interface RealServerSpec {
  name: string;
  mac: string;
}

/** The director's behaviour; `onPick` hears which real server each new flow went to. */
export class DirectorNode implements DeviceBehaviour {
  readonly director: DrDirector;
  readonly #iface: NetworkInterface;

  constructor(device: Device, port: number, servers: readonly RealServerSpec[], pieces: PieceSet, onPick: (flow: string, server: string) => void) {
    const { NetworkInterface } = pieces.routing.modules['network-interface.ts'];
    const { DrDirector } = pieces.lb.modules['director.ts'];
    const { RoundRobin } = pieces.lb.modules['round-robin.ts'];
    const [netIface] = device.interfaces;
    if (netIface?.ipv4 === undefined) throw new Error(`${device.name} needs an interface with the VIP`);
    this.#iface = new NetworkInterface({ name: netIface.name, mac: netIface.macString, ipv4: netIface.ipv4.address });
    const picker = new RoundRobin(servers.map((server) => server.name));
    this.director = new DrDirector({
      mac: netIface.macString,
      vip: netIface.ipv4.address,
      port,
      protocol: IpProtocol.TCP,
      realServers: servers,
      scheduler: (flow: string) => {
        const server = picker.pick();
        onPick(flow, server);
        return server;
      },
    });
    device.use(this);
  }

  onFrame(ctx: DeviceContext, iface: string, frame: Uint8Array): void {
    // ARP for the VIP is answered by the interface; IPv4 for the service goes to the director.
    if (this.#iface.receiveFrame(frame) !== undefined) {
      const forwarded = this.director.receiveFrame(frame);
      if (forwarded !== undefined) ctx.send(iface, forwarded);
    }
    for (const out of this.#iface.takeFrames()) ctx.send(iface, out);
  }
}
