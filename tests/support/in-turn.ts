/**
 * A file's slow, independent jobs (each lab's mistakes check) side by side,
 * two at a time. Each job is a single-threaded child process the test worker
 * only waits on, and Vitest gives a two-core machine (CI's) a single worker,
 * so one job at a time leaves a core idle. Jobs start in the order given: when
 * that is the order of the tests that await them, a test's job has started by
 * the time the test runs, so it waits no longer than its own job takes.
 * Not for Node grades: each already runs two stages at a time, and two of lab
 * inventory's at once overran the runner's 10 s limit for loading a stage's
 * files on a loaded machine (tests/same-score.test.ts stays one at a time).
 */
import { availableParallelism } from 'node:os';
import type { RunnerTask, RunnerTestSuite } from 'vitest';

/** How many jobs run at once: two (CI's cores), or one on a one-core machine. */
const SIDE_BY_SIDE = Math.min(2, availableParallelism());

/** Runs `work` on every item, SIDE_BY_SIDE at a time in order; its promises count as handled until a test awaits them. */
export function inTurn<K, T>(items: readonly K[], work: (item: K) => Promise<T>): Map<K, Promise<T>> {
  let free = SIDE_BY_SIDE;
  const waiting: (() => void)[] = [];
  const take = async (item: K): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work(item);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
  const jobs = new Map(items.map((item) => [item, take(item)] as const));
  // The test awaiting a job reports its failure; until then it is not an unhandled rejection.
  for (const job of jobs.values()) job.catch(() => undefined);
  return jobs;
}

/** The names of the file's top-level blocks with a test to run (not all of them under `-t` or `.only`): the jobs worth starting. */
export function blocksToRun(file: Readonly<RunnerTestSuite>): Set<string> {
  const runs = (task: RunnerTask): boolean => (task.type === 'suite' ? task.tasks.some(runs) : task.mode === 'run');
  return new Set(file.tasks.filter(runs).map((task) => task.name));
}
