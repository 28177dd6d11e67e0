/**
 * Stage schema: your tables and statements run on a real SQL engine (PGlite,
 * PostgreSQL compiled to WebAssembly). The tests read back what your
 * statements did with SQL of their own.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqlState, type Db, type QueryResult, type Sql } from '@impl/db.ts';
import { addItem, casStock, createSchema, readItem } from '@impl/repository.ts';
import { fresh, openPglite } from './fixtures/database.ts';

let db: Db;
let created: Promise<void> | undefined;

beforeAll(async () => {
  db = await openPglite();
});

// Your createSchema runs once for the whole file, and each test awaits it: a failure there fails each test by name.
beforeEach(() => (created ??= createSchema(db)));

/** The tests' own read of one item. */
async function row(sku: string): Promise<{ stock: number; version: number } | undefined> {
  return (await db.query<{ stock: number; version: number }>('SELECT stock, version FROM items WHERE sku = $1', [sku])).rows[0];
}

/** The SQLSTATE a statement fails with, or 'no error'. */
async function failure(text: string, params: unknown[]): Promise<string> {
  try {
    await db.query(text, params);
    return 'no error';
  } catch (error) {
    return sqlState(error) ?? String(error);
  }
}

/** A handle that records every statement's text and parameters before running it. */
function recording(into: { text: string; params: unknown[] }[]): Sql {
  return {
    query<Row>(text: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      into.push({ text, params });
      return db.query<Row>(text, params);
    },
  };
}

