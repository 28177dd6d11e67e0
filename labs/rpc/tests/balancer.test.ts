/**
 * Stage balancer: a registry's provider lists, picking per attempt, and the
 * retry rules. Attempts are functions the test scripts, so every decision
 * the balancer makes is checked against what the test knows happened; the
 * checks are the rules themselves (which provider was listed, tried, failed
 * how), never a second balancer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttemptResult, BalancerOptions, ProviderList } from '@impl/balancer-types.ts';
import { Balancer, RetryBudget } from '@impl/balancer.ts';
import { SmoothWeightedPicker, type Picker, type Provider } from '@impl/pickers.ts';

const SEE = 'the chapter, "Retries, idempotency and budgets"';

/** Providers of weight 1 with these ids. */
function listOf(revision: number, ...ids: string[]): ProviderList {
  return { revision, providers: ids.map((id) => ({ id, weight: 1 })) };
}

/** Picks the first listed provider not excluded: predictable, so a test knows which provider comes next. */
const firstUntried: Picker = { pick: (providers, exclude) => providers.find((p) => !exclude.has(p.id)) ?? null };

/** A budget that never runs out, for tests about other rules. */
function plentyBudget(): RetryBudget {
  return new RetryBudget({ ratio: 0, windowMs: 1_000, minRetries: 1_000_000, now: () => 0 });
}

function balancer(options: Partial<BalancerOptions> = {}): Balancer {
  return new Balancer({ picker: firstUntried, budget: plentyBudget(), idempotent: ['getStock'], ...options });
}

const OK: AttemptResult<string> = { ok: true, value: 'done' };
const LOST: AttemptResult<string> = { ok: false, failure: 'transport', message: 'timed out' };
const REFUSED: AttemptResult<string> = { ok: false, failure: 'application', message: 'out of stock' };

/** An attempt function answering by provider id (a provider not named answers OK), recording each provider it is run on. */
function scripted(outcomes: Record<string, AttemptResult<string>>) {
  const runs: string[] = [];
  const attempt = async (provider: Provider) => {
    runs.push(provider.id);
    return outcomes[provider.id] ?? OK;
  };
  return { runs, attempt };
}

describe('following the registry', () => {
  it('keeps the newest list and ignores one whose revision is not newer', () => {
    const b = balancer();
    expect(b.update(listOf(1, 'a', 'b')), 'revision 1, the first list').toBe(true);
    expect(b.update(listOf(3, 'b', 'c')), 'revision 3').toBe(true);
    expect(b.update(listOf(2, 'a')), 'revision 2 arrives late: older than the list held').toBe(false);
    expect(b.update(listOf(3, 'a')), 'revision 3 again').toBe(false);
    expect(b.providers().map((p) => p.id), 'the providers of revision 3').toEqual(['b', 'c']);
    expect(b.update(listOf(4)), 'revision 4: every provider gone').toBe(true);
    expect(b.providers(), 'an empty list is a list too').toEqual([]);
  });

  it('accepts revision 0 as a first list', () => {
    const b = balancer();
    expect(b.update(listOf(0, 'a')), 'revision 0 before any other').toBe(true);
    expect(b.providers().map((p) => p.id)).toEqual(['a']);
  });

  it('keeps its own copy of the list', () => {
    const b = balancer();
    const list = listOf(1, 'a', 'b');
    b.update(list);
    (list.providers as Provider[]).pop();
    expect(b.providers().map((p) => p.id), 'the registry client reused its array after notifying').toEqual(['a', 'b']);
  });

  it('fails a call at once when no provider is listed, without running an attempt', async () => {
    const b = balancer();
    const { runs, attempt } = scripted({});
    const result = await b.call({ method: 'getStock' }, attempt);
    expect(result, 'no provider before any notification').toMatchObject({ ok: false, stopped: 'no-provider', tried: [] });
    b.update(listOf(1, 'a'));
    b.update(listOf(2));
    expect(await b.call({ method: 'getStock' }, attempt), 'no provider after every one left').toMatchObject({ ok: false, stopped: 'no-provider', tried: [] });
    expect(runs).toEqual([]);
  });
});

