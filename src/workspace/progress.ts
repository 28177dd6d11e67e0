/**
 * The learner's lab progress in this browser, in localStorage so that any
 * page (the sidebar, the lab list) can read it synchronously without loading
 * IndexedDB code.
 */
import type { GradeResult } from '../runners/result.ts';

/**
 * Per-lab progress kept for the sidebar and the lab list. `score` is the best
 * run's, so one bad run (an infinite loop scores 0) never wipes out progress;
 * `latest` is the last run's.
 */
export interface BrowserProgress {
  score: number;
  max: number;
  latest: number;
  /** Stages that passed in some run, by id. */
  stages: Record<string, boolean>;
}

const PROGRESS_KEY = 'packet-journey:progress';

export function readProgress(): Record<string, BrowserProgress> {
  try {
    const all = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}') as Record<string, Partial<BrowserProgress>>;
    // Entries written before `latest` existed held the last run only.
    return Object.fromEntries(Object.entries(all).map(([lab, p]) => [lab, { score: 0, max: 0, stages: {}, latest: p.score ?? 0, ...p }]));
  } catch {
    return {};
  }
}

/** Records a browser grade: the best score and the latest; a stage once passed stays passed. */
export function recordProgress(result: GradeResult): BrowserProgress {
  const all = readProgress();
  const before = all[result.lab];
  const stages = { ...before?.stages };
  for (const s of result.stages) if (s.status === 'passed') stages[s.id] = true;
  const progress = { score: Math.max(before?.score ?? 0, result.score), max: result.max, latest: result.score, stages };
  all[result.lab] = progress;
  localStorage.setItem(PROGRESS_KEY, JSON.stringify(all));
  return progress;
}

