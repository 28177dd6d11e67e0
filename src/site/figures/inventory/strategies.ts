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
