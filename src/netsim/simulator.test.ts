import { describe, it, expect } from 'vitest';
import { DEFAULT_MAX_EVENTS, SimulationLimitError, Simulator } from './simulator.ts';

describe('Simulator', () => {
  it('runs events in time order and moves the clock to each', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.schedule(30, () => seen.push(`c@${sim.now}`));
    sim.schedule(10, () => seen.push(`a@${sim.now}`));
    sim.schedule(20.5, () => seen.push(`b@${sim.now}`));
    const result = sim.run();
    expect(seen).toEqual(['a@10', 'b@20.5', 'c@30']);
    expect(result).toEqual({ events: 3, now: 30, reason: 'idle' });
  });

  it('runs events due at the same time in the order they were scheduled', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) sim.schedule(5, () => seen.push(i));
    sim.run();
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('runs schedule(0) from inside an event after what is already due now', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.schedule(1, () => {
      seen.push('first');
      sim.schedule(0, () => seen.push('nested'));
    });
    sim.schedule(1, () => seen.push('second'));
    sim.run();
    expect(seen).toEqual(['first', 'second', 'nested']);
  });

  it('never runs a cancelled timer, and counts only live events as pending', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const timer = sim.schedule(5, () => seen.push('cancelled'));
    sim.schedule(6, () => seen.push('kept'));
    expect(sim.pending).toBe(2);
    timer.cancel();
    timer.cancel();
    expect(timer.cancelled).toBe(true);
    expect(sim.pending).toBe(1);
    expect(sim.nextEventTime()).toBe(6);
    expect(sim.run()).toEqual({ events: 1, now: 6, reason: 'idle' });
    expect(seen).toEqual(['kept']);
  });

  it('run({ until }) stops at that time, advances the clock to it and leaves later events queued', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 10]) sim.schedule(t, () => seen.push(t));
    expect(sim.run({ until: 3 })).toEqual({ events: 3, now: 3, reason: 'until' });
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.run({ until: 7 })).toEqual({ events: 0, now: 7, reason: 'until' });
    expect(sim.run({ until: 20 })).toEqual({ events: 1, now: 20, reason: 'idle' });
    expect(() => sim.run({ until: 5 })).toThrow(/until must be ≥ now/);
  });

  it('is always bounded: a timer that reschedules itself forever hits maxEvents with a clear error', () => {
    const sim = new Simulator();
    const tick = (): void => {
      sim.schedule(1, tick);
    };
    sim.schedule(0, tick);
    expect(() => sim.run({ maxEvents: 1000 })).toThrow(SimulationLimitError);
    expect(sim.now).toBe(999);
    let error: unknown;
    try {
      sim.run({ maxEvents: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationLimitError);
    expect((error as SimulationLimitError).maxEvents).toBe(10);
    expect(String(error)).toMatch(/maxEvents \(10\)/);
    expect(DEFAULT_MAX_EVENTS).toBe(10_000_000);
  });

  it('allows exactly maxEvents events', () => {
    const sim = new Simulator();
    for (let i = 0; i < 10; i++) sim.schedule(i, () => {});
    expect(sim.run({ maxEvents: 10 })).toEqual({ events: 10, now: 9, reason: 'idle' });
  });

  it('step() runs one event at a time for step-throughs', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.schedule(2, () => seen.push(2));
    sim.schedule(1, () => seen.push(1));
    expect(sim.nextEventTime()).toBe(1);
    expect(sim.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(1);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.nextEventTime()).toBeUndefined();
  });

  it('rejects bad delays, past times and run() from inside an event', () => {
    const sim = new Simulator();
    expect(() => sim.schedule(-1, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(Infinity, () => {})).toThrow(RangeError);
    sim.schedule(5, () => {
      expect(() => sim.at(4, () => {})).toThrow(/≥ now/);
      sim.run();
    });
    expect(() => sim.run()).toThrow(/called from inside an event/);
    // The failed run left the simulator usable.
    sim.schedule(1, () => {});
    expect(sim.run().reason).toBe('idle');
  });

  it('keeps its seed and hands out distinct locally administered MACs', () => {
    const sim = new Simulator({ seed: 1234 });
    expect(sim.seed).toBe(1234);
    expect(Array.from(sim.nextMac())).toEqual([2, 0, 0, 0, 0, 1]);
    expect(Array.from(sim.nextMac())).toEqual([2, 0, 0, 0, 0, 2]);
  });
});
