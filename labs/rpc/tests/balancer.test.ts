/** Stage balancer (not finished: so far only the retry budget). Retries may add a fixed share to the calls of the last window, on the injected clock. */
import { describe, expect, it } from 'vitest';
import { RetryBudget } from '@impl/balancer.ts';

describe('RetryBudget', () => {
  it('allows retries up to the ratio of the calls in the window, then refuses', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.2, windowMs: 10_000, now: () => now });
    for (let i = 0; i < 10; i++) budget.recordCall();
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()], 'three retries after 10 calls at ratio 0.2').toEqual([true, true, false]);
    now = 5_000;
    expect(budget.tryRetry(), 'still inside the 10 s window').toBe(false);
  });

  it('forgets calls and retries older than the window', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1_000, now: () => now });
    budget.recordCall();
    budget.recordCall();
    expect(budget.tryRetry(), 'one retry for two calls').toBe(true);
    now = 1_000;
    expect(budget.tryRetry(), 'at 1 s the calls have left the window: no budget').toBe(false);
    budget.recordCall();
    budget.recordCall();
    expect(budget.tryRetry(), 'two new calls, and the old retry has left the window too').toBe(true);
  });

  it('always allows minRetries, even with no calls', () => {
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 1_000, minRetries: 2, now: () => 0 });
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()], 'three retries, minRetries 2, no calls').toEqual([true, true, false]);
  });
});
