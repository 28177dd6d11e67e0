/**
 * The inventory service: the rpc piece's RpcServer on port 12200, whose one
 * method runs the inventory piece's placeOrder on PGlite. The database takes
 * no simulated time by itself, so each SQL statement is charged
 * DB_STATEMENT_MS before the reply goes out, and the CAS it did is read back
 * (with the service's own SQL) for the timeline.
 */
import type { Db, Sql } from '../../labs/inventory/given/db.ts';
import type { HessianValue } from '../../labs/rpc/given/hessian-types.ts';
import type { Jobs } from './async-driver.ts';
import type { IpHost } from './ip-host.ts';
import type { PieceSet } from './pieces.ts';
import type { TimelineRecorder } from './timeline.ts';

/** The RPC port (Dubbo's default is 20880; any will do here). */
export const INVENTORY_PORT = 12200;
/** Simulated time one SQL statement takes, in ms. */
export const DB_STATEMENT_MS = 2;
/** The item the shopper orders and the stock it starts with. */
export const ITEM = { sku: 'apple-crate', stock: 5 } as const;

/** What the service needs from the trip. */
export interface InventoryContext {
  host: IpHost;
  pieces: PieceSet;
  jobs: Jobs;
  timeline: TimelineRecorder;
  db: Db;
  schedule: (ms: number, fn: () => void) => void;
}

/** Creates the schema and the item with the inventory piece's own repository functions. */
export async function seedInventory(db: Db, pieces: PieceSet): Promise<void> {
  const { createSchema, addItem } = pieces.inventory.modules['repository.ts'];
  await createSchema(db);
  await addItem(db, ITEM.sku, ITEM.stock);
}

/** Starts the RPC server. */
export function serveInventory(context: InventoryContext): void {
  const { host, pieces, jobs, timeline, db, schedule } = context;
  const { RpcServer } = pieces.rpc.modules['server.ts'];
  const { placeOrder } = pieces.inventory.modules['orders.ts'];
  const server = new RpcServer({
    methods: {
      Inventory: {
        placeOrder: async (sku: HessianValue, quantity: HessianValue, key: HessianValue) => {
          timeline.begin('database');
          timeline.note(host.device.name, 'application', `RPC Inventory.placeOrder(${String(sku)}, ${String(quantity)}, ${String(key)})`, 'rpc');
          const before = await jobs.track(readLedger(db, String(sku)));
          const counted = countStatements(db);
          const result = await jobs.track(placeOrder(counted.db, { sku: String(sku), quantity: Number(quantity), key: String(key) }, { sleep: async () => undefined, random: () => 0.5 }));
          const after = await jobs.track(readLedger(db, String(sku)));
          await new Promise<void>((resolve) => schedule(counted.statements() * DB_STATEMENT_MS, resolve));
          const change =
            before?.version === after?.version && result.status === 'accepted'
              ? `key ${String(key)} already placed order ${result.orderId}: the same answer, nothing deducted (stock ${after?.stock}, version ${after?.version})`
              : `CAS on ${String(sku)}: stock ${before?.stock} → ${after?.stock}, version ${before?.version} → ${after?.version}`;
          timeline.note(host.device.name, 'database', `${counted.statements()} SQL statements; ${change}`, 'inventory');
          timeline.begin('response');
          return new Map<HessianValue, HessianValue>(Object.entries(result));
        },
      },
    },
  });
  host.listen(INVENTORY_PORT, (socket) => {
    const connection = server.accept({ write: (bytes: Uint8Array) => socket.write(bytes), close: () => socket.close() });
    socket.handlers.onData = (bytes) => connection.receive(bytes);
  });
}

async function readLedger(db: Sql, sku: string): Promise<{ stock: number; version: number } | undefined> {
  const { rows } = await db.query<{ stock: number; version: number }>('SELECT stock, version FROM items WHERE sku = $1', [sku]);
  return rows[0];
}

/** `db`, counting the statements run through it (inside transactions too). */
function countStatements(db: Db): { db: Db; statements: () => number } {
  let count = 0;
  const wrap = (sql: Sql): Sql => ({
    query: (text, params) => {
      count++;
      return sql.query(text, params);
    },
  });
  const counted: Db = { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
  return { db: counted, statements: () => count };
}
