import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Watchdog, type Overrun } from './watchdog.ts';

const limits = { testMs: 1_000, graceMs: 500, runMs: 10_000 };

describe('the watchdog', () => {
  let fired: Overrun[];
  beforeEach(() => {
    vi.useFakeTimers();
    fired = [];
  });
  afterEach(() => vi.useRealTimers());

  it('names the test that overran its limit and grace', () => {
    const dog = new Watchdog(limits, limits.runMs, (o) => fired.push(o));
    dog.started('s', 'quick');
    vi.advanceTimersByTime(1_400);
    dog.ended('s');
    dog.started('s', 'stuck');
    vi.advanceTimersByTime(1_499);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ scope: 'test', stage: 's', name: 'stuck', limitMs: 1_000 }]);
  });

  it('watches a stage while its files load, before any test starts', () => {
    const dog = new Watchdog(limits, limits.runMs, (o) => fired.push(o));
    dog.loading('s');
    vi.advanceTimersByTime(1_500);
    expect(fired).toEqual([{ scope: 'load', stage: 's', limitMs: 1_000 }]);
  });

  it('stops the whole run at its deadline, once, and not after stop()', () => {
    const dog = new Watchdog(limits, 3_000, (o) => fired.push(o));
    for (let i = 0; i < 5; i++) {
      dog.started('s', `t${i}`);
      vi.advanceTimersByTime(900);
      dog.ended('s');
    }
    expect(fired).toEqual([{ scope: 'run', stage: 's', limitMs: 10_000 }]);
    const quiet = new Watchdog(limits, 100, (o) => fired.push(o));
    quiet.stop();
    vi.advanceTimersByTime(10_000);
    expect(fired).toHaveLength(1);
  });

  it('ignores the end of another stage', () => {
    const dog = new Watchdog(limits, limits.runMs, (o) => fired.push(o));
    dog.started('b', 'stuck');
    dog.ended('a');
    vi.advanceTimersByTime(1_500);
    expect(fired).toEqual([{ scope: 'test', stage: 'b', name: 'stuck', limitMs: 1_000 }]);
  });

  it('watches stages graded side by side apart: one ending leaves the other armed', () => {
    const dog = new Watchdog(limits, limits.runMs, (o) => fired.push(o));
    dog.started('a', 'stuck');
    vi.advanceTimersByTime(400);
    dog.started('b', 'quick');
    dog.ended('b');
    vi.advanceTimersByTime(1_099);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ scope: 'test', stage: 'a', name: 'stuck', limitMs: 1_000 }]);
  });

  it('fires for the first of two stuck stages, once', () => {
    const dog = new Watchdog(limits, limits.runMs, (o) => fired.push(o));
    dog.loading('a');
    vi.advanceTimersByTime(200);
    dog.started('b', 'stuck');
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([{ scope: 'load', stage: 'a', limitMs: 1_000 }]);
  });
});
