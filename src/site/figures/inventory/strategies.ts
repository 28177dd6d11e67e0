/**
 * The three ways the chapter deducts stock, each placing one order in one
 * transaction that also records the order and its idempotency key, so that
 * they differ only in how they keep two buyers from both taking the last
 * unit: a row lock (`SELECT … FOR UPDATE`), the lab's reference placeOrder
 * (compare-and-set on the version, retried with jittered backoff), or a
 * conditional decrement. measure-strategies.ts times them on a real server.
 */
import type { Db, Sql } from '../../../../labs/inventory/given/db.ts';
import { placeOrder } from '../../../../labs/inventory/solution/orders.ts';

/** The strategies, in the order the chapter introduces them. */
export const STRATEGIES = ['for-update', 'cas', 'decrement'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** How one order ended. */
export type Placed = 'accepted' | 'sold-out' | 'gave-up';

/** Inserts the order and its key, as the reference does, inside the caller's transaction. */
async function record(tx: Sql, key: string, sku: string, quantity: number): Promise<void> {
  const { rows } = await tx.query<{ id: number }>('INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id', [sku, quantity]);
  await tx.query('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, rows[0]!.id]);
}

/** Places one order of `quantity` units of `sku` under idempotency key `key` with `strategy`. */
export async function placeWith(strategy: Strategy, db: Db, key: string, sku: string, quantity: number): Promise<Placed> {
  switch (strategy) {
    case 'for-update':
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ stock: number }>('SELECT stock FROM items WHERE sku = $1 FOR UPDATE', [sku]);
        if (rows[0]!.stock < quantity) return 'sold-out';
        await tx.query('UPDATE items SET stock = $2, version = version + 1 WHERE sku = $1', [sku, rows[0]!.stock - quantity]);
        await record(tx, key, sku, quantity);
        return 'accepted';
      });
    case 'decrement':
      return db.transaction(async (tx) => {
        const { affectedRows } = await tx.query('UPDATE items SET stock = stock - $2, version = version + 1 WHERE sku = $1 AND stock >= $2', [sku, quantity]);
        if (affectedRows !== 1) return 'sold-out';
        await record(tx, key, sku, quantity);
        return 'accepted';
      });
    case 'cas': {
      // The reference itself, with its own retry policy (MAX_ATTEMPTS, full-jitter backoff).
      const result = await placeOrder(db, { key, sku, quantity });
      return result.status === 'accepted' ? 'accepted' : result.status === 'gave-up' ? 'gave-up' : 'sold-out';
    }
  }
}

/** What one timed run did: orders the buyers were told were accepted or gave up on, transactions begun, seconds taken. */
export interface TimedRun {
  accepted: number;
  gaveUp: number;
  transactions: number;
  seconds: number;
}

/**
 * One timed run: `buyers` concurrent buyers share out `orders` orders of one
 * unit of `sku` through `db` with `strategy`, each under its own key
 * (`${keyPrefix}-<n>`). Every transaction beyond one per accepted order is a
 * compare-and-set that found the version moved on. Throws when the SKU sells
 * out: the run measures contention, not the end of the stock.
 */
export async function timeRun(strategy: Strategy, db: Db, options: { buyers: number; orders: number; sku: string; keyPrefix: string }): Promise<TimedRun> {
  const { buyers, orders, sku, keyPrefix } = options;
  let transactions = 0;
  const counted: Db = { query: (text, params) => db.query(text, params), transaction: (fn) => ((transactions += 1), db.transaction(fn)) };
  let next = 0;
  let accepted = 0;
  let gaveUp = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: buyers }, async () => {
      while (next < orders) {
        const placed = await placeWith(strategy, counted, `${keyPrefix}-${next++}`, sku, 1);
        if (placed === 'accepted') accepted += 1;
        else if (placed === 'gave-up') gaveUp += 1;
        else throw new Error(`${strategy} sold out after ${accepted} orders: the run needs more stock`);
      }
    }),
  );
  return { accepted, gaveUp, transactions, seconds: (performance.now() - started) / 1000 };
}
