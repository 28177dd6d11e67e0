/**
 * Given code: the shapes balancer.ts works with. A registry notification is
 * the whole provider list, as Dubbo's NotifyListener, a Nacos push and a
 * ZooKeeper re-read after a watch all give it; an attempt is the caller's
 * function, so the balancer decides and the caller does the I/O.
 */
import type { Picker, Provider } from './pickers.ts';

/** What the balancer asks of a retry budget: count a call, and ask for a retry. */
export interface Budget {
  /** Counts a first attempt (not a retry). */
  recordCall(): void;
  /** True, and the retry counted, if the budget allows one more retry now. */
  tryRetry(): boolean;
}

/** A registry's notification: every provider of the service now, and a revision that grows with each change. */
export interface ProviderList {
  revision: number;
  providers: readonly Provider[];
}

/** One call as the balancer sees it. */
export interface Call {
  method: string;
  /** A key the service deduplicates on, so running the call twice has the effect of running it once. */
  idempotencyKey?: string;
}

/** What one attempt on one provider came to. */
export type AttemptResult<T> =
  | { ok: true; value: T }
  /**
   * `transport`: no answer (the connection failed, or the call timed out);
   * the provider may or may not have run the call. `application`: the
   * provider answered with an error, and would answer the same again.
   */
  | { ok: false; failure: 'transport' | 'application'; message: string };

/** Why a call gave up. */
export type StopReason =
  /** No provider is listed that the call has not tried already. */
  | 'no-provider'
  /** The provider answered with an error. */
  | 'application'
  /** Neither an idempotent method nor a call with an idempotency key. */
  | 'not-retryable'
  /** It made maxAttempts attempts. */
  | 'attempts'
  /** The retry budget refused a retry. */
  | 'budget';

/** How a call ended, with the providers it tried, in order. */
export type CallResult<T> =
  | { ok: true; value: T; tried: string[] }
  | { ok: false; stopped: StopReason; message: string; tried: string[] };

/** How the balancer picks and when it retries. */
export interface BalancerOptions {
  picker: Picker;
  /** Retries allowed over time: balancer.ts's RetryBudget. */
  budget: Budget;
  /** Methods that are safe to run twice. */
  idempotent: readonly string[];
  /** Attempts per call, the first included (gRPC's maxAttempts, Dubbo's retries + 1); default 3. */
  maxAttempts?: number;
}
