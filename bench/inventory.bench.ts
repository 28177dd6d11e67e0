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
import type { Db } from '../labs/inventory/given/db.ts';
import { STRATEGIES, timeRun, type Strategy } from '../src/site/figures/inventory/strategies.ts';
import { REFERENCE_SCHEMA } from '../labs/inventory/tests/fixtures/database.ts';
import { freshPglite } from '../labs/inventory/tests/fixtures/pglite-template.ts';
import { poolDb, startServer, type Server } from '../labs/inventory/tests/fixtures/postgres.ts';

const BUYERS = [1, 8, 32];
/** Orders each run places (the SKU has stock for all of them). */
const ORDERS = 2_000;

/** The chapter's names for the strategies, as the figures print them. */
const NAMES: Record<Strategy, string> = {
  'for-update': 'pessimistic (SELECT … FOR UPDATE)',
  cas: 'optimistic compare-and-set (the reference)',
  decrement: 'conditional atomic decrement (WHERE stock >= n)',
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
  return {
    where: 'PGlite (no PostgreSQL server found: one backend, no real concurrency)',
    async fresh() {
      const db = await freshPglite();
      await db.exec(REFERENCE_SCHEMA);
      await db.query('INSERT INTO items (sku, stock, version) VALUES ($1, $2, 0)', ['hot', ORDERS]);
      return { db, close: () => db.close() };
    },
    stop: async () => undefined,
  };
}

/** Places ORDERS orders with `buyers` concurrent buyers: orders per second, and the share of transactions that found the version moved on. */
async function measure(target: Target, strategy: Strategy, buyers: number): Promise<{ perSecond: number; conflictRate: number; gaveUp: number }> {
  const { db, close } = await target.fresh(buyers);
  try {
    const { accepted, gaveUp, transactions, seconds } = await timeRun(strategy, db, { buyers, orders: ORDERS, sku: 'hot', keyPrefix: 'k' });
    return { perSecond: accepted / seconds, conflictRate: (transactions - accepted) / transactions, gaveUp };
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
      for (const strategy of STRATEGIES) {
        const name = NAMES[strategy];
        for (const buyers of BUYERS) {
          const { perSecond, conflictRate, gaveUp } = await measure(target, strategy, buyers);
          const run = `${buyers} buyer${buyers === 1 ? '' : 's'} on one hot SKU, ${target.where}`;
          figures.push({ name: `inventory: ${name}, ${run}`, value: perSecond, unit: 'orders/s' });
          // Only the compare-and-set retries: the other two wait for the row lock instead, and never conflict.
          if (conflictRate > 0) figures.push({ name: `inventory: ${name}, ${run}: transactions that conflicted`, value: conflictRate * 100, unit: '%' });
          // The reference gives up after MAX_ATTEMPTS conflicts, as the chapter's figure counts too.
          if (gaveUp > 0) figures.push({ name: `inventory: ${name}, ${run}: orders given up`, value: gaveUp, unit: 'orders' });
        }
      }
    } finally {
      await target.stop();
    }
    return figures;
  },
};
