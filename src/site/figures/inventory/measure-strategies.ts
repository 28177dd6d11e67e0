/**
 * `npm exec -- node src/site/figures/inventory/measure-strategies.ts`: times
 * the three deduction strategies (strategies.ts) on a real PostgreSQL server
 * at 1, 8 and 32 concurrent buyers of one hot SKU, and writes what it measured,
 * with the date, the machine and the server's version, to strategy-run.json,
 * which the chapter's plot draws. The server is the lab's host stage's
 * (labs/inventory/tests/fixtures/postgres.ts): DATABASE_URL when set, or else
 * a throwaway cluster of the installed PostgreSQL. Not part of the build: the
 * build reads the JSON this wrote.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import pg from 'pg';
import { registerImplHooks } from '../../../course/impl-plugin.ts';
import { coursePaths } from '../../../course/paths.ts';
import type { StrategyRun } from './strategy-run.ts';

// The reference's `@impl/…` imports resolve to the solution, as the grader's do.
registerImplHooks(coursePaths());
const { STRATEGIES, timeRun } = await import('./strategies.ts');
const { REFERENCE_SCHEMA } = await import('../../../../labs/inventory/tests/fixtures/database.ts');
const { poolDb, startServer } = await import('../../../../labs/inventory/tests/fixtures/postgres.ts');
type Strategy = (typeof STRATEGIES)[number];

/** How many buyers race in each run, as the issue sets them. */
const BUYERS = [1, 8, 32];
/** Orders placed per run, shared out among the buyers. */
const ORDERS = 1000;
/**
 * Runs of each strategy at each number of buyers, taken in rotation so that a
 * change in the machine's load falls on all of them alike; the figure keeps
 * the run with the median rate.
 */
const TRIALS = 3;
/** Enough stock that no run sells out: the figure measures contention, not the end of the stock. */
const STOCK = 1_000_000;
const SKU = 'hot-mug';

/** One run: `buyers` connections place ORDERS orders between them, as fast as they can. */
async function measure(url: string, admin: pg.Client, strategy: Strategy, buyers: number) {
  await admin.query('TRUNCATE idempotency_keys, orders RESTART IDENTITY');
  await admin.query('UPDATE items SET stock = $2, version = 0 WHERE sku = $1', [SKU, STOCK]);
  await admin.query('VACUUM ANALYZE items');
  const pool = new pg.Pool({ connectionString: url, max: buyers });
  const { accepted, gaveUp, transactions, seconds } = await timeRun(strategy, poolDb(pool), { buyers, orders: ORDERS, sku: SKU, keyPrefix: `${strategy}-${buyers}` });
  await pool.end();
  // The server's own count: what the figure plots is what was committed, not what the clients believe.
  const { rows } = await admin.query<{ stock: number; sold: number }>('SELECT stock, (SELECT count(*)::int FROM orders) AS sold FROM items WHERE sku = $1', [SKU]);
  if (rows[0]!.sold !== accepted || rows[0]!.stock !== STOCK - accepted) throw new Error(`${strategy} at ${buyers}: the clients counted ${accepted} orders, the server has ${rows[0]!.sold} and stock ${rows[0]!.stock}`);
  const conflicts = transactions - accepted;
  return { strategy, buyers, orders: ORDERS, accepted, gaveUp, ordersPerSecond: Math.round(accepted / seconds), conflictRate: conflicts / transactions };
}

const server = await startServer();
const url = server.url;
const admin = new pg.Client({ connectionString: url });
try {
  await admin.connect();
  await admin.query('DROP TABLE IF EXISTS idempotency_keys, orders, items');
  await admin.query(REFERENCE_SCHEMA);
  await admin.query('INSERT INTO items (sku, stock) VALUES ($1, $2)', [SKU, STOCK]);
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  const loadAtStart = loadavg()[0]!;
  const trials = new Map<string, Awaited<ReturnType<typeof measure>>[]>();
  for (let trial = 1; trial <= TRIALS; trial++) {
    for (const strategy of STRATEGIES) {
      for (const buyers of BUYERS) {
        const point = await measure(url, admin, strategy, buyers);
        console.error(`trial ${trial}: ${strategy} × ${buyers}: ${point.ordersPerSecond} orders/s, ${(point.conflictRate * 100).toFixed(1)} % conflicts, ${point.gaveUp} gave up`);
        trials.set(`${strategy}@${buyers}`, [...(trials.get(`${strategy}@${buyers}`) ?? []), point]);
      }
    }
  }
  const points = [...trials.values()].map((runs) => runs.sort((a, b) => a.ordersPerSecond - b.ordersPerSecond)[Math.floor(runs.length / 2)]!);
  const run: StrategyRun = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${platform()} ${release()}, 1-minute load average ${loadAtStart.toFixed(0)} at the start and ${loadavg()[0]!.toFixed(0)} at the end; each point the median of ${TRIALS} runs`,
    server: `PostgreSQL ${version}${process.env['DATABASE_URL'] ? '' : ', a throwaway local cluster (the lab’s: fsync, synchronous_commit and full_page_writes off)'}`,
    node: process.version,
    points,
  };
  writeFileSync(new URL('./strategy-run.json', import.meta.url), JSON.stringify(run, null, 2) + '\n');
} finally {
  await admin.end();
  server.stop();
}