describe('picking', () => {
  it('asks the picker once per call and returns the answer with the provider it came from', async () => {
    const b = balancer({ picker: new SmoothWeightedPicker() });
    b.update({ revision: 1, providers: [{ id: 'a', weight: 5 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }] });
    const picked: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await b.call({ method: 'reserve' }, async (p) => ({ ok: true, value: p.id }));
      if (!result.ok) expect.fail(`call ${i + 1} failed: ${result.message}`);
      expect(result.value, 'the value the attempt returned').toBe(result.tried[0]);
      picked.push(...result.tried);
    }
    expect(picked.join(' '), 'weights 5, 1, 1 through the smooth weighted picker, one pick per call').toBe('a a b a c a a');
  });

  it('picks from the list as it is now, so a provider that joined gets calls and one that left gets none', async () => {
    const b = balancer();
    const { runs, attempt } = scripted({});
    b.update(listOf(1, 'a', 'b'));
    await b.call({ method: 'reserve' }, attempt);
    b.update(listOf(2, 'c', 'b'));
    await b.call({ method: 'reserve' }, attempt);
    b.update(listOf(3, 'b'));
    await b.call({ method: 'reserve' }, attempt);
    expect(runs, 'the first listed provider of each revision').toEqual(['a', 'c', 'b']);
  });
});

describe('retries', () => {
  it('retries an idempotent method that got no answer on a provider it has not tried', async () => {
    const b = balancer();
    b.update(listOf(1, 'a', 'b', 'c'));
    const { runs, attempt } = scripted({ a: LOST, b: LOST });
    expect(await b.call({ method: 'getStock' }, attempt), SEE).toEqual({ ok: true, value: 'done', tried: ['a', 'b', 'c'] });
    expect(runs).toEqual(['a', 'b', 'c']);
  });

  it('retries any method that carries an idempotency key', async () => {
    const b = balancer();
    b.update(listOf(1, 'a', 'b'));
    const { attempt } = scripted({ a: LOST });
    expect(await b.call({ method: 'reserve', idempotencyKey: 'order-17' }, attempt), `a key makes the second run a no-op at the service; ${SEE}`).toEqual({ ok: true, value: 'done', tried: ['a', 'b'] });
  });

  it('never retries a call that is neither idempotent nor keyed: the first provider may have run it', async () => {
    const b = balancer();
    b.update(listOf(1, 'a', 'b'));
    const { runs, attempt } = scripted({ a: LOST });
    expect(await b.call({ method: 'reserve' }, attempt), `reserve without a key timed out on a; ${SEE}`).toMatchObject({ ok: false, stopped: 'not-retryable', tried: ['a'] });
    expect(runs).toEqual(['a']);
  });

  it('never retries an error answer, even for an idempotent method', async () => {
    const b = balancer();
    b.update(listOf(1, 'a', 'b'));
    const { runs, attempt } = scripted({ a: REFUSED });
    const result = await b.call({ method: 'getStock' }, attempt);
    expect(result, 'a answered "out of stock": b would say the same').toMatchObject({ ok: false, stopped: 'application', tried: ['a'] });
    expect(runs).toEqual(['a']);
  });

  it('says which provider failed and how in the message', async () => {
    const b = balancer();
    b.update(listOf(1, 'a'));
    const result = await b.call({ method: 'reserve' }, scripted({ a: REFUSED }).attempt);
    if (result.ok) expect.fail('the call should fail');
    expect(result.message).toContain('a');
    expect(result.message).toContain('out of stock');
  });

  it('names the method, the provider and the reason in a failed call’s message', async () => {
    const b = balancer();
    b.update(listOf(1, 'node-7'));
    const refused = await b.call({ method: 'reserve' }, scripted({ 'node-7': REFUSED }).attempt);
    if (refused.ok) expect.fail('the call should fail');
    for (const part of ['reserve', 'node-7', 'out of stock']) expect(refused.message, 'the message of a refused call').toContain(part);
    b.update(listOf(2));
    const none = await b.call({ method: 'getStock' }, scripted({}).attempt);
    if (none.ok) expect.fail('the call should fail');
    expect(none.message, 'the message when no provider is listed').toContain('getStock');
  });

  it('stops after maxAttempts attempts, 3 unless set', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const failing = Object.fromEntries(all.map((id) => [id, LOST]));
    const byDefault = balancer();
    byDefault.update(listOf(1, ...all));
    expect(await byDefault.call({ method: 'getStock' }, scripted(failing).attempt), 'default: 3 attempts').toMatchObject({ ok: false, stopped: 'attempts', tried: ['a', 'b', 'c'] });
    const four = balancer({ maxAttempts: 4 });
    four.update(listOf(1, ...all));
    expect(await four.call({ method: 'getStock' }, scripted(failing).attempt), 'maxAttempts 4').toMatchObject({ ok: false, stopped: 'attempts', tried: ['a', 'b', 'c', 'd'] });
    const one = balancer({ maxAttempts: 1 });
    one.update(listOf(1, ...all));
    expect(await one.call({ method: 'getStock' }, scripted(failing).attempt), 'maxAttempts 1: no retry at all').toMatchObject({ ok: false, stopped: 'attempts', tried: ['a'] });
  });

  it('stops when every listed provider has been tried, never trying one twice', async () => {
    const b = balancer({ maxAttempts: 5 });
    b.update(listOf(1, 'a', 'b'));
    const { runs, attempt } = scripted({ a: LOST, b: LOST });
    expect(await b.call({ method: 'getStock' }, attempt), 'two providers, five attempts allowed').toMatchObject({ ok: false, stopped: 'no-provider', tried: ['a', 'b'] });
    expect(runs).toEqual(['a', 'b']);
  });

  it('never retries on a provider that left while the attempt was under way', async () => {
    const b = balancer();
    b.update(listOf(1, 'a', 'b', 'c'));
    const runs: string[] = [];
    const result = await b.call({ method: 'getStock' }, async (provider) => {
      runs.push(provider.id);
      if (provider.id === 'a') {
        // The registry says b left while a was being tried.
        b.update(listOf(2, 'a', 'c'));
        return LOST;
      }
      return OK;
    });
    expect(result, `b left during the attempt on a; ${SEE}`).toEqual({ ok: true, value: 'done', tried: ['a', 'c'] });
    expect(runs).toEqual(['a', 'c']);
  });

  it('retries on a provider that joined while the attempt was under way, and gives up when every other one left', async () => {
    const joined = balancer();
    joined.update(listOf(1, 'a'));
    const first = await joined.call({ method: 'getStock' }, async (provider) => {
      if (provider.id !== 'a') return OK;
      joined.update(listOf(2, 'a', 'd'));
      return LOST;
    });
    expect(first, 'd joined while a was tried').toEqual({ ok: true, value: 'done', tried: ['a', 'd'] });
    const emptied = balancer();
    emptied.update(listOf(1, 'a', 'b'));
    const second = await emptied.call({ method: 'getStock' }, async () => {
      emptied.update(listOf(2));
      return LOST;
    });
    expect(second, 'every provider left while a was tried').toMatchObject({ ok: false, stopped: 'no-provider', tried: ['a'] });
  });
});

