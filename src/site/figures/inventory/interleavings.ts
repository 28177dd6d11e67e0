/**
 * The inventory chapter's interleavings: two buyers, one last unit, and the
 * statements each strategy sends, run on PGlite (PostgreSQL compiled to
 * WebAssembly) at build time in one explicit order. Every row the figure shows
 * is what PostgreSQL returned, so the figure cannot disagree with it.
 *
 * PGlite has one session, so a buyer's transaction runs whole in one step,
 * and a statement PostgreSQL would block on a row lock runs at the step where
 * the lock is released: the order of execution is the one a server would
 * produce, and the step says where the buyer waited. The tables, the reads
 * and the compare-and-set are the lab's reference repository's own; the
 * broken write, the row lock and the decrement, which the reference does not
 * have, are the chapter's SQL.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Sql } from '../../../../labs/inventory/given/db.ts';
import { addItem, casStock, createSchema, readItem } from '../../../../labs/inventory/solution/repository.ts';

/** One of the two buyers. */
export type Buyer = 'A' | 'B';

/** The strategies the chapter compares, plus the broken read-modify-write. */
export type ScenarioId = 'lost-update' | 'for-update' | 'cas' | 'decrement';

/** The single SKU both buyers want, and how many are left. */
export const SKU = 'mug';
export const INITIAL_STOCK = 1;

/** The statements as the chapter prints them; the tests check that the reference sends the same read and compare-and-set. */
export const SQL = {
  read: 'SELECT sku, stock, version FROM items WHERE sku = $1',
  readForUpdate: 'SELECT stock, version FROM items WHERE sku = $1 FOR UPDATE',
  blindWrite: 'UPDATE items SET stock = $2 WHERE sku = $1',
  lockedWrite: 'UPDATE items SET stock = $2, version = version + 1 WHERE sku = $1',
  cas: 'UPDATE items SET stock = $3, version = version + 1 WHERE sku = $1 AND version = $2',
  decrement: 'UPDATE items SET stock = stock - $2, version = version + 1 WHERE sku = $1 AND stock >= $2',
  order: 'INSERT INTO orders (sku, quantity) VALUES ($1, $2)',
} as const;

/** The items row as committed, and the orders recorded, after a step. */
export interface RowState {
  stock: number;
  version: number;
  orders: number;
}

/** One statement a step sent, with what PostgreSQL answered. */
export interface Executed {
  text: string;
  params: unknown[];
  rows: Record<string, unknown>[];
  affectedRows: number;
}

/** One step of a scenario after it ran. */
export interface Frame {
  buyer: Buyer;
  /** Short text for the buyer's column of the table. */
  cell: string;
  /** Step title and text (backticks mark code). */
  title: string;
  text: string;
  /** The statements this step sent, in order; empty while the buyer waits for a lock. */
  executed: Executed[];
  /** The committed row after the step. */
  after: RowState;
}

/** A scenario after it ran: its frames, and the row at the end. */
export interface Interleaving {
  id: ScenarioId;
  /** The row before the first step. */
  start: RowState;
  frames: Frame[];
  final: RowState;
}

/** What a buyer remembers from its own reads. */
interface Memory {
  stock?: number;
  version?: number;
}

/** Runs statements and records them. */
type Run = (text: string, params: unknown[]) => Promise<Executed>;

/** A step before it runs: what the buyer sends (nothing while it waits), and how to describe the outcome. */
interface Script {
  buyer: Buyer;
  act?: (run: Run, memory: Memory) => Promise<void>;
  describe: (executed: Executed[], memory: Memory) => { cell: string; title: string; text: string };
}

const other = (buyer: Buyer): Buyer => (buyer === 'A' ? 'B' : 'A');

/** The recording runner seen as the lab's Sql interface, so that the reference's functions can send their statements through it. */
function asSql(run: Run): Sql {
  return { query: async <Row>(text: string, params?: unknown[]) => { const done = await run(text, params ?? []); return { rows: done.rows as Row[], affectedRows: done.affectedRows }; } };
}

/** A read that the buyer remembers: the reference's readItem, or the chapter's locking read. */
async function read(run: Run, memory: Memory, text: string): Promise<void> {
  const row = text === SQL.read ? (await readItem(asSql(run), SKU))! : ((await run(text, [SKU])).rows[0] as { stock: number; version: number });
  memory.stock = row.stock;
  memory.version = row.version;
}

/** Runs `body` between BEGIN and COMMIT; the body's return value ROLLBACK instead when it says so. */
async function transaction(run: Run, body: () => Promise<'commit' | 'rollback'>): Promise<void> {
  await run('BEGIN', []);
  const end = await body();
  await run(end === 'commit' ? 'COMMIT' : 'ROLLBACK', []);
}

const first = (executed: Executed[], text: string) => {
  const found = executed.find((e) => e.text === text);
  if (!found) throw new Error(`the step sent no ${JSON.stringify(text)}; it sent ${executed.map((e) => JSON.stringify(e.text)).join(', ')}`);
  return found;
};

