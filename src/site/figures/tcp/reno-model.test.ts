import { describe, expect, it } from 'vitest';
import { DEFAULT_CWND_OPTIONS, runCwnd } from './reno-model.ts';

const run = runCwnd(DEFAULT_CWND_OPTIONS);
const options = run.options;
const rttMs = 2 * options.delayMs;
const summary = `seed ${options.seed}: ${run.events.map((e) => `${(e.time / 1000).toFixed(2)} s ${e.kind} ${e.cwndBefore.toFixed(1)}→${e.cwndAfter}`).join('; ')}`;

describe('the congestion window model (RFC 5681 Reno over netsim)', () => {
  it('is the same on every build: netsim and the seed decide everything', () => {
    const again = runCwnd(DEFAULT_CWND_OPTIONS);
    expect(again.samples).toEqual(run.samples);
    expect(again.events).toEqual(run.events);
  });

  it('starts at the initial window and doubles about once per round trip in slow start, up to ssthresh', () => {
    expect(run.samples[0]).toMatchObject({ time: 0, cwnd: options.initialWindow, ssthresh: options.initialSsthresh });
    const reached = run.samples.find((s) => s.cwnd >= options.initialSsthresh)!;
    const first = run.events[0]!;
    expect(reached.time, summary).toBeLessThan(first.time);
    // 10 → 20 → 40 → 64: three round trips (plus queueing), not thirty.
    const doublings = Math.log2(options.initialSsthresh / options.initialWindow);
    expect(reached.time).toBeLessThan((Math.ceil(doublings) + 1) * rttMs * 1.5);
  });

  it('adds about one segment per round trip in congestion avoidance', () => {
    const start = run.samples.find((s) => s.cwnd >= options.initialSsthresh)!;
    const later = run.samples.find((s) => s.time >= start.time + 10 * rttMs)!;
    expect(later.time).toBeLessThan(run.events[0]!.time);
    const perRtt = (later.cwnd - start.cwnd) / ((later.time - start.time) / rttMs);
    // Queueing stretches the round trip, so a little less than one segment per base RTT.
    expect(perRtt).toBeGreaterThan(0.5);
    expect(perRtt).toBeLessThanOrEqual(1.05);
  });

  it('halves on three duplicate ACKs: ssthresh = max(FlightSize / 2, 2), cwnd = ssthresh + 3 (RFC 5681 §3.2)', () => {
    const fast = run.events.filter((e) => e.kind === 'fast-retransmit');
    expect(fast.length, summary).toBeGreaterThanOrEqual(2);
    for (const e of fast) {
      expect(e.ssthresh).toBe(Math.max(e.flightSize / 2, 2));
      expect(e.cwndAfter).toBe(e.ssthresh + 3);
      // The plot shows the window the recovery ends with, not the temporary inflation.
      const plotted = run.samples.find((s) => s.time === e.time && s.cwnd === e.ssthresh);
      expect(plotted, `no sample of cwnd = ssthresh at ${e.time} ms`).toBeDefined();
    }
  });

  it('goes back to one segment when the timer expires during the radio outage (RFC 5681 §3.1, RFC 6298 §5.5)', () => {
    const timeouts = run.events.filter((e) => e.kind === 'timeout');
    expect(timeouts.length, summary).toBeGreaterThanOrEqual(1);
    const [timeout] = timeouts;
    const { startMs, durationMs } = options.outage;
    expect(timeout!.time).toBeGreaterThan(startMs);
    expect(timeout!.time).toBeLessThan(startMs + durationMs + 2 * options.rtoMs);
    expect(timeout).toMatchObject({ cwndAfter: 1, ssthresh: Math.max(timeout!.flightSize / 2, 2) });
    // Then slow start again, up to the new ssthresh.
    const back = run.samples.find((s) => s.time > timeout!.time && s.cwnd >= timeout!.ssthresh)!;
    expect(back.time - timeout!.time).toBeLessThan(8 * rttMs);
    expect(run.outageLosses).toBeGreaterThan(0);
  });

  it('loses segments where the bottleneck queue overflows, and a few at random', () => {
    expect(run.queueDrops).toBeGreaterThan(0);
    expect(run.randomLosses).toBeGreaterThan(0);
    expect(run.delivered).toBeGreaterThan(1000);
  });
});