describe('the retry budget', () => {
  it('lets retries add a share of the calls, counting each call once however many attempts it made', async () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.2, windowMs: 10_000, now: () => now });
    const b = balancer({ budget });
    b.update(listOf(1, 'a', 'b'));
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await b.call({ method: 'getStock' }, scripted({ a: LOST }).attempt);
      outcomes.push(result.ok ? 'retried' : result.stopped);
      now += 100;
    }
    const expected = [...Array(4).fill('budget'), 'retried', ...Array(4).fill('budget'), 'retried'];
    expect(outcomes, `ratio 0.2: the 5th call earns the first retry, the 10th the second; ${SEE}`).toEqual(expected);
  });

  it('spends the budget only on a retry that happens', async () => {
    const budget = new RetryBudget({ ratio: 0, windowMs: 10_000, minRetries: 2, now: () => 0 });
    const b = balancer({ budget, maxAttempts: 2 });
    b.update(listOf(1, 'a'));
    expect(await b.call({ method: 'reserve' }, scripted({ a: LOST }).attempt), 'not retryable').toMatchObject({ stopped: 'not-retryable' });
    expect(await b.call({ method: 'getStock' }, scripted({ a: REFUSED }).attempt), 'an error answer').toMatchObject({ stopped: 'application' });
    expect(await b.call({ method: 'getStock' }, scripted({ a: LOST }).attempt), 'no other provider').toMatchObject({ stopped: 'no-provider' });
    b.update(listOf(2, 'a', 'b', 'c'));
    expect(await b.call({ method: 'getStock' }, scripted({ a: LOST, b: LOST }).attempt), 'one retry, then maxAttempts 2').toMatchObject({ stopped: 'attempts', tried: ['a', 'b'] });
    expect(await b.call({ method: 'getStock' }, scripted({ a: LOST }).attempt), 'the second of minRetries 2 is still there').toEqual({ ok: true, value: 'done', tried: ['a', 'b'] });
    expect(await b.call({ method: 'getStock' }, scripted({ a: LOST }).attempt), 'both spent now').toMatchObject({ stopped: 'budget', tried: ['a'] });
  });

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
    now = 999;
    expect(budget.tryRetry(), 'at 999 ms the retry is still in the window').toBe(false);
    now = 1_000;
    expect(budget.tryRetry(), 'at 1 s the calls have left the window: no budget').toBe(false);
    budget.recordCall();
    budget.recordCall();
    expect(budget.tryRetry(), 'two new calls, and the old retry has left the window too').toBe(true);
  });

  it('drops a call made exactly windowMs ago', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1_000, now: () => now });
    budget.recordCall();
    budget.recordCall();
    now = 500;
    budget.recordCall();
    budget.recordCall();
    now = 1_000;
    // The window is (0, 1000]: the two calls at 500 are in it, the two at 0 are not.
    expect([budget.tryRetry(), budget.tryRetry()], 'at 1 s, window 1 s, ratio 0.5').toEqual([true, false]);
  });

  it('counts calls made while no retry was asked for', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1_000, now: () => now });
    for (let i = 0; i < 4; i++) {
      budget.recordCall();
      now += 400;
    }
    // Calls at 0, 400, 800, 1200; at 1600 the window (600, 1600] holds 800 and 1200.
    expect([budget.tryRetry(), budget.tryRetry()], 'two calls in the window at ratio 0.5').toEqual([true, false]);
  });

  it('always allows minRetries, even with no calls', () => {
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 1_000, minRetries: 2, now: () => 0 });
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()], 'three retries, minRetries 2, no calls').toEqual([true, true, false]);
  });
});

