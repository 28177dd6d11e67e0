/**
 * Stage balancer: the client's side of a service registry. The registry
 * pushes the whole provider list whenever it changes (Dubbo's
 * NotifyListener, a Nacos push, ZooKeeper's children re-read after a watch
 * fires), so the client keeps the newest list it was sent; each attempt of a
 * call picks from that list as it is at that moment, so a provider that left
 * is never picked, not even by a retry already under way. A call that failed
 * without an answer is retried on a provider it has not tried, only when
 * running it twice is harmless (an idempotent method, or an idempotency key
 * the service deduplicates on), and only while the retry budget lasts.
 * Sans-I/O: the attempt itself is a function the caller passes in, and time
 * is injected.
 */
import type { Picker, Provider } from '@impl/pickers.ts';

/**
 * Retries allowed as a share of the calls made over a sliding window on the
 * injected clock, plus a few always allowed (as gRPC's retry throttling and
 * Finagle's RetryBudget do), so a failing provider is not hammered.
 */
export class RetryBudget {
  constructor(options: { ratio: number; windowMs: number; minRetries?: number; now: () => number }) {}

  /** Counts a first attempt (not a retry). */
  recordCall(): void {
    throw new Error('TODO(balancer): remember when a call was made');
  }

  /** True, and the retry counted, if the budget allows one more retry now. */
  tryRetry(): boolean {
    throw new Error('TODO(balancer): compare the retries in the window with the share of calls');
  }
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
  budget: RetryBudget;
  /** Methods that are safe to run twice. */
  idempotent: readonly string[];
  /** Attempts per call, the first included (gRPC's maxAttempts, Dubbo's retries + 1); default 3. */
  maxAttempts?: number;
}

/** A service's providers as the registry last listed them, and calls spread over them with retries. */
export class Balancer {
  constructor(options: BalancerOptions) {}

  /**
   * Takes a registry notification; false, and nothing changes, when its
   * revision is not newer than the list held (a notification delivered late
   * must not bring back providers that have left since).
   */
  update(list: ProviderList): boolean {
    throw new Error('TODO(balancer): keep the newest list');
  }

  /** The providers as the registry last listed them. */
  providers(): readonly Provider[] {
    throw new Error('TODO(balancer): the list held');
  }

  /** Makes `call`, running `attempt` on one provider after another until one answers or a retry rule says stop. */
  async call<T>(call: Call, attempt: (provider: Provider) => Promise<AttemptResult<T>>): Promise<CallResult<T>> {
    throw new Error('TODO(balancer): pick, attempt, and decide whether to retry');
  }
}
