/**
 * The inventory lab's three ways to deduct stock, on one hot SKU: pessimistic
 * locking (SELECT … FOR UPDATE), the reference's optimistic compare-and-set
 * on a version (placeOrder, with its retries and jittered backoff), and a
 * conditional atomic decrement (UPDATE … WHERE stock >= n). Orders per second
 * at 1, 8 and 32 concurrent buyers, each buyer with its own connection, on a
 * real PostgreSQL server (DATABASE_URL, or a throwaway cluster as the lab's
 * host stage starts); without one, on PGlite, whose single backend runs one
 * statement at a time, so the figures then show no concurrency at all. The
 * issue sets no target: every figure is for information, with the share
 * of the compare-and-set's transactions that conflicted beside it.
 */
import pg from 'pg';
import type { Benchmark, Figure } from './figure.ts';
import type { Db, Sql } from '../labs/inventory/given/db.ts';
import { placeOrder } from '../labs/inventory/solution/orders.ts';
import { REFERENCE_SCHEMA } from '../labs/inventory/tests/fixtures/database.ts';
import { poolDb, startServer, type Server } from '../labs/inventory/tests/fixtures/postgres.ts';

const BUYERS = [1, 8, 32];
/** Orders each run places (every one succeeds: the SKU has stock for all of them). */
const ORDERS = 2_000;

/** One way to place an order of one unit; resolves true when it was accepted. */
type Strategy = (db: Db, key: string) => Promise<boolean>;

/** Records the order and its key, as the reference does, inside the caller's transaction. */
async function record(tx: Sql, key: string): Promise<void> {
  const { rows } = await tx.query<{ id: number }>('INSERT INTO orders (sku, quantity) VALUES ($1, 1) RETURNING id', ['hot']);
  await tx.query('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, rows[0]!.id]);
}

const STRATEGIES: Record<string, Strategy> = {
  'pessimistic (SELECT … FOR UPDATE)': (db, key) =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<{ stock: number }>('SELECT stock FROM items WHERE sku = $1 FOR UPDATE', ['hot']);
      if (!rows[0] || rows[0].stock < 1) return false;
      await tx.query('UPDATE items SET stock = stock - 1, version = version + 1 WHERE sku = $1', ['hot']);
      await record(tx, key);
      return true;
    }),
  'optimistic compare-and-set (the reference)': async (db, key) => (await placeOrder(db, { key, sku: 'hot', quantity: 1 }, { maxAttempts: 1000 })).status === 'accepted',
  'conditional atomic decrement (WHERE stock >= n)': (db, key) =>
    db.transaction(async (tx) => {
      const { affectedRows } = await tx.query('UPDATE items SET stock = stock - 1, version = version + 1 WHERE sku = $1 AND stock >= 1', ['hot']);
      if (affectedRows !== 1) return false;
      await record(tx, key);
      return true;
    }),
};

/** A database with empty tables and ORDERS units of the hot SKU, and how to close it. */
interface Target {
  where: string;
  fresh(buyers: number): Promise<{ db: Db; close(): Promise<void> }>;
  stop(): Promise<void>;
}

async function postgresTarget(server: Server): Promise<Target> {
  return {
    where: process.env['DATABASE_URL'] ? 'PostgreSQL at DATABASE_URL' : 'a throwaway PostgreSQL',
    async fresh(buyers) {
      const pool = new pg.Pool({ connectionString: server.url, max: buyers, options: '-c search_path=journey_inventory_bench' });
      await pool.query('DROP SCHEMA IF EXISTS journey_inventory_bench CASCADE');
      await pool.query('CREATE SCHEMA journey_inventory_bench');
      for (const statement of REFERENCE_SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) await pool.query(statement);
      await pool.query('INSERT INTO items (sku, stock, version) VALUES ($1, $2, 0)', ['hot', ORDERS]);
      return { db: poolDb(pool), close: () => pool.end() };
    },
    stop: async () => server.stop(),
  };
}

async function pgliteTarget(): Promise<Target> {
  const { PGlite } = await import('@electric-sql/pglite');
  return {
    where: 'PGlite (no PostgreSQL server found: one backend, no real concurrency)',
    async fresh() {
      const db = await PGlite.create();
      await db.exec(REFERENCE_SCHEMA);
      await db.query('INSERT INTO items (sku, stock, version) VALUES ($1, $2, 0)', ['hot', ORDERS]);
      return { db, close: () => db.close() };
    },
    stop: async () => undefined,
  };
}

/** Places ORDERS orders with `buyers` concurrent buyers: orders per second, and the share of transactions that found the version moved on. */
async function measure(target: Target, strategy: Strategy, buyers: number): Promise<{ perSecond: number; conflictRate: number }> {
  const { db: inner, close } = await target.fresh(buyers);
  let transactions = 0;
  const db: Db = { query: (text, params) => inner.query(text, params), transaction: (fn) => (transactions++, inner.transaction(fn)) };
  try {
    let next = 0;
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: buyers }, async () => {
        while (next < ORDERS) if (await strategy(db, `k-${next++}`)) accepted += 1;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (accepted !== ORDERS) throw new Error(`bench: ${accepted} of ${ORDERS} orders were accepted; every one should be`);
    return { perSecond: ORDERS / seconds, conflictRate: (transactions - ORDERS) / transactions };
  } finally {
    await close();
  }
}

export const benchmark: Benchmark = {
  name: 'inventory',
  async run() {
    let target: Target;
    try {
      target = await postgresTarget(await startServer());
    } catch {
      target = await pgliteTarget();
    }
    const figures: Figure[] = [];
    try {
      for (const [name, strategy] of Object.entries(STRATEGIES)) {
        for (const buyers of BUYERS) {
          const { perSecond, conflictRate } = await measure(target, strategy, buyers);
          const run = `${buyers} buyer${buyers === 1 ? '' : 's'} on one hot SKU, ${target.where}`;
          figures.push({ name: `inventory: ${name}, ${run}`, value: perSecond, unit: 'orders/s' });
          // Only the compare-and-set retries: the other two wait for the row lock instead, and never conflict.
          if (conflictRate > 0) figures.push({ name: `inventory: ${name}, ${run}: transactions that conflicted`, value: conflictRate * 100, unit: '%' });
        }
      }
    } finally {
      await target.stop();
    }
    return figures;
  },
};
