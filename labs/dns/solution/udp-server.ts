/**
 * The authoritative core on a real UDP socket (RFC 1035 §4.2.1): each
 * datagram is one query, each reply goes back to the address and port it
 * came from. All DNS logic stays in `respond`; this file only moves bytes.
 */
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { MAX_UDP_PAYLOAD, type ListenOptions, type UdpServer, type Zone } from '@impl/server-types.ts';
import { respond } from './authority.ts';
import { decodeMessage, encodeMessage } from './message.ts';

/**
 * Serves `zone` over UDP on `options.host`:`options.port`; resolves once the
 * socket is bound, with the port actually bound. Each datagram is a query:
 * pass its bytes to `respond` and send what it returns (if not null) back to
 * the address and port the datagram came from. A reply longer than
 * MAX_UDP_PAYLOAD goes out as header and question only with TC set. Neither
 * a throw from `respond` nor a failed send may stop the server.
 */
export function listenUdp(zone: Zone, options: ListenOptions): Promise<UdpServer> {
  const socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
  socket.on('message', (datagram, peer) => {
    let response: Uint8Array | null;
    try {
      response = respond(zone, new Uint8Array(datagram.buffer, datagram.byteOffset, datagram.byteLength));
    } catch {
      // A bug in `respond` costs one reply, never the server.
      response = null;
    }
    if (response) socket.send(fitUdp(response), peer.port, peer.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      // After binding, a failed send (say, the client went away) must not crash the process.
      socket.on('error', () => {});
      resolve({
        port: socket.address().port,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}

/** A reply too big for UDP goes out as header and question with TC set, so the client retries over TCP (RFC 2181 §9). */
function fitUdp(response: Uint8Array): Uint8Array {
  if (response.length <= MAX_UDP_PAYLOAD) return response;
  const message = decodeMessage(response).value;
  return encodeMessage({ ...message, tc: true, answers: [], authority: [], additional: [] });
}
