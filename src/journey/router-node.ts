/**
 * A router on the trip: the routing piece's Router over the device's
 * interfaces, and on the home gateway its NatGateway on the outside
 * interface, hooked in as Linux does it (DNAT before routing, SNAT after).
 */
import type { Device, DeviceBehaviour, DeviceContext } from '../netsim/index.ts';
import type { Router } from '../../labs/routing/solution/router.ts';
import type { PieceSet } from './pieces.ts';
import { parseRoute } from './routes.ts';

/** A router's behaviour; `natOutside` names the interface a NAT faces the internet on, `drop` an injected fault. */
export class RouterNode implements DeviceBehaviour {
  readonly router: Router;
  readonly #names: string[];
  readonly #drop: (frame: Uint8Array, iface: string) => boolean;
  readonly #tick: (ms: number) => void;
  #last = 0;

  constructor(device: Device, routes: readonly string[], pieces: PieceSet, natOutside?: string, drop: (frame: Uint8Array, iface: string) => boolean = () => false) {
    const { NetworkInterface } = pieces.routing.modules['network-interface.ts'];
    const { Router } = pieces.routing.modules['router.ts'];
    const { NatGateway } = pieces.routing.modules['nat.ts'];
    const interfaces = device.interfaces.map((iface) => {
      if (iface.ipv4 === undefined) throw new Error(`${iface} needs an IPv4 address`);
      return new NetworkInterface({ name: iface.name, mac: iface.macString, ipv4: iface.ipv4.address });
    });
    this.#names = interfaces.map((iface) => iface.name);
    this.#drop = drop;
    const outside = interfaces.find((iface) => iface.name === natOutside);
    if (natOutside !== undefined && outside === undefined) throw new Error(`${device.name} has no interface "${natOutside}" for its NAT`);
    const nat = outside && new NatGateway({ publicIp: outside.ipv4 });
    this.router = new Router(
      nat === undefined
        ? {}
        : {
            hooks: {
              prerouting: (datagram: Uint8Array, inInterface: string) => (inInterface === natOutside ? nat.inbound(datagram) : datagram),
              postrouting: (datagram: Uint8Array, outInterface: string) => (outInterface === natOutside ? nat.outbound(datagram) : datagram),
            },
          },
    );
    for (const iface of interfaces) this.router.addInterface(iface);
    for (const route of routes) this.router.addRoute(parseRoute(route));
    this.#tick = (ms) => {
      this.router.tick(ms);
      nat?.tick(ms);
    };
    device.use(this);
  }

  onFrame(ctx: DeviceContext, iface: string, frame: Uint8Array): void {
    if (ctx.now > this.#last) this.#tick(ctx.now - this.#last);
    this.#last = ctx.now;
    this.router.receiveFrame(iface, frame);
    for (const name of this.#names) for (const out of this.router.takeFrames(name)) if (!this.#drop(out, name)) ctx.send(name, out);
  }
}
