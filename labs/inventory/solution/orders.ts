/**
 * The order operation: check the request, deduct the stock with a
 * compare-and-set, retrying a bounded number of times when another buyer
 * wrote first, and record the order — all or nothing, and once per
 * idempotency key however often the request arrives.
 */
import { sqlState, UNIQUE_VIOLATION, type Db } from '@impl/db.ts';
import { BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, MAX_QUANTITY, MAX_TEXT_LENGTH, type OrderOptions, type OrderRequest, type OrderResult } from '@impl/order-types.ts';
import { casStock, findResult, insertOrder, readItem, saveResult } from './repository.ts';

/**
 * How long to wait after failed attempt number `attempt` (1, 2, …): "full
 * jitter", a random time below min(MAX_DELAY_MS, BASE_DELAY_MS · 2^(attempt − 1)).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  // Random, not fixed: buyers who collided once would otherwise retry in lockstep and collide again.
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
}

/** True when the request is well formed: a key and a SKU of 1 to MAX_TEXT_LENGTH characters, a whole quantity from 1 to MAX_QUANTITY. */
export function isValidOrder(request: OrderRequest): boolean {
  const text = (value: unknown) => typeof value === 'string' && value.length >= 1 && value.length <= MAX_TEXT_LENGTH;
  return text(request.key) && text(request.sku) && Number.isInteger(request.quantity) && request.quantity >= 1 && request.quantity <= MAX_QUANTITY;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Places an order once per idempotency key: a request whose key already
 * placed an order gets that order back and deducts nothing. Otherwise it reads
 * the item, refuses an unknown SKU or too little stock, and in one transaction
 * compare-and-sets the stock, inserts the order and records the key. When the
 * compare-and-set finds the version moved on, it backs off and tries again
 * from a fresh read, at most `maxAttempts` times. Errors other than a
 * conflict (a lost connection) are thrown to the caller, who retries with the
 * same key.
 */
export async function placeOrder(db: Db, request: OrderRequest, options: OrderOptions = {}): Promise<OrderResult> {
  if (!isValidOrder(request)) return { status: 'rejected', reason: 'invalid' };
  const { maxAttempts = MAX_ATTEMPTS, sleep = realSleep, random = Math.random } = options;
  const { key, sku, quantity } = request;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // Every attempt starts from fresh reads: the key may have been used meanwhile, and the version surely moved.
    const item = await readItem(db, sku);
    // The key after the item: an attempt with this key that took the last unit before the item was read has
    // committed by now, so it is found here, and this request is not told "out of stock" for its own order.
    const earlier = await findResult(db, key);
    if (earlier) return { status: 'accepted', ...earlier };
    if (!item) return { status: 'rejected', reason: 'unknown-sku' };
    if (item.stock < quantity) return { status: 'rejected', reason: 'out-of-stock' };
    try {
      const placed = await db.transaction(async (tx) => {
        if (!(await casStock(tx, sku, item.version, item.stock - quantity))) return undefined;
        const orderId = await insertOrder(tx, sku, quantity);
        // In the same transaction as the deduction: both commit, or neither does.
        await saveResult(tx, key, orderId);
        return orderId;
      });
      if (placed !== undefined) return { status: 'accepted', orderId: placed, sku, quantity };
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      // Another order under this key committed after our lookup (the key's row refused ours): ours rolled back, and that
      // order is the answer. Only a key reused for another SKU gets here: a racing copy of this request fails its compare-and-set first.
      const winner = await findResult(db, key);
      if (winner) return { status: 'accepted', ...winner };
    }
    if (attempt < maxAttempts) await sleep(backoffDelay(attempt, random));
  }
  return { status: 'gave-up', attempts: maxAttempts };
}
