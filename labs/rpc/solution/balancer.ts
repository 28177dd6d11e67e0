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
import type { AttemptResult, BalancerOptions, Budget, Call, CallResult, ProviderList, StopReason } from '@impl/balancer-types.ts';
import type { Picker, Provider } from '@impl/pickers.ts';

/**
 * Retries allowed as a share of the calls made over a sliding window on the
 * injected clock, plus a few always allowed (as gRPC's retry throttling and
 * Finagle's RetryBudget do), so a failing provider is not hammered.
 */
export class RetryBudget implements Budget {
  private readonly ratio: number;
  private readonly windowMs: number;
  private readonly minRetries: number;
  private readonly now: () => number;
  // Times in the order they happened, so the ones that left the window are at the front.
  private readonly calls: number[] = [];
  private readonly retries: number[] = [];

  constructor(options: { ratio: number; windowMs: number; minRetries?: number; now: () => number }) {
    this.ratio = options.ratio;
    this.windowMs = options.windowMs;
    this.minRetries = options.minRetries ?? 0;
    this.now = options.now;
  }

  /** Counts a first attempt (not a retry). */
  recordCall(): void {
    const now = this.now();
    this.forget(now);
    this.calls.push(now);
  }

  /** True, and the retry counted, if the budget allows one more retry now. */
  tryRetry(): boolean {
    const now = this.now();
    this.forget(now);
    if (this.retries.length >= this.minRetries + Math.floor(this.ratio * this.calls.length)) return false;
    this.retries.push(now);
    return true;
  }

  /** Drops what happened `windowMs` or more before `now`. */
  private forget(now: number): void {
    const since = now - this.windowMs;
    for (const times of [this.calls, this.retries]) {
      while (times.length > 0 && times[0]! <= since) times.shift();
    }
  }
}

/** A service's providers as the registry last listed them, and calls spread over them with retries. */
export class Balancer {
  private readonly picker: Picker;
  private readonly budget: Budget;
  private readonly idempotent: ReadonlySet<string>;
  private readonly maxAttempts: number;
  private list: ProviderList = { revision: -Infinity, providers: [] };

  constructor(options: BalancerOptions) {
    this.picker = options.picker;
    this.budget = options.budget;
    this.idempotent = new Set(options.idempotent);
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /**
   * Takes a registry notification; false, and nothing changes, when its
   * revision is not newer than the list held (a notification delivered late
   * must not bring back providers that have left since).
   */
  update(list: ProviderList): boolean {
    if (list.revision <= this.list.revision) return false;
    this.list = { revision: list.revision, providers: [...list.providers] };
    return true;
  }

  /** The providers as the registry last listed them. */
  providers(): readonly Provider[] {
    return this.list.providers;
  }

  /** Makes `call`, running `attempt` on one provider after another until one answers or a retry rule says stop. */
  async call<T>(call: Call, attempt: (provider: Provider) => Promise<AttemptResult<T>>): Promise<CallResult<T>> {
    const tried: string[] = [];
    const retryable = this.idempotent.has(call.method) || call.idempotencyKey !== undefined;
    this.budget.recordCall();
    for (;;) {
      // Picked from the list as it is now: an earlier attempt's await may have let the registry remove providers.
      const provider = this.picker.pick(this.list.providers, new Set(tried));
      if (provider === null) return { ok: false, stopped: 'no-provider', message: `${call.method}: no provider left to try`, tried };
      tried.push(provider.id);
      const result = await attempt(provider);
      if (result.ok) return { ok: true, value: result.value, tried };
      const stop = this.stopReason(result.failure, retryable, tried);
      if (stop !== null) return { ok: false, stopped: stop, message: `${call.method} on ${provider.id}: ${result.message}`, tried };
    }
  }

  /** Why the call must not be retried after a failure, or null to retry; spends the budget only on a retry that will happen. */
  private stopReason(failure: 'transport' | 'application', retryable: boolean, tried: readonly string[]): StopReason | null {
    if (failure === 'application') return 'application';
    if (!retryable) return 'not-retryable';
    if (tried.length >= this.maxAttempts) return 'attempts';
    const untried = this.list.providers.some((p) => !tried.includes(p.id));
    if (!untried) return 'no-provider';
    return this.budget.tryRetry() ? null : 'budget';
  }
}
