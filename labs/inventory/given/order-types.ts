/**
 * What an order is and how the order operation retries: the request and
 * answer shapes, the options, and the limits orders.ts works within.
 */

/** A buyer's request. `key` is the idempotency key: the client picks it once per order and sends the same one on every retry. */
export interface OrderRequest {
  key: string;
  sku: string;
  quantity: number;
}

/** Why an order was refused. */
export type RejectReason = 'invalid' | 'unknown-sku' | 'out-of-stock';

/** The answer to a request: accepted (with the order), refused, or given up after too many conflicts. */
export type OrderResult =
  | { status: 'accepted'; orderId: number; sku: string; quantity: number }
  | { status: 'rejected'; reason: RejectReason }
  | { status: 'gave-up'; attempts: number };

/** How the operation retries; tests inject `sleep` and `random` so no real time passes. */
export interface OrderOptions {
  /** Compare-and-set attempts before giving up (default MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Waits this many milliseconds (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) (default Math.random), for the jitter. */
  random?: () => number;
}

/** Attempts before giving up, by default. */
export const MAX_ATTEMPTS = 10;
/** The first backoff's upper bound, in milliseconds. */
export const BASE_DELAY_MS = 2;
/** No backoff is longer than this, in milliseconds. */
export const MAX_DELAY_MS = 100;
/** The most units one order may ask for. */
export const MAX_QUANTITY = 1000;
/** The longest SKU and the longest idempotency key, in characters. */
export const MAX_TEXT_LENGTH = 200;
