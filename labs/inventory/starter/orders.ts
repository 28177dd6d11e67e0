/**
 * The order operation: check the request, deduct the stock with a
 * compare-and-set, retrying a bounded number of times when another buyer
 * wrote first, and record the order — all or nothing, and once per
 * idempotency key however often the request arrives.
 */
import type { Db } from '@impl/db.ts';
import { BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, MAX_QUANTITY, MAX_TEXT_LENGTH, type OrderOptions, type OrderRequest, type OrderResult } from '@impl/order-types.ts';

/**
 * How long to wait after failed attempt number `attempt` (1, 2, …): "full
 * jitter", a random time below min(MAX_DELAY_MS, BASE_DELAY_MS · 2^(attempt − 1)).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  throw new Error('TODO(order): a random wait below the capped exponential bound');
}

/** True when the request is well formed: a key and a SKU of 1 to MAX_TEXT_LENGTH characters, a whole quantity from 1 to MAX_QUANTITY. */
export function isValidOrder(request: OrderRequest): boolean {
  throw new Error('TODO(order): check the key, the SKU and the quantity');
}

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
  throw new Error('TODO(order): read, compare-and-set, record the order; retry on conflict');
}