describe('createSchema', () => {
  it('creates items(sku, stock, version), orders(id, sku, quantity) and idempotency_keys(key, order_id)', async () => {
    const { rows } = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN ('items', 'orders', 'idempotency_keys') ORDER BY table_name, column_name`,
    );
    const columns = rows.map((r) => `${r.table_name}.${r.column_name}`);
    expect(columns).toEqual(expect.arrayContaining(['items.sku', 'items.stock', 'items.version', 'orders.id', 'orders.sku', 'orders.quantity', 'idempotency_keys.key', 'idempotency_keys.order_id']));
  });

  it('can run again on a database that already has the tables (IF NOT EXISTS)', async () => {
    await expect(createSchema(db)).resolves.toBeUndefined();
  });

  it('refuses a negative stock (a CHECK constraint: SQLSTATE 23514)', async () => {
    const sku = fresh('check');
    await addItem(db, sku, 1);
    expect(await failure('UPDATE items SET stock = -1 WHERE sku = $1', [sku])).toBe('23514');
    expect(await row(sku)).toEqual({ stock: 1, version: 0 });
  });

  it('refuses a second item with the same SKU and a second record of the same idempotency key (23505)', async () => {
    const sku = fresh('unique');
    await addItem(db, sku, 1);
    expect(await failure('INSERT INTO items (sku, stock, version) VALUES ($1, 1, 0)', [sku])).toBe('23505');
    const order = (await db.query<{ id: number }>('INSERT INTO orders (sku, quantity) VALUES ($1, 1) RETURNING id', [sku])).rows[0]!.id;
    const key = fresh('key');
    expect(await failure('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, order])).toBe('no error');
    expect(await failure('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, order])).toBe('23505');
  });

  it('gives each order its own id, and refuses an order of zero units', async () => {
    const sku = fresh('ids');
    await addItem(db, sku, 1);
    const insert = 'INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id';
    const a = (await db.query<{ id: number }>(insert, [sku, 1])).rows[0]!.id;
    const b = (await db.query<{ id: number }>(insert, [sku, 1])).rows[0]!.id;
    expect(typeof a).toBe('number');
    expect(b).not.toBe(a);
    expect(await failure(insert, [sku, 0])).toBe('23514');
  });
});

describe('addItem and readItem', () => {
  it('adds an item at version 0 and reads it back', async () => {
    const sku = fresh('mug');
    await addItem(db, sku, 7);
    expect(await row(sku)).toEqual({ stock: 7, version: 0 });
    expect(await readItem(db, sku)).toEqual({ sku, stock: 7, version: 0 });
  });

  it('reads undefined for a SKU that does not exist', async () => {
    expect(await readItem(db, fresh('nothing'))).toBeUndefined();
  });

  const awkward = ["O'Brien's mug", "x'); DROP TABLE items; --", 'back\\slash "quoted" $1', 'カップ ☕'];
  it.each(awkward)('treats the SKU %j as data, never as SQL', async (name) => {
    const sku = fresh(name);
    await addItem(db, sku, 3);
    expect(await readItem(db, sku)).toEqual({ sku, stock: 3, version: 0 });
    expect(await casStock(db, sku, 0, 2)).toBe(true);
    expect(await row(sku)).toEqual({ stock: 2, version: 1 });
  });

  it('binds every value as a parameter: the SKU and the numbers never appear in the SQL text', async () => {
    const sku = fresh('ZQ-unmistakable');
    const seen: { text: string; params: unknown[] }[] = [];
    const sql = recording(seen);
    await addItem(sql, sku, 31337);
    await readItem(sql, sku);
    await casStock(sql, sku, 0, 31336);
    expect(seen).toHaveLength(3);
    for (const { text, params } of seen) {
      expect(text, `statement ${JSON.stringify(text)} must name its values $1, $2, …`).not.toContain('ZQ-unmistakable');
      expect(text).not.toContain('31337');
      expect(text).not.toContain('31336');
      expect(params).toContain(sku);
    }
  });
});

describe('casStock: compare-and-set on the version', () => {
  it('writes the new stock and moves the version on by one when the version still matches', async () => {
    const sku = fresh('cas');
    await addItem(db, sku, 5);
    expect(await casStock(db, sku, 0, 4)).toBe(true);
    expect(await row(sku)).toEqual({ stock: 4, version: 1 });
    expect(await casStock(db, sku, 1, 2)).toBe(true);
    expect(await row(sku)).toEqual({ stock: 2, version: 2 });
  });

  it('writes nothing and returns false when the version moved on (someone wrote first)', async () => {
    const sku = fresh('stale');
    await addItem(db, sku, 5);
    await db.query('UPDATE items SET stock = 4, version = 1 WHERE sku = $1', [sku]);
    expect(await casStock(db, sku, 0, 4)).toBe(false);
    expect(await row(sku)).toEqual({ stock: 4, version: 1 });
  });

  it('lets only the first of two buyers who read the same version write', async () => {
    const sku = fresh('twice');
    await addItem(db, sku, 1);
    const read = (await readItem(db, sku))!;
    expect(await casStock(db, sku, read.version, read.stock - 1)).toBe(true);
    expect(await casStock(db, sku, read.version, read.stock - 1)).toBe(false);
    expect(await row(sku)).toEqual({ stock: 0, version: 1 });
  });

  it('compares the version, not the stock: 5 → 4 → 5 in between still fails a stale write (ABA)', async () => {
    const sku = fresh('aba');
    await addItem(db, sku, 5);
    const stale = (await readItem(db, sku))!;
    expect(await casStock(db, sku, 0, 4)).toBe(true);
    expect(await casStock(db, sku, 1, 5)).toBe(true);
    expect(await casStock(db, sku, stale.version, stale.stock - 2)).toBe(false);
    expect(await row(sku)).toEqual({ stock: 5, version: 2 });
  });

  it('returns false for a SKU that does not exist, and touches only the SKU it names', async () => {
    const a = fresh('a');
    const b = fresh('b');
    await addItem(db, a, 3);
    await addItem(db, b, 3);
    expect(await casStock(db, fresh('missing'), 0, 1)).toBe(false);
    expect(await casStock(db, a, 0, 1)).toBe(true);
    expect(await row(b)).toEqual({ stock: 3, version: 0 });
  });
});
