/**
 * An end host on the trip: the routing piece's NetworkInterface (ARP) and
 * RoutingTable, the layers piece's IPv4, UDP and TCP codecs, and sockets on
 * top. Applications bind UDP ports, connect and listen on TCP; the host does
 * the rest, as a kernel would.
 */
import type { Device, DeviceBehaviour, DeviceContext } from '../netsim/index.ts';
import type { NetworkInterface } from '../../labs/routing/solution/network-interface.ts';
import type { RoutingTable } from '../../labs/routing/solution/routing-table.ts';
import { IpProtocol } from '../../labs/layers/given/header-types.ts';
import type { PieceSet } from './pieces.ts';
import { parseRoute } from './routes.ts';
import { TcpSocket, type SocketAddress } from './tcp-socket.ts';

/** A UDP datagram as an application receives it. */
export interface UdpMessage {
  source: SocketAddress;
  destination: SocketAddress;
  payload: Uint8Array;
}

/**
 * Something in front of the host's own stack that may take an IPv4 frame
 * before it is delivered locally (where IPVS hooks into Linux); true when it
 * took the frame.
 */
export type FrameHook = (ctx: DeviceContext, iface: string, frame: Uint8Array) => boolean;

/** An end host's network stack. */
export class IpHost implements DeviceBehaviour {
  readonly device: Device;
  readonly iface: NetworkInterface;
  readonly #table: RoutingTable;
  readonly #pieces: PieceSet;
  /** Addresses the host accepts besides its interface's: a real server's VIP on loopback. */
  readonly #addresses: Set<string>;
  readonly #udp = new Map<number, (message: UdpMessage) => void>();
  readonly #listeners = new Map<number, (socket: TcpSocket) => void>();
  readonly #sockets = new Map<string, TcpSocket>();
  #ctx: DeviceContext | undefined;
  #hook: FrameHook | undefined;
  #crashed = false;
  #lastTick = 0;
  #identification = 0;
  #nextPort = 49152;

  constructor(device: Device, routes: readonly string[], pieces: PieceSet, loopback: readonly string[] = []) {
    const { NetworkInterface } = pieces.routing.modules['network-interface.ts'];
    const { RoutingTable } = pieces.routing.modules['routing-table.ts'];
    const [netIface] = device.interfaces;
    if (netIface?.ipv4 === undefined) throw new Error(`${device.name} needs an interface with an IPv4 address`);
    this.device = device;
    this.#pieces = pieces;
    this.iface = new NetworkInterface({ name: netIface.name, mac: netIface.macString, ipv4: netIface.ipv4.address });
    this.#table = new RoutingTable();
    for (const route of routes) this.#table.addRoute(parseRoute(route));
    this.#addresses = new Set([this.iface.ipv4, ...loopback]);
    device.use(this);
  }

  start(ctx: DeviceContext): void {
    this.#ctx = ctx;
  }

  /** The host's address. */
  get address(): string {
    return this.iface.ipv4;
  }

