/**
 * A web server behind the director: it holds the VIP on loopback, takes
 * `POST /orders` on port 80 and asks the inventory service over RPC (the rpc
 * piece's RpcClient, one connection per server, opened on first use).
 */
import type { HessianValue } from '../../labs/rpc/given/hessian-types.ts';
import type { RpcClient } from '../../labs/rpc/solution/client.ts';
import { formatResponse, parseRequest } from './http-text.ts';
import type { IpHost } from './ip-host.ts';
import { INVENTORY_PORT } from './inventory-service.ts';
import { ADDRESSES } from './network-plan.ts';
import type { PieceSet } from './pieces.ts';
import { concat } from '../../labs/https/given/bytes.ts';
import type { TimelineRecorder } from './timeline.ts';

/** Starts the order API on a web server. */
export function serveOrders(host: IpHost, pieces: PieceSet, timeline: TimelineRecorder): void {
  let rpc: RpcClient | undefined;
  const inventory = () => {
    if (rpc) return rpc;
    const { RpcClient } = pieces.rpc.modules['client.ts'];
    const socket = host.connect({ ip: ADDRESSES.inventory, port: INVENTORY_PORT });
    const queued: Uint8Array[] = [];
    let open = false;
    socket.handlers = {
      onOpen: () => {
        open = true;
        for (const bytes of queued.splice(0)) socket.write(bytes);
      },
      onData: (bytes) => client.receive(bytes),
    };
    const client = new RpcClient({ write: (bytes: Uint8Array) => (open ? socket.write(bytes) : queued.push(bytes)), close: () => socket.close() });
    rpc = client;
    return client;
  };
  host.listen(80, (socket) => {
    let buffer: Uint8Array = new Uint8Array(0);
    socket.handlers.onData = (bytes) => {
      buffer = concat(buffer, bytes);
      const parsed = parseRequest(buffer, 'http');
      if (parsed === undefined) return;
      buffer = parsed.rest;
      const { request } = parsed;
      timeline.note(host.device.name, 'application', `${request.method} ${new URL(request.url).pathname} from ${socket.remote.ip}, to ${socket.local.ip}`);
      timeline.begin('rpc');
      const order = JSON.parse(request.body ?? '{}') as { sku: string; quantity: number; key: string };
      void inventory()
        .call('Inventory', 'placeOrder', [order.sku, order.quantity, order.key])
        .then(
          (result: HessianValue) => {
            const body = JSON.stringify(Object.fromEntries(result instanceof Map ? result : []));
            socket.write(formatResponse({ status: 201, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body }));
          },
          (error: unknown) => socket.write(formatResponse({ status: 502, headers: {}, body: String(error) })),
        );
    };
  });
}
