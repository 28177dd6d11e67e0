/**
 * Stage idempotency: the client sends the same request (same key) again when
 * it got no answer. Responses are lost by a wrapped database, at every step
 * of the operation in turn; two attempts with one key race under the
 * scheduler of tests/fixtures/scheduler.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '@impl/db.ts';
import type { OrderResult } from '@impl/order-types.ts';
import { placeOrder } from '@impl/orders.ts';
import { fresh, ledger, openReferenceDb, stock } from './fixtures/database.ts';
import { ConnectionLost, describeFailure, runSchedule, type ScheduleConfig } from './fixtures/scheduler.ts';

let db: Awaited<ReturnType<typeof openReferenceDb>>;
beforeAll(async () => {
  db = await openReferenceDb();
});

const noWait = { sleep: async () => undefined, random: () => 0.5 };

/** `db`, but the response to call number `lose` (counting statements and whole transactions) is lost after it ran. */
function losing(lose: number): Db & { calls: number } {
  const wrapped = {
    calls: 0,
    async query<Row>(text: string, params?: unknown[]) {
      const result = await db.query<Row>(text, params);
      if (++wrapped.calls === lose) throw new ConnectionLost(true);
      return result;
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const value = await db.transaction(fn);
      if (++wrapped.calls === lose) throw new ConnectionLost(true);
      return value;
    },
  };
  return wrapped;
}

/** `db`, but a transaction waits until `release()`: `reached` settles when the first one is asked for. */
function pausedBeforeTransaction(): { connection: Db; reached: Promise<void>; release(): void } {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const connection: Db = {
    query: <Row>(text: string, params?: unknown[]) => db.query<Row>(text, params),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      arrive();
      await released;
      return db.transaction(fn);
    },
  };
  return { connection, reached, release };
}

/** Sends the request until an answer arrives, as a client does after a lost connection (at most 5 times). */
async function untilAnswered(connection: Db, key: string, sku: string, quantity: number): Promise<OrderResult> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      return await placeOrder(connection, { key, sku, quantity }, noWait);
    } catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
    }
  }
  throw new Error('no answer after 5 attempts');
}

describe('the same key gives the same answer and deducts once', () => {
  it('answers a repeated request with the first order, without deducting again', async () => {
    const sku = fresh('kettle');
    await stock(db, sku, 5);
    const key = fresh('key');
    const first = await placeOrder(db, { key, sku, quantity: 2 }, noWait);
    const second = await placeOrder(db, { key, sku, quantity: 2 }, noWait);
    expect(second).toEqual(first);
    const after = await ledger(db, sku);
    expect(after.stock).toBe(3);
    expect(after.orders).toEqual([{ id: (first as { orderId: number }).orderId, quantity: 2, keys: [key] }]);
  });

  it('still answers "accepted" to a repeat after the stock ran out', async () => {
    const sku = fresh('rare');
    await stock(db, sku, 1);
    const key = fresh('key');
    const first = await placeOrder(db, { key, sku, quantity: 1 }, noWait);
    expect(first.status).toBe('accepted');
    expect(await placeOrder(db, { key, sku, quantity: 1 }, noWait)).toEqual(first);
  });

  it('keeps different keys apart: two keys, two orders', async () => {
    const sku = fresh('pair');
    await stock(db, sku, 5);
    const a = await placeOrder(db, { key: fresh('key'), sku, quantity: 1 }, noWait);
    const b = await placeOrder(db, { key: fresh('key'), sku, quantity: 1 }, noWait);
    expect(a.status === 'accepted' && b.status === 'accepted' && a.orderId !== b.orderId).toBe(true);
    expect((await ledger(db, sku)).stock).toBe(3);
  });

  it('deducts once when the response to the COMMIT is lost and the client sends the request again', async () => {
    const sku = fresh('lost');
    await stock(db, sku, 5);
    const key = fresh('key');
    // Calls: the item read, the key lookup, then the transaction (3).
    const result = await untilAnswered(losing(3), key, sku, 1);
    const after = await ledger(db, sku);
    expect(after.orders, 'one order, recorded under the key').toEqual([{ id: (result as { orderId: number }).orderId, quantity: 1, keys: [key] }]);
    expect(after.stock).toBe(4);
  });

  it('deducts once whichever response is lost', async () => {
    for (let lose = 1; lose <= 6; lose++) {
      const sku = fresh('any');
      await stock(db, sku, 5);
      const key = fresh('key');
      const result = await untilAnswered(losing(lose), key, sku, 2);
      const after = await ledger(db, sku);
      expect({ lose, stock: after.stock, orders: after.orders }).toEqual({ lose, stock: 3, orders: [{ id: (result as { orderId: number }).orderId, quantity: 2, keys: [key] }] });
    }
  });
});

describe('two attempts with the same key, racing', () => {
  it('answers a key reused for another SKU while its first order was in flight with the order that committed, deducting once', async () => {
    const [left, right] = [fresh('left'), fresh('right')];
    await stock(db, left, 5);
    await stock(db, right, 5);
    const key = fresh('reused');
    const paused = pausedBeforeTransaction();
    const slow = placeOrder(paused.connection, { key, sku: left, quantity: 1 }, noWait);
    // The slow attempt has read its item and found no order under the key; the other now commits one.
    await Promise.race([paused.reached, slow]);
    const fast = await placeOrder(db, { key, sku: right, quantity: 2 }, noWait);
    paused.release();
    expect(fast.status).toBe('accepted');
    // The key's record refuses the slow attempt's (SQLSTATE 23505): it rolls back and answers with the winner.
    expect(await slow).toEqual(fast);
    expect(await ledger(db, left)).toMatchObject({ stock: 5, orders: [] });
    expect((await ledger(db, right)).stock).toBe(3);
  });

  it.each([3, 1])('deducts once and gives both the same order, however their statements interleave (%i unit(s) in stock, 40 schedules)', async (units) => {
    for (let seed = 1; seed <= 40; seed++) {
      const key = fresh('dup');
      const config: ScheduleConfig = { seed, sku: fresh('race'), initialStock: units, buyers: [{ key, quantity: 1 }, { key, quantity: 1 }], lossRate: 0, clientAttempts: 1 };
      const run = await runSchedule(db, config);
      expect(run.violations, describeFailure(config, run)).toEqual([]);
      const [a, b] = run.outcomes.map((o) => o.result);
      expect(a, describeFailure(config, run)).toEqual(b);
      expect((await ledger(db, config.sku)).stock).toBe(units - 1);
    }
  });
});
