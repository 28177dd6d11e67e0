/**
 * Stage order: placeOrder on the tests' own tables. Other buyers are played
 * by the tests: a wrapped database runs a competing write between your read
 * and your compare-and-set, or fails a statement inside your transaction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, QueryResult, Sql } from '@impl/db.ts';
import { BASE_DELAY_MS, MAX_DELAY_MS, MAX_QUANTITY, type OrderRequest } from '@impl/order-types.ts';
import { backoffDelay, placeOrder } from '@impl/orders.ts';
import { fresh, ledger, openReferenceDb, stock } from './fixtures/database.ts';

let db: Db;
beforeAll(async () => {
  db = await openReferenceDb();
});

const noWait = { sleep: async () => undefined, random: () => 0.5 };

/** `db`, but before each of the first `times` transactions another buyer takes one unit. */
function contended(sku: string, times: number): Db & { transactions: number } {
  const wrapped = {
    transactions: 0,
    query: <Row>(text: string, params?: unknown[]) => db.query<Row>(text, params),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      wrapped.transactions += 1;
      if (wrapped.transactions <= times) await db.query('UPDATE items SET stock = stock - 1, version = version + 1 WHERE sku = $1', [sku]);
      return db.transaction(fn);
    },
  };
  return wrapped;
}

describe('placeOrder: the happy path and refusals', () => {
  it('accepts an order: deducts the stock, moves the version on, records the order and returns its id', async () => {
    const sku = fresh('lamp');
    await stock(db, sku, 5);
    const result = await placeOrder(db, { key: fresh('k'), sku, quantity: 2 }, noWait);
    const after = await ledger(db, sku);
    expect(after.stock).toBe(3);
    expect(after.version).toBe(1);
    expect(after.orders).toHaveLength(1);
    expect(result).toEqual({ status: 'accepted', orderId: after.orders[0]!.id, sku, quantity: 2 });
  });

  it('sells the last units exactly, then refuses as out of stock without writing', async () => {
    const sku = fresh('last');
    await stock(db, sku, 3);
    const results = [];
    for (const quantity of [2, 2, 1, 1]) results.push((await placeOrder(db, { key: fresh('k'), sku, quantity }, noWait)).status);
    expect(results).toEqual(['accepted', 'rejected', 'accepted', 'rejected']);
    expect(await placeOrder(db, { key: fresh('k'), sku, quantity: 1 }, noWait)).toEqual({ status: 'rejected', reason: 'out-of-stock' });
    const after = await ledger(db, sku);
    expect({ stock: after.stock, sold: after.sold, orders: after.orders.length, version: after.version }).toEqual({ stock: 0, sold: 3, orders: 2, version: 2 });
  });

  it('refuses an unknown SKU', async () => {
    expect(await placeOrder(db, { key: fresh('k'), sku: fresh('ghost'), quantity: 1 }, noWait)).toEqual({ status: 'rejected', reason: 'unknown-sku' });
  });

  const bad: [string, Partial<OrderRequest>][] = [
    ['zero units', { quantity: 0 }],
    ['negative units', { quantity: -1 }],
    ['a fraction of a unit', { quantity: 1.5 }],
    ['NaN units', { quantity: Number.NaN }],
    ['more than MAX_QUANTITY', { quantity: MAX_QUANTITY + 1 }],
    ['an empty key', { key: '' }],
    ['an empty SKU', { sku: '' }],
    ['a key of 201 characters', { key: 'k'.repeat(201) }],
  ];
  it.each(bad)('refuses %s as invalid before touching the database', async (_name, change) => {
    const sku = fresh('valid');
    await stock(db, sku, MAX_QUANTITY + 5);
    const touched: string[] = [];
    const watching: Db = {
      query: (text, params) => (touched.push(text), db.query(text, params)),
      transaction: (fn) => (touched.push('BEGIN'), db.transaction(fn)),
    };
    expect(await placeOrder(watching, { key: fresh('k'), sku, quantity: 1, ...change }, noWait)).toEqual({ status: 'rejected', reason: 'invalid' });
    expect(touched).toEqual([]);
  });

  it('accepts exactly MAX_QUANTITY units and a key of 200 characters', async () => {
    const sku = fresh('bulk');
    await stock(db, sku, MAX_QUANTITY);
    expect((await placeOrder(db, { key: fresh('k').padEnd(200, 'x'), sku, quantity: MAX_QUANTITY }, noWait)).status).toBe('accepted');
    expect((await ledger(db, sku)).stock).toBe(0);
  });
});

describe('placeOrder: conflicts and retries', () => {
  it('retries from a fresh read when another buyer wrote between its read and its compare-and-set', async () => {
    const sku = fresh('hot');
    await stock(db, sku, 5);
    const racing = contended(sku, 2);
    const result = await placeOrder(racing, { key: fresh('k'), sku, quantity: 2 }, noWait);
    expect(result.status).toBe('accepted');
    expect(racing.transactions).toBe(3);
    const after = await ledger(db, sku);
    expect(after.stock).toBe(5 - 2 - 2);
    expect(after.orders.map((o) => o.quantity)).toEqual([2]);
  });

  it('refuses as out of stock when the other buyers took what it had read as available', async () => {
    const sku = fresh('gone');
    await stock(db, sku, 1);
    expect(await placeOrder(contended(sku, 1), { key: fresh('k'), sku, quantity: 1 }, noWait)).toEqual({ status: 'rejected', reason: 'out-of-stock' });
    expect((await ledger(db, sku)).orders).toEqual([]);
  });

  it('gives up after maxAttempts conflicts, having waited between attempts with growing, jittered backoff', async () => {
    const sku = fresh('storm');
    await stock(db, sku, 100);
    const racing = contended(sku, Number.POSITIVE_INFINITY);
    const waits: number[] = [];
    const result = await placeOrder(racing, { key: fresh('k'), sku, quantity: 1 }, { maxAttempts: 5, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    expect(result).toEqual({ status: 'gave-up', attempts: 5 });
    expect(racing.transactions).toBe(5);
    expect(waits).toEqual([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 0.5)));
    expect((await ledger(db, sku)).orders).toEqual([]);
  });

  it('deducts nothing when a statement inside the transaction fails: the deduction and the order commit together', async () => {
    const sku = fresh('atomic');
    await stock(db, sku, 4);
    const failing: Db = {
      query: (text, params) => db.query(text, params),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            query<Row>(text: string, params?: unknown[]): Promise<QueryResult<Row>> {
              if (/insert\s+into\s+orders/i.test(text)) throw new Error('disk full (injected by the test)');
              return tx.query<Row>(text, params);
            },
          }),
        ),
    };
    await expect(placeOrder(failing, { key: fresh('k'), sku, quantity: 1 }, noWait)).rejects.toThrow('disk full');
    expect(await ledger(db, sku)).toEqual({ stock: 4, version: 0, sold: 0, orders: [] });
  });
});

describe('backoffDelay: full jitter', () => {
  it('waits below BASE_DELAY_MS · 2^(attempt − 1), capped at MAX_DELAY_MS', () => {
    const almostOne = () => 0.999999;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, () => 0)).toBe(0);
      expect(backoffDelay(attempt, () => 0.5)).toBeCloseTo(cap / 2, 9);
      expect(backoffDelay(attempt, almostOne)).toBeLessThan(cap);
      expect(backoffDelay(attempt, almostOne)).toBeGreaterThan(cap * 0.99);
    }
  });
});
