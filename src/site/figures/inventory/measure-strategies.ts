/**
 * `npm exec -- node src/site/figures/inventory/measure-strategies.ts`: times
 * the three deduction strategies (strategies.ts) on a real PostgreSQL server
 * at 1, 8 and 32 concurrent buyers of one hot SKU, and writes what it measured,
 * with the date, the machine and the server's version, to strategy-run.json,
 * which the chapter's plot draws. It starts a throwaway cluster of Debian's
 * PostgreSQL (initdb + pg_ctl in a temporary folder on a free port, stopped
 * and deleted at the end), or uses DATABASE_URL when set. Not part of the
 * build: the build reads the JSON it wrote.
 *
 * The cluster runs with synchronous_commit = off: on a shared machine with a
 * slow disk, waiting for every commit's flush would hide the contention the
 * figure is about behind the disk's latency.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { placeWith, SCHEMA, STRATEGIES, type Session, type Strategy } from './strategies.ts';
import type { StrategyRun } from './strategy-run.ts';

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
const BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway cluster; initdb refuses root, so as root it runs as the postgres user. */
async function startCluster(): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`No PostgreSQL at ${BIN}: install Debian's postgresql package (apt-get install postgresql), set PG_BIN to the folder with initdb and pg_ctl, or set DATABASE_URL.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'inventory-pg-'));
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
    chownSync(dir, id('-u'), id('-g'));
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]) => {
    const [command, ...rest] = [...asUser, join(BIN, tool), ...args];
    execFileSync(command!, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=64 -c synchronous_commit=off`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function session(client: pg.Client): Session {
  return {
    query: async (text, params) => {
      const result = await client.query(text, params);
      return { rows: result.rows as Record<string, unknown>[], affectedRows: result.rowCount ?? 0 };
    },
  };
}

/** One run: `buyers` connections place ORDERS orders between them, as fast as they can. */
async function measure(url: string, admin: pg.Client, strategy: Strategy, buyers: number) {
  await admin.query('TRUNCATE idempotency_keys, orders RESTART IDENTITY');
  await admin.query('UPDATE items SET stock = $2, version = 0 WHERE sku = $1', [SKU, STOCK]);
  await admin.query('VACUUM ANALYZE items');
  const clients = await Promise.all(Array.from({ length: buyers }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }));
  let next = 0;
  let accepted = 0;
  let gaveUp = 0;
  let conflicts = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      const db = session(client);
      while (next < ORDERS) {
        const key = `${strategy}-${buyers}-${next++}`;
        const placed = await placeWith(strategy, db, key, SKU, 1);
        conflicts += placed.conflicts;
        if (placed.status === 'accepted') accepted += 1;
        else if (placed.status === 'gave-up') gaveUp += 1;
        else throw new Error(`${strategy} sold out after ${accepted} orders; STOCK is too small`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  // The server's own count: what the figure plots is what was committed, not what the clients believe.
  const { rows } = await admin.query<{ stock: number; sold: number }>('SELECT i.stock, (SELECT count(*)::int FROM orders) AS sold FROM items i WHERE sku = $1', [SKU]);
  if (rows[0]!.sold !== accepted || rows[0]!.stock !== STOCK - accepted) throw new Error(`${strategy} at ${buyers}: the clients counted ${accepted} orders, the server has ${rows[0]!.sold} and stock ${rows[0]!.stock}`);
  const attempts = accepted + gaveUp + conflicts;
  return { strategy, buyers, orders: ORDERS, accepted, gaveUp, ordersPerSecond: Math.round(accepted / seconds), conflictRate: conflicts / attempts };
}

const cluster = process.env['DATABASE_URL'] ? undefined : await startCluster();
const url = process.env['DATABASE_URL'] ?? cluster!.url;
const admin = new pg.Client({ connectionString: url });
try {
  await admin.connect();
  await admin.query('DROP TABLE IF EXISTS idempotency_keys, orders, items');
  await admin.query(SCHEMA);
  await admin.query('INSERT INTO items (sku, stock) VALUES ($1, $2)', [SKU, STOCK]);
  const server = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
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
    server: `PostgreSQL ${server}${cluster ? ', a throwaway local cluster with default settings except synchronous_commit = off' : ''}`,
    node: process.version,
    points,
  };
  writeFileSync(new URL('./strategy-run.json', import.meta.url), JSON.stringify(run, null, 2) + '\n');
} finally {
  await admin.end();
  cluster?.stop();
}