const SCRIPTS: Record<ScenarioId, Script[]> = {
  'lost-update': [
    ...(['A', 'B'] as const).map(
      (buyer): Script => ({
        buyer,
        act: (run, memory) => read(run, memory, SQL.read),
        describe: (_, m) => ({
          cell: `reads stock ${m.stock}`,
          title: `Buyer ${buyer} reads the row`,
          text: `\`${SQL.read}\` returns stock ${m.stock}, version ${m.version}. ${buyer === 'A' ? 'One left: A may buy it.' : 'B sees the same unit, because A has not written anything yet.'}`,
        }),
      }),
    ),
    ...(['A', 'B'] as const).map(
      (buyer): Script => ({
        buyer,
        act: (run, memory) =>
          transaction(run, async () => {
            await run(SQL.blindWrite, [SKU, memory.stock! - 1]);
            await run(SQL.order, [SKU, 1]);
            return 'commit';
          }),
        describe: (executed, m) => ({
          cell: `writes stock ${m.stock! - 1}, orders`,
          title: `Buyer ${buyer} writes what it computed`,
          text: `\`${SQL.blindWrite}\` with stock = ${m.stock} − 1 = ${m.stock! - 1} touches ${first(executed, SQL.blindWrite).affectedRows} row, and the order is inserted in the same transaction. ${buyer === 'A' ? 'So far so good.' : 'Nothing stops it: B’s write overwrites A’s with the same number, and A’s deduction is lost. Two orders, one unit.'}`,
        }),
      }),
    ),
  ],
  'for-update': [
    {
      buyer: 'A',
      act: async (run, memory) => {
        await run('BEGIN', []);
        await read(run, memory, SQL.readForUpdate);
      },
      describe: (_, m) => ({
        cell: `locks the row, reads ${m.stock}`,
        title: 'Buyer A reads the row and locks it',
        text: `Inside a transaction, \`${SQL.readForUpdate}\` returns stock ${m.stock} and takes a row lock that lasts until A commits or rolls back.`,
      }),
    },
    {
      buyer: 'B',
      describe: () => ({
        cell: 'waits for A’s lock',
        title: 'Buyer B has to wait',
        text: `B sends the same \`SELECT … FOR UPDATE\`. The row is locked, so PostgreSQL holds B’s statement: no answer, no error, just a wait (up to \`lock_timeout\`, which is off by default).`,
      }),
    },
    {
      buyer: 'A',
      act: async (run, memory) => {
        await run(SQL.lockedWrite, [SKU, memory.stock! - 1]);
        await run(SQL.order, [SKU, 1]);
        await run('COMMIT', []);
      },
      describe: (_, m) => ({
        cell: `writes ${m.stock! - 1}, orders, commits`,
        title: 'Buyer A writes, orders and commits',
        text: `\`${SQL.lockedWrite}\` sets stock ${m.stock! - 1}, the order is inserted, and \`COMMIT\` releases the lock.`,
      }),
    },
    {
      buyer: 'B',
      act: async (run, memory) => {
        await run('BEGIN', []);
        await read(run, memory, SQL.readForUpdate);
        if (memory.stock! < 1) await run('ROLLBACK', []);
      },
      describe: (_, m) => ({
        cell: `reads ${m.stock}: sold out`,
        title: 'Buyer B gets the row as A left it',
        text: `B’s \`SELECT … FOR UPDATE\` now returns stock ${m.stock}, version ${m.version}: the committed row, not the one B would have seen a moment ago. B refuses the order and rolls back.`,
      }),
    },
  ],
  cas: [
    ...(['A', 'B'] as const).map(
      (buyer): Script => ({
        buyer,
        act: (run, memory) => read(run, memory, SQL.read),
        describe: (_, m) => ({
          cell: `reads ${m.stock}, v${m.version}`,
          title: `Buyer ${buyer} reads stock and version`,
          text: `\`${SQL.read}\` returns stock ${m.stock}, version ${m.version}. No lock is taken: ${buyer === 'A' ? 'anyone may read the row meanwhile.' : 'B reads the same row A did.'}`,
        }),
      }),
    ),
    ...(['A', 'B'] as const).map(
      (buyer): Script => ({
        buyer,
        act: (run, memory) =>
          transaction(run, async () => {
            if (!(await casStock(asSql(run), SKU, memory.version!, memory.stock! - 1))) return 'rollback';
            await run(SQL.order, [SKU, 1]);
            return 'commit';
          }),
        describe: (executed, m) => {
          const touched = first(executed, SQL.cas).affectedRows;
          return touched === 1
            ? {
                cell: `sets ${m.stock! - 1} if v${m.version}: 1 row`,
                title: `Buyer ${buyer}’s compare-and-set succeeds`,
                text: `\`${SQL.cas}\` with version ${m.version} and new stock ${m.stock! - 1}. The row is still at version ${m.version}, so the update touches 1 row and moves the version on; the order is inserted and the transaction commits.`,
              }
            : {
                cell: `sets ${m.stock! - 1} if v${m.version}: 0 rows`,
                title: `Buyer ${buyer}’s compare-and-set finds the version moved`,
                text: `The same statement with version ${m.version} touches 0 rows, because ${other(buyer)} moved the version on. Nothing was written; ${buyer} rolls back and must read again.`,
              };
        },
      }),
    ),
    {
      buyer: 'B',
      act: (run, memory) => read(run, memory, SQL.read),
      describe: (_, m) => ({
        cell: `reads again: ${m.stock}, v${m.version}`,
        title: 'Buyer B retries from a fresh read',
        text: `\`${SQL.read}\` now returns stock ${m.stock}, version ${m.version}. Sold out: B refuses the order instead of retrying the write.`,
      }),
    },
  ],
  decrement: [
    {
      buyer: 'A',
      act: async (run) => {
        await run('BEGIN', []);
        await run(SQL.decrement, [SKU, 1]);
      },
      describe: (executed) => ({
        cell: `decrements: ${first(executed, SQL.decrement).affectedRows} row`,
        title: 'Buyer A deducts without reading first',
        text: `\`${SQL.decrement}\` with quantity 1 touches ${first(executed, SQL.decrement).affectedRows} row. The database does the arithmetic on the row as it is; A holds the row lock until it commits.`,
      }),
    },
    {
      buyer: 'B',
      describe: () => ({
        cell: 'waits for A’s lock',
        title: 'Buyer B’s decrement waits',
        text: 'B sends the same `UPDATE`. The row is locked by A’s open transaction, so B’s statement waits.',
      }),
    },
    {
      buyer: 'A',
      act: async (run) => {
        await run(SQL.order, [SKU, 1]);
        await run('COMMIT', []);
      },
      describe: () => ({
        cell: 'orders, commits',
        title: 'Buyer A records the order and commits',
        text: 'The order is inserted in the same transaction, and `COMMIT` releases the row lock.',
      }),
    },
    {
      buyer: 'B',
      act: async (run) =>
        transaction(run, async () => ((await run(SQL.decrement, [SKU, 1])).affectedRows === 0 ? 'rollback' : 'commit')),
      describe: (executed) => ({
        cell: `decrements: ${first(executed, SQL.decrement).affectedRows} rows`,
        title: 'Buyer B’s update checks the new row',
        text: `Under read committed, a waiting \`UPDATE\` re-checks its \`WHERE\` against the row A committed: \`stock >= 1\` is now false, so it touches ${first(executed, SQL.decrement).affectedRows} rows. B answers “sold out”, with no read and no retry.`,
      }),
    },
  ],
};

