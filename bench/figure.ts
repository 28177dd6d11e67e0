/** The shape every benchmark reports: a figure beside the target it is judged against. */
export interface Figure {
  /** What was measured, e.g. "journey grade dns --target solution (cold, median of 5)". */
  name: string;
  value: number;
  unit: string;
  /** The stated target: the figure should be at most (`<=`) or at least (`>=`) this; absent for a figure shown for information. */
  target?: { op: '<=' | '>='; value: number };
}

/** One benchmark module (`bench/<name>.bench.ts` exports `benchmark`). */
export interface Benchmark {
  name: string;
  run(): Promise<Figure[]>;
}

/** True when the figure meets its target (a figure without one has nothing to miss). */
export function meetsTarget(figure: Figure): boolean {
  if (!figure.target) return true;
  return figure.target.op === '<=' ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}

/** Median of a non-empty list of samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0–100) of a non-empty list of samples: p99 is the sample 99 % of the others are at or under. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
