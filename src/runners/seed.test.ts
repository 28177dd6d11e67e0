import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, parseSeed } from './seed.ts';

describe('the seed', () => {
  it('is the course\'s fixed seed unless one is given', () => {
    expect(parseSeed(undefined, 'JOURNEY_SEED')).toBe(DEFAULT_SEED);
    expect(parseSeed('', 'JOURNEY_SEED')).toBe(DEFAULT_SEED);
    expect(parseSeed('-42', 'JOURNEY_SEED')).toBe(-42);
  });

  it('refuses what fast-check cannot take, naming where it came from', () => {
    for (const bad of ['abc', '1.5', '2147483648', '1e3']) {
      expect(() => parseSeed(bad, 'JOURNEY_SEED')).toThrow(`JOURNEY_SEED must be a whole number between -2147483648 and 2147483647; got "${bad}"`);
    }
  });
});
