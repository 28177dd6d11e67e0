/**
 * Stage director: the data path of an LVS director in direct-routing mode
 * (IPVS's `ipvsadm -g`, ip_vs_dr_xmit). The virtual IP lives on the director
 * and, without ARP, on every real server's loopback; the director only
 * chooses a real server and re-addresses the Ethernet frame to that server's
 * MAC. The IP datagram — addresses, TTL, checksum — leaves as it came, so the
 * real server accepts it as its own and answers the client straight from the
 * VIP, and replies never pass the director.
 */
import { parseMac, readFlow } from '@impl/packet.ts';
import type { DirectorOptions } from '@impl/director-types.ts';

/** An LVS-DR director: frames for the virtual service in, frames to a real server out. */
export class DrDirector {
  /** Throws RangeError for a bad MAC, no real servers or a repeated name. */
  constructor(options: DirectorOptions) {
    void options;
    void parseMac;
  }

  /** The real server a flow is bound to, if any. */
  serverFor(flowKey: string): string | undefined {
    void flowKey;
    throw new Error('TODO(director): look the flow up in the connection table');
  }

  /**
   * Takes a real server out of the service (a failed health check): it gets
   * no new flows, and its flows are scheduled afresh on their next packet.
   */
  removeRealServer(name: string): void {
    void name;
    throw new Error('TODO(director): forget the server and its flows');
  }

  /**
   * A frame arrived. Returns the frame to send on to a real server — a copy
   * with destination MAC = the server's and source MAC = the director's,
   * every other byte unchanged — or undefined to drop it: not sent to the
   * director's MAC, not the virtual service's protocol, address and port, or
   * no real server available.
   */
  receiveFrame(frame: Uint8Array): Uint8Array | undefined {
    void readFlow;
    void frame;
    throw new Error('TODO(director): check, schedule, rewrite the MACs');
  }
}
