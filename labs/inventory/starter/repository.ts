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
  throw new Error('TODO(schema): create the items, orders and idempotency_keys tables');
}

/** Adds an item with this much stock, at version 0. */
export async function addItem(db: Sql, sku: string, stock: number): Promise<void> {
  throw new Error('TODO(schema): insert the item at version 0');
}

/** The item's stock and version now, or undefined when there is no such SKU. */
export async function readItem(db: Sql, sku: string): Promise<Item | undefined> {
  throw new Error('TODO(schema): select the item by its SKU');
}

/**
 * Compare-and-set: sets the stock to `newStock` and moves the version on by
 * one, only if the item is still at `expectedVersion`. True when it was (the
 * write happened), false when someone else wrote first or there is no such SKU.
 */
export async function casStock(db: Sql, sku: string, expectedVersion: number, newStock: number): Promise<boolean> {
  throw new Error('TODO(schema): update the stock only if the version still matches');
}

/** Records an order and returns the id the database gave it. */
export async function insertOrder(db: Sql, sku: string, quantity: number): Promise<number> {
  throw new Error('TODO(order): insert the order and return its id');
}

/** Records that the request with this idempotency key produced this order; a second record for the same key fails with SQLSTATE 23505. */
export async function saveResult(db: Sql, key: string, orderId: number): Promise<void> {
  throw new Error('TODO(idempotency): record which order this key placed');
}

/** The order an earlier request with this idempotency key placed, or undefined when none did. */
export async function findResult(db: Sql, key: string): Promise<StoredOrder | undefined> {
  throw new Error('TODO(idempotency): find the order this key placed');
}