  /** Puts `hook` in front of the local stack (one per host). */
  hookIn(hook: FrameHook): void {
    if (this.#hook) throw new Error(`${this.device.name} already has a frame hook`);
    this.#hook = hook;
  }

  /** The host dies: from now on it takes in and sends out nothing, its sockets and ARP included. */
  crash(): void {
    this.#crashed = true;
  }

  /** A fresh ephemeral port (RFC 6335's dynamic range). */
  ephemeralPort(): number {
    return this.#nextPort++;
  }

  /** Delivers UDP datagrams for `port` to `handler`. */
  bindUdp(port: number, handler: (message: UdpMessage) => void): void {
    this.#udp.set(port, handler);
  }

  /** Sends a UDP datagram from `sourcePort`. */
  sendUdp(sourcePort: number, destination: SocketAddress, payload: Uint8Array): void {
    const { encodeUdpDatagram } = this.#pieces.layers.modules['udp.ts'];
    const segment = encodeUdpDatagram({ sourcePort, destinationPort: destination.port }, payload, { source: this.address, destination: destination.ip });
    this.#sendIp(IpProtocol.UDP, this.address, destination.ip, segment);
  }

  /** Opens a TCP connection to `remote` (sends the SYN now). */
  connect(remote: SocketAddress): TcpSocket {
    const socket = this.#socket({ ip: this.address, port: this.ephemeralPort() }, remote);
    socket.connect();
    return socket;
  }

  /** Accepts TCP connections on `port`; `onAccept` gets each new socket before its SYN is handled. */
  listen(port: number, onAccept: (socket: TcpSocket) => void): void {
    this.#listeners.set(port, onAccept);
  }

  onFrame(ctx: DeviceContext, iface: string, frame: Uint8Array): void {
    if (this.#crashed) return;
    this.#sync(ctx);
    const datagram = this.iface.receiveFrame(frame);
    if (datagram !== undefined && !this.#hook?.(ctx, iface, frame)) this.#receiveIp(datagram);
    this.#flush();
  }

  #receiveIp(datagram: Uint8Array): void {
    const { decodeIpv4Packet } = this.#pieces.layers.modules['ipv4.ts'];
    const { value: packet } = decodeIpv4Packet(datagram);
    const { source, destination, protocol } = packet.header;
    if (!this.#addresses.has(destination)) return;
    const addresses = { source, destination };
    if (protocol === IpProtocol.UDP) {
      const { value: udp } = this.#pieces.layers.modules['udp.ts'].decodeUdpDatagram(packet.payload, addresses);
      this.#udp.get(udp.header.destinationPort)?.({
        source: { ip: source, port: udp.header.sourcePort },
        destination: { ip: destination, port: udp.header.destinationPort },
        payload: udp.payload,
      });
    } else if (protocol === IpProtocol.TCP) {
      const { value: tcp } = this.#pieces.layers.modules['tcp.ts'].decodeTcpSegment(packet.payload, addresses);
      const local = { ip: destination, port: tcp.header.destinationPort };
      const remote = { ip: source, port: tcp.header.sourcePort };
      let socket = this.#sockets.get(socketKey(local, remote));
      const accept = this.#listeners.get(local.port);
      if (socket === undefined && accept !== undefined && tcp.header.flags.syn) {
        socket = this.#socket(local, remote);
        socket.listen();
        accept(socket);
      }
      socket?.receive(tcp.header, tcp.payload);
    }
  }

  #socket(local: SocketAddress, remote: SocketAddress): TcpSocket {
    const socket = new TcpSocket(this.#pieces, this.#context(), local, remote, (destination, source, segment) =>
      this.#sendIp(IpProtocol.TCP, source, destination, segment),
    );
    this.#sockets.set(socketKey(local, remote), socket);
    return socket;
  }

  #sendIp(protocol: number, source: string, destination: string, payload: Uint8Array): void {
    const ctx = this.#context();
    this.#sync(ctx);
    const { encodeIpv4Packet } = this.#pieces.layers.modules['ipv4.ts'];
    const header = {
      dscp: 0,
      ecn: 0,
      identification: this.#identification++ & 0xffff,
      dontFragment: true,
      moreFragments: false,
      fragmentOffset: 0,
      ttl: 64,
      protocol,
      source,
      destination,
      options: new Uint8Array(0),
    };
    const route = this.#table.lookup(destination);
    if (route === undefined) throw new Error(`${this.device.name} has no route to ${destination}`);
    this.iface.sendDatagram(encodeIpv4Packet(header, payload), route.nextHop ?? destination);
    this.#flush();
  }

  #flush(): void {
    const ctx = this.#context();
    const frames = this.iface.takeFrames();
    if (this.#crashed) return;
    for (const frame of frames) ctx.send(this.iface.name, frame);
  }

  /** Moves the interface's ARP clock to the simulator's. */
  #sync(ctx: DeviceContext): void {
    if (ctx.now > this.#lastTick) this.iface.tick(ctx.now - this.#lastTick);
    this.#lastTick = ctx.now;
  }

  #context(): DeviceContext {
    if (this.#ctx === undefined) throw new Error(`${this.device.name}: the network is not running yet`);
    return this.#ctx;
  }
}

function socketKey(local: SocketAddress, remote: SocketAddress): string {
  return `${local.ip}:${local.port}<${remote.ip}:${remote.port}`;
}
