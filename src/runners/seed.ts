/**
 * The seed every randomized test runs with, so the same files get the same
 * score on every run and every runner. fast-check's global seed is set once,
 * before a stage's tests load; `JOURNEY_SEED` (or `journey grade --seed`)
 * replays with another.
 */

/** The course's fixed seed. */
export const DEFAULT_SEED = 20_240_917;

/** The environment variable that overrides the seed. */
export const SEED_VARIABLE = 'JOURNEY_SEED';

/** A seed from text (a flag or the environment), or a clear error naming where it came from. */
export function parseSeed(text: string | undefined, from: string): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  const seed = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new RangeError(`${from} must be a whole number between -2147483648 and 2147483647; got "${text}"`);
  }
  return seed;
}

/** Fixes fast-check's seed for every property that follows. */
export function useSeed(fc: { configureGlobal(parameters: { seed: number }): void }, seed: number): void {
  fc.configureGlobal({ seed });
}
