/**
 * The rules every runner shares, in two tables: which stages each runner can
 * reach, and the limits it grades under. The runners, the results view and
 * the parity test all read them from here.
 */
import type { RunsIn } from '../course/runs-in.ts';

export type RunnerName = 'node' | 'worker' | 'webcontainer';

/** The kinds of stage each runner can run; the others are listed as not run there. */
export const RUNNER_REACH: Record<RunnerName, readonly RunsIn[]> = {
  node: ['pure', 'node', 'host'],
  webcontainer: ['pure', 'node'],
  worker: ['pure'],
};

/** True when this runner runs stages of this kind. */
export function reaches(runner: RunnerName, runsIn: RunsIn): boolean {
  return RUNNER_REACH[runner].includes(runsIn);
}

export interface Limits {
  /** Per-test time limit (Vitest's testTimeout): a slower test has a bug or a loop. */
  testMs: number;
  /** How far past `testMs` a test, or a stage's loading, may run before the runner is stopped. */
  graceMs: number;
  /** The whole grade run, every pass and stage together. */
  runMs: number;
  /** Most characters of output kept per test. */
  outputChars: number;
}

/** The limits each runner grades under: the browser worker runs only pure stages, so it is quicker to give up. */
export const LIMITS: Record<RunnerName, Limits> = {
  node: { testMs: 10_000, graceMs: 2_000, runMs: 180_000, outputChars: 4096 },
  webcontainer: { testMs: 10_000, graceMs: 2_000, runMs: 180_000, outputChars: 4096 },
  worker: { testMs: 5_000, graceMs: 1_000, runMs: 60_000, outputChars: 4096 },
};
