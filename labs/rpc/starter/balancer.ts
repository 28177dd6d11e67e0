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
import type { AttemptResult, BalancerOptions, Budget, Call, CallResult, ProviderList } from '@impl/balancer-types.ts';
import type { Provider } from '@impl/pickers.ts';

/**
 * Retries allowed as a share of the calls made over a sliding window on the
 * injected clock, plus a few always allowed (as gRPC's retry throttling and
 * Finagle's RetryBudget do), so a failing provider is not hammered.
 */
export class RetryBudget implements Budget {
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
