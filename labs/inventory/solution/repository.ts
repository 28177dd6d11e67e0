/**
 * The inventory's tables and every SQL statement the service runs, one
 * function each. Values always travel as bound parameters ($1, $2, …): the
 * server never parses them as SQL, so a SKU such as `O'Brien's mug` is just
 * data.
 */
import type { Sql } from '@impl/db.ts';
import type { Item, StoredOrder } from '@impl/repository-types.ts';

/**
 * Creates the three tables, if they do not exist yet:
 * - `items(sku text primary key, stock integer, version integer)`, stock never negative;
 * - `orders(id integer identity primary key, sku text references items, quantity integer > 0)`;
 * - `idempotency_keys(key text primary key, order_id integer references orders)`.
 */
export async function createSchema(db: Sql): Promise<void> {
  // The CHECK is a last line of defence: a bug that would oversell fails loudly instead.
  await db.query(`CREATE TABLE IF NOT EXISTS items (
    sku text PRIMARY KEY,
    stock integer NOT NULL CHECK (stock >= 0),
    version integer NOT NULL DEFAULT 0
  )`);
  await db.query(`CREATE TABLE IF NOT EXISTS orders (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku text NOT NULL REFERENCES items (sku),
    quantity integer NOT NULL CHECK (quantity > 0)
  )`);
  // The primary key is what makes a key count once: a second row with the same key is refused (SQLSTATE 23505).
  await db.query(`CREATE TABLE IF NOT EXISTS idempotency_keys (
    key text PRIMARY KEY,
    order_id integer NOT NULL REFERENCES orders (id)
  )`);
}

/** Adds an item with this much stock, at version 0. */
export async function addItem(db: Sql, sku: string, stock: number): Promise<void> {
  await db.query('INSERT INTO items (sku, stock, version) VALUES ($1, $2, 0)', [sku, stock]);
}

/** The item's stock and version now, or undefined when there is no such SKU. */
export async function readItem(db: Sql, sku: string): Promise<Item | undefined> {
  const { rows } = await db.query<Item>('SELECT sku, stock, version FROM items WHERE sku = $1', [sku]);
  return rows[0];
}

/**
 * Compare-and-set: sets the stock to `newStock` and moves the version on by
 * one, only if the item is still at `expectedVersion`. True when it was (the
 * write happened), false when someone else wrote first or there is no such SKU.
 */
export async function casStock(db: Sql, sku: string, expectedVersion: number, newStock: number): Promise<boolean> {
  // The version, not the stock, is compared: stock can go 5 → 4 → 5 between a read and this write (ABA), a version never comes back.
  const { affectedRows } = await db.query(
    'UPDATE items SET stock = $3, version = version + 1 WHERE sku = $1 AND version = $2',
    [sku, expectedVersion, newStock],
  );
  return affectedRows === 1;
}

/** Records an order and returns the id the database gave it. */
export async function insertOrder(db: Sql, sku: string, quantity: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id', [sku, quantity]);
  return rows[0]!.id;
}

/** Records that the request with this idempotency key produced this order; a second record for the same key fails with SQLSTATE 23505. */
export async function saveResult(db: Sql, key: string, orderId: number): Promise<void> {
  await db.query('INSERT INTO idempotency_keys (key, order_id) VALUES ($1, $2)', [key, orderId]);
}

/** The order an earlier request with this idempotency key placed, or undefined when none did. */
export async function findResult(db: Sql, key: string): Promise<StoredOrder | undefined> {
  const { rows } = await db.query<StoredOrder>(
    'SELECT o.id AS "orderId", o.sku, o.quantity FROM idempotency_keys k JOIN orders o ON o.id = k.order_id WHERE k.key = $1',
    [key],
  );
  return rows[0];
}
