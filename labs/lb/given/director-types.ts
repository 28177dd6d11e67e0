/** The LVS direct-routing director's configuration: its real servers and how one is chosen for a flow. */

/** A real server on the director's LAN. */
export interface RealServer {
  name: string;
  mac: string;
}

/** Picks a real server for a new flow: its key is "protocol sourceIp:sourcePort", the answer a real server's name (undefined: none is available). */
export type Scheduler = (flowKey: string) => string | undefined;

/** The director's configuration. */
export interface DirectorOptions {
  /** The director's own MAC: it takes only frames sent to it. */
  mac: string;
  /** The virtual service: address, port and protocol (6 TCP, 17 UDP). */
  vip: string;
  port: number;
  protocol: number;
  realServers: readonly RealServer[];
  scheduler: Scheduler;
}
