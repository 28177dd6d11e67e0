/**
 * The authoritative core on a real UDP socket (RFC 1035 §4.2.1): each
 * datagram is one query, each reply goes back to the address and port it
 * came from. All DNS logic stays in `respond`; this file only moves bytes.
 */
import { MAX_UDP_PAYLOAD, type ListenOptions, type UdpServer, type Zone } from '@impl/server-types.ts';
import { respond } from './authority.ts';

/**
 * Serves `zone` over UDP on `options.host`:`options.port`; resolves once the
 * socket is bound, with the port actually bound. Each datagram is a query:
 * pass its bytes to `respond` and send what it returns (if not null) back to
 * the address and port the datagram came from. A reply longer than
 * MAX_UDP_PAYLOAD goes out as header and question only with TC set. Neither
 * a throw from `respond` nor a failed send may stop the server.
 */
export async function listenUdp(zone: Zone, options: ListenOptions): Promise<UdpServer> {
  throw new Error("TODO(wire): createSocket('udp4') from node:dgram, answer each 'message' with respond(), bind, resolve with the port");
}
