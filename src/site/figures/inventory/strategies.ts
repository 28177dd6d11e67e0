/**
 * The three ways the chapter deducts stock, each as one order placed in one
 * transaction that also records the order and its idempotency key, so that
 * they differ only in how they keep two buyers from both taking the last unit:
 * a row lock, a compare-and-set on the version, or a conditional decrement.
 * measure-strategies.ts times them on a real PostgreSQL server.
 */

/** Runs one statement; `affectedRows` counts the rows an INSERT or UPDATE touched. */
export interface Session {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; affectedRows: number }>;
}

/** The strategies, in the order the chapter introduces them. */
export const STRATEGIES = ['for-update', 'cas', 'decrement'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** How one order ended, and how many compare-and-set attempts it threw away. */
export interface Placed {
  status: 'accepted' | 'sold-out' | 'gave-up';
  conflicts: number;
}

/** The reference's retry policy (labs/inventory/solution/orders.ts): attempts, and full jitter below min(100, 2 · 2^(n−1)) ms. */
export const RETRY = { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 100 } as const;

/** The schema the lab's reference creates: items with a version, orders, and one row per idempotency key. */
export const SCHEMA = `
  CREATE TABLE items (sku text PRIMARY KEY, stock integer NOT NULL CHECK (stock >= 0), version integer NOT NULL DEFAULT 0);
  CREATE TABLE orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sku text NOT NULL REFERENCES items (sku), quantity integer NOT NULL CHECK (quantity > 0));
  CREATE TABLE idempotency_keys (key text PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id));
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Inserts the order and its key; the caller's transaction commits both or neither. */
async function record(db: Session, key: string, sku: string, quantity: number): Promise<void> {
  const { rows } = await db.query('INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id', [sku, quantity]);
  await db.query('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, rows[0]!['id']]);
}

/** Runs `body` in a transaction on `db`, rolling back when it throws or answers false. */
async function inTransaction(db: Session, body: () => Promise<boolean>): Promise<boolean> {
  await db.query('BEGIN');
  try {
    const keep = await body();
    await db.query(keep ? 'COMMIT' : 'ROLLBACK');
    return keep;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Places one order of `quantity` units of `sku` under idempotency key `key` with `strategy`. */
export async function placeWith(strategy: Strategy, db: Session, key: string, sku: string, quantity: number, random: () => number = Math.random): Promise<Placed> {
  if (strategy === 'for-update') {
    const ok = await inTransaction(db, async () => {
      const { rows } = await db.query('SELECT stock FROM items WHERE sku = $1 FOR UPDATE', [sku]);
      const stock = rows[0]!['stock'] as number;
      if (stock < quantity) return false;
      await db.query('UPDATE items SET stock = $2, version = version + 1 WHERE sku = $1', [sku, stock - quantity]);
      await record(db, key, sku, quantity);
      return true;
    });
    return { status: ok ? 'accepted' : 'sold-out', conflicts: 0 };
  }
  if (strategy === 'decrement') {
    const ok = await inTransaction(db, async () => {
      const { affectedRows } = await db.query('UPDATE items SET stock = stock - $2, version = version + 1 WHERE sku = $1 AND stock >= $2', [sku, quantity]);
      if (affectedRows === 0) return false;
      await record(db, key, sku, quantity);
      return true;
    });
    return { status: ok ? 'accepted' : 'sold-out', conflicts: 0 };
  }
  let conflicts = 0;
  for (let attempt = 1; attempt <= RETRY.maxAttempts; attempt++) {
    const { rows } = await db.query('SELECT stock, version FROM items WHERE sku = $1', [sku]);
    const { stock, version } = rows[0] as { stock: number; version: number };
    if (stock < quantity) return { status: 'sold-out', conflicts };
    const ok = await inTransaction(db, async () => {
      const { affectedRows } = await db.query('UPDATE items SET stock = $3, version = version + 1 WHERE sku = $1 AND version = $2', [sku, version, stock - quantity]);
      if (affectedRows === 0) return false;
      await record(db, key, sku, quantity);
      return true;
    });
    if (ok) return { status: 'accepted', conflicts };
    conflicts += 1;
    if (attempt < RETRY.maxAttempts) await sleep(random() * Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (attempt - 1)));
  }
  return { status: 'gave-up', conflicts };
}
