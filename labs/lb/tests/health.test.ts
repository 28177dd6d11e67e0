/**
 * Stage health: an active health checker in simulated time, scripted step by
 * step: probes due, results reported, time advanced. The rules are HAProxy's
 * `inter`, `rise` and `fall` (HAProxy configuration manual, "5.2. Server and
 * default-server options"), with exponential backoff while a server is down.
 */
import { describe, expect, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { HealthChecker } from '@impl/health-checker.ts';
import type { HealthCheckOptions } from '@impl/health-types.ts';

const SEE = 'the chapter, "Health checks"; HAProxy manual, options inter, rise and fall';
const OPTIONS: HealthCheckOptions = { intervalMs: 2000, rise: 2, fall: 3, maxIntervalMs: 16_000 };

/** Drives a checker: `probe(results)` answers every due probe with the given results (default ok). */
function driver(title: string, backends: string[], options = OPTIONS) {
  const t = new Transcript(title);
  const hc = new HealthChecker(backends, options);
  return {
    t,
    hc,
    at(ms: number) {
      hc.tick(ms - hc.now);
      t.step(`t=${ms} ms`);
    },
    probe(expected: string[], results: Record<string, boolean> = {}) {
      const due = hc.takeProbes();
      t.expect(`probes due at t=${hc.now}`, due, expected, SEE);
      for (const b of due) {
        const ok = results[b] ?? true;
        hc.report(b, ok);
        t.step(`${b} answers ${ok ? 'ok' : 'FAIL'}`);
      }
    },
  };
}

describe('HealthChecker', () => {
  it('probes every backend at t=0, then every interval after the last result', () => {
    const d = driver('two healthy backends', ['a', 'b']);
    d.probe(['a', 'b']);
    d.at(1999);
    d.probe([]);
    d.at(2000);
    d.probe(['a', 'b']);
    d.t.expect('healthy', d.hc.healthy(), ['a', 'b']);
  });

  it('does not probe a backend again while its probe is out', () => {
    const d = driver('a slow answer', ['a']);
    d.t.expect('due at 0', d.hc.takeProbes(), ['a']);
    d.at(5000);
    d.t.expect('due at 5000, the first probe still out', d.hc.takeProbes(), [], SEE);
    d.hc.report('a', true);
    d.at(6999);
    d.t.expect('due at 6999', d.hc.takeProbes(), [], 'the next probe is one interval after the result, at 7000');
    d.at(7000);
    d.t.expect('due at 7000', d.hc.takeProbes(), ['a']);
  });

  it('marks a backend down only after `fall` (3) failures in a row', () => {
    const d = driver('a fails', ['a']);
    d.probe(['a'], { a: false });
    d.at(2000);
    d.probe(['a'], { a: false });
    d.t.expect('a up after 2 failures', d.hc.isUp('a'), true, SEE);
    d.at(4000);
    d.probe(['a'], { a: false });
    d.t.expect('a up after 3 failures', d.hc.isUp('a'), false, SEE);
    d.t.expect('healthy backends', d.hc.healthy(), []);
    d.t.expect('transitions', d.hc.transitions(), [{ backend: 'a', up: false, at: 4000 }]);
  });

  it('starts counting failures again after a success', () => {
    const d = driver('a flaps', ['a']);
    for (const [t, ok] of [[0, false], [2000, false], [4000, true], [6000, false], [8000, false]] as const) {
      d.at(t);
      d.probe(['a'], { a: ok });
    }
    d.t.expect('a after fail, fail, ok, fail, fail', d.hc.isUp('a'), true, 'a success resets the run of failures; fall = 3 needs three in a row');
  });

  it('brings a backend back only after `rise` (2) successes in a row', () => {
    const d = driver('a recovers', ['a'], { ...OPTIONS, maxIntervalMs: 2000 });
    for (const t of [0, 2000, 4000]) {
      d.at(t);
      d.probe(['a'], { a: false });
    }
    d.at(6000);
    d.probe(['a'], { a: true });
    d.t.expect('a after one success', d.hc.isUp('a'), false, SEE);
    d.at(8000);
    d.probe(['a'], { a: false });
    d.at(10_000);
    d.probe(['a'], { a: true });
    d.t.expect('a after ok, fail, ok', d.hc.isUp('a'), false, 'a failure resets the run of successes');
    d.at(12_000);
    d.probe(['a'], { a: true });
    d.t.expect('a after two successes in a row', d.hc.isUp('a'), true, SEE);
    d.t.expect('healthy', d.hc.healthy(), ['a']);
    d.t.expect('transitions', d.hc.transitions(), [{ backend: 'a', up: false, at: 4000 }, { backend: 'a', up: true, at: 12_000 }]);
  });

  it('backs off while down: 2 s, 4 s, 8 s, 16 s, 16 s between failed probes, and back to 2 s after a success', () => {
    const d = driver('a stays down', ['a', 'b']);
    const probesOfA: number[] = [];
    // Run 60 s of simulated time in 1 ms steps of interest: every time something is due.
    for (let now = 0; now <= 60_000; now += 1000) {
      d.hc.tick(now - d.hc.now);
      for (const b of d.hc.takeProbes()) {
        if (b === 'a') probesOfA.push(now);
        d.hc.report(b, b === 'b' || now >= 40_000);
      }
    }
    d.t.step(`a was probed at ${probesOfA.join(', ')} ms; it fails until t=40000, b always answers`);
    d.t.expect('times a was probed', probesOfA, [0, 2000, 4000, 6000, 10_000, 18_000, 34_000, 50_000, 52_000, 54_000, 56_000, 58_000, 60_000],
      'down after the 3rd failure (t=4000); then the wait doubles after each failure up to maxIntervalMs, and success brings it back to intervalMs');
    d.t.expect('a up again', d.hc.isUp('a'), true);
    d.t.expect('transitions', d.hc.transitions(), [{ backend: 'a', up: false, at: 4000 }, { backend: 'a', up: true, at: 52_000 }]);
  });

  it('refuses bad options, unknown backends and results for probes never sent', () => {
    expect(() => new HealthChecker([], OPTIONS)).toThrow(/needs at least one backend/);
    expect(() => new HealthChecker(['a', 'a'], OPTIONS)).toThrow(/listed twice/);
    for (const [field, value] of [['rise', 0], ['fall', 1.5], ['intervalMs', -1]] as const) {
      expect(() => new HealthChecker(['a'], { ...OPTIONS, [field]: value }), `${field} ${value}`).toThrow(`${field} is ${value}; expected a whole number ≥ 1`);
    }
    expect(() => new HealthChecker(['a'], { ...OPTIONS, maxIntervalMs: 1000 })).toThrow(/maxIntervalMs is smaller than intervalMs/);
    expect(new HealthChecker(['a'], { intervalMs: 1, rise: 1, fall: 1, maxIntervalMs: 1 }).isUp('a'), 'every option may be 1').toBe(true);
    const hc = new HealthChecker(['a'], OPTIONS);
    expect(() => hc.report('a', true), 'no probe is out yet').toThrow(/no probe of "a" is out/);
    expect(() => hc.report('zzz', true)).toThrow(/unknown backend "zzz"/);
    expect(() => hc.isUp('zzz')).toThrow(/unknown backend "zzz"/);
    expect(() => hc.tick(-1)).toThrow(/-1 ms/);
  });
});
