/**
 * Stage least-connections: least connections (LVS lc, HAProxy leastconn) and
 * power of two choices (Mitzenmacher 2001; Nginx `random two least_conn`)
 * over a stream of connection opens and closes, with the randomness scripted
 * or drawn from a fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { LeastConnections, PowerOfTwoChoices } from '@impl/least-connections.ts';
import { maxOverMean, seededRandom } from './fixtures/reference-pickers.ts';

const SEE = 'the chapter, "Looking at load"';

/** A random stream that returns `values` in order and fails the test if asked for more. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error(`random() called ${i + 1} times; the test scripted ${values.length} numbers (two per pick)`);
    return values[i++]!;
  };
}

interface Counter {
  connect(): string;
  close(backend: string): void;
  connections(backend: string): number;
}

/**
 * A day of traffic: `steps` events, each an open (probability 0.55) or the
 * close of a random open connection, drawn from a fixed seed. Returns the
 * most open connections any backend had at the end, over the mean.
 */
function simulate(picker: Counter, backends: string[], seed: number, steps: number): number {
  const random = seededRandom(seed);
  const open: string[] = [];
  for (let i = 0; i < steps; i++) {
    if (open.length === 0 || random() < 0.55) open.push(picker.connect());
    else {
      const [closed] = open.splice(Math.floor(random() * open.length), 1);
      picker.close(closed!);
    }
  }
  return maxOverMean(backends.map((b) => picker.connections(b)));
}

describe('LeastConnections', () => {
  it('sends each new connection to the backend with the fewest open, the first listed on a tie', () => {
    const lc = new LeastConnections(['a', 'b', 'c']);
    expect([lc.connect(), lc.connect(), lc.connect(), lc.connect()], SEE).toEqual(['a', 'b', 'c', 'a']);
    lc.close('b');
    lc.close('a');
    expect([lc.connect(), lc.connect(), lc.connect()], 'open a 1, b 0, c 1 → b; then all at 1 → a; then b and c at 1 → b').toEqual(['b', 'a', 'b']);
    expect(['a', 'b', 'c'].map((b) => lc.connections(b))).toEqual([2, 2, 1]);
  });

  it('follows a slow backend: connections that stay open keep new ones away', () => {
    const lc = new LeastConnections(['slow', 'fast']);
    const first = lc.connect();
    const picks: string[] = [];
    for (let i = 0; i < 5; i++) {
      const b = lc.connect();
      picks.push(b);
      if (b === 'fast') lc.close('fast');
    }
    expect(first).toBe('slow');
    expect(picks, 'fast closes each connection at once, slow never does').toEqual(['fast', 'fast', 'fast', 'fast', 'fast']);
  });

  it('refuses to close a connection that is not open, or on an unknown backend', () => {
    const lc = new LeastConnections(['a', 'b']);
    expect(() => lc.close('a')).toThrow(/backend "a" has no open connection/);
    expect(() => lc.close('zzz')).toThrow(/unknown backend "zzz"/);
    lc.connect();
    lc.close('a');
    expect(lc.connections('a')).toBe(0);
    expect(() => new LeastConnections([])).toThrow(/LeastConnections: needs at least one backend/);
  });

  it('counts no connections on a backend it does not know', () => {
    const lc = new LeastConnections(['a']);
    lc.connect();
    expect([lc.connections('a'), lc.connections('zzz')]).toEqual([1, 0]);
  });

  it('refuses a backend listed twice, whose connections could not be told apart', () => {
    expect(() => new LeastConnections(['a', 'b', 'a'])).toThrow(/LeastConnections: a backend is listed twice/);
    expect(() => new PowerOfTwoChoices(['a', 'a'], Math.random)).toThrow(/PowerOfTwoChoices: a backend is listed twice/);
  });

  it('keeps 10 backends within 2 % of the mean over 20,000 seeded opens and closes', () => {
    const backends = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const ratio = simulate(new LeastConnections(backends), backends, 1, 20_000);
    expect(ratio, `max/mean open connections ${ratio.toFixed(3)}`).toBeLessThanOrEqual(1.02);
  });
});

describe('PowerOfTwoChoices', () => {
  it('draws two distinct backends from exactly two random numbers and takes the less loaded', () => {
    // 4 backends. First = ⌊r1·4⌋; the second counts ⌊r2·3⌋ + 1 places on from the first, wrapping.
    const p2c = new PowerOfTwoChoices(['a', 'b', 'c', 'd'], scripted([0.1, 0.5, 0.3, 0.0, 0.9, 0.99, 0.6, 0.1, 0.0, 0.99, 0.0, 0.5]));
    expect(p2c.connect(), 'r = 0.1, 0.5: a and c, both idle → the first drawn, a').toBe('a');
    expect(p2c.connect(), 'r = 0.3, 0.0: b and c, both idle → b').toBe('b');
    expect(p2c.connect(), 'r = 0.9, 0.99: d and c (d + 3 wraps to c), both idle → d').toBe('d');
    expect(p2c.connect(), 'r = 0.6, 0.1: c and d (c + 1), c idle and d busy → c').toBe('c');
    expect(p2c.connect(), 'r = 0, 0.99: a and d (a + 3), one connection each → the first drawn, a').toBe('a');
    expect(p2c.connect(), 'r = 0, 0.5: a (2 open) and c (a + 2, 1 open) → c').toBe('c');
  });

  it('prefers the second draw when it has fewer connections', () => {
    const p2c = new PowerOfTwoChoices(['a', 'b'], scripted([0, 0.5, 0, 0]));
    expect([p2c.connect(), p2c.connect()], 'r = 0, 0.5 then r = 0, 0: a first; then a is busy and the second draw, one place on, is idle b').toEqual(['a', 'b']);
  });

  it('with one backend, picks it without drawing', () => {
    const p2c = new PowerOfTwoChoices(['only'], scripted([]));
    expect(p2c.connect()).toBe('only');
  });

  it('keeps 10 backends within 3 % of the mean over 20,000 seeded opens and closes, where one random choice ends 10 % over', () => {
    const backends = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const ratio = simulate(new PowerOfTwoChoices(backends, seededRandom(2)), backends, 1, 20_000);
    expect(ratio, `max/mean open connections ${ratio.toFixed(3)} (one random choice gives 1.10 on this stream)`).toBeLessThanOrEqual(1.03);
  });

  it('refuses an empty list and closes it never opened', () => {
    expect(() => new PowerOfTwoChoices([], Math.random)).toThrow(/PowerOfTwoChoices: needs at least one backend/);
    expect(() => new PowerOfTwoChoices(['a', 'b'], scripted([])).close('a')).toThrow(RangeError);
  });
});