describe('under churn (randomized, the course seed)', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const outcome = fc.constantFrom<AttemptResult<string>>(OK, LOST, LOST, REFUSED);
  /** One attempt's script: its outcome, and maybe a new provider list the registry sends while it runs. */
  const step = fc.record({ outcome, churn: fc.option(fc.subarray(ids), { nil: undefined }) });
  const callScript = fc.record({ keyed: fc.boolean(), method: fc.constantFrom('getStock', 'reserve'), steps: fc.array(step, { minLength: 5, maxLength: 5 }) });

  it('tries only listed, untried providers, retries only what the rules allow, and keeps within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(ids, { minLength: 1 }), fc.array(callScript, { minLength: 1, maxLength: 30 }), async (initial, calls) => {
        let now = 0;
        let revision = 1;
        const budget = new RetryBudget({ ratio: 0.3, windowMs: 50_000, minRetries: 1, now: () => now });
        const b = balancer({ budget, picker: new SmoothWeightedPicker() });
        b.update(listOf(revision, ...initial));
        let retries = 0;
        for (const [n, script] of calls.entries()) {
          const listedAt: string[][] = [];
          const failures: AttemptResult<string>[] = [];
          const result = await b.call({ method: script.method, ...(script.keyed ? { idempotencyKey: `k${n}` } : {}) }, async (provider) => {
            const i = listedAt.length;
            listedAt.push(b.providers().map((p) => p.id));
            expect(listedAt[i], `attempt ${i + 1} of call ${n + 1} went to ${provider.id}, which is not listed`).toContain(provider.id);
            const { outcome: out, churn } = script.steps[i]!;
            if (churn) b.update(listOf(++revision, ...churn));
            failures.push(out);
            return out;
          });
          const tried = result.tried;
          expect(new Set(tried).size, `call ${n + 1} tried ${tried.join(', ')}: a provider twice`).toBe(tried.length);
          expect(tried.length, `call ${n + 1}: at most 3 attempts`).toBeLessThanOrEqual(3);
          const retryable = script.method === 'getStock' || script.keyed;
          for (let i = 0; i + 1 < tried.length; i++) {
            const failure = failures[i]!;
            expect(!failure.ok && failure.failure === 'transport' && retryable, `call ${n + 1} (${script.method}${script.keyed ? ', keyed' : ''}) retried after ${JSON.stringify(failures[i])}`).toBe(true);
          }
          retries += Math.max(0, tried.length - 1);
          expect(retries, `after ${n + 1} calls in one window at ratio 0.3 with minRetries 1`).toBeLessThanOrEqual(1 + Math.floor(0.3 * (n + 1)));
          now += 1;
        }
      }),
    );
  });
});