/** The scenarios in the order the chapter shows them. */
export const SCENARIO_IDS = Object.keys(SCRIPTS) as ScenarioId[];

async function rowState(db: PGlite): Promise<RowState> {
  const item = (await db.query<{ stock: number; version: number }>(SQL.read, [SKU])).rows[0]!;
  const orders = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0]!.n;
  return { stock: item.stock, version: item.version, orders };
}

/** Runs one scenario on `db` from a fresh pair of tables holding INITIAL_STOCK units of SKU. */
export async function runScenario(db: PGlite, id: ScenarioId): Promise<Interleaving> {
  await db.exec('DROP TABLE IF EXISTS idempotency_keys, orders, items');
  await createSchema(db);
  await addItem(db, SKU, INITIAL_STOCK);
  const memories: Record<Buyer, Memory> = { A: {}, B: {} };
  const start = await rowState(db);
  let committed = start;
  let open: Buyer | undefined;
  const frames: Frame[] = [];
  for (const script of SCRIPTS[id]) {
    const executed: Executed[] = [];
    const run: Run = async (text, params) => {
      // One session: a statement of the other buyer inside an open transaction would join it, which no server does.
      if (open && open !== script.buyer) throw new Error(`scenario ${id}: buyer ${script.buyer} sends "${text}" while ${open}'s transaction is open`);
      const result = await db.query<Record<string, unknown>>(text, params);
      if (text === 'BEGIN') open = script.buyer;
      if (text === 'COMMIT' || text === 'ROLLBACK') open = undefined;
      const done = { text, params, rows: result.rows, affectedRows: result.affectedRows ?? 0 };
      executed.push(done);
      return done;
    };
    await script.act?.(run, memories[script.buyer]);
    // Inside an open transaction this session would see its own uncommitted writes; the others see the last commit.
    if (!open) committed = await rowState(db);
    frames.push({ buyer: script.buyer, ...script.describe(executed, memories[script.buyer]), executed, after: committed });
  }
  if (open) throw new Error(`scenario ${id} ends with ${open}'s transaction still open`);
  return { id, start, frames, final: committed };
}

let all: Promise<Record<ScenarioId, Interleaving>> | undefined;

/** Every scenario, run once per build on one PGlite and shared by every figure that asks. */
export function chapterInterleavings(): Promise<Record<ScenarioId, Interleaving>> {
  all ??= (async () => {
    const db = new PGlite();
    try {
      const runs = {} as Record<ScenarioId, Interleaving>;
      for (const id of SCENARIO_IDS) runs[id] = await runScenario(db, id);
      return runs;
    } finally {
      await db.close();
    }
  })();
  return all;
}
