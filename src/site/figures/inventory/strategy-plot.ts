/**
 * Lays out the inventory chapter's two plots from the measured run
 * (strategy-run.ts): orders per second, and the share of compare-and-set
 * attempts that conflicted, against the number of buyers, one line per
 * strategy; and says in words what they show.
 */
import { STRATEGIES, type Strategy } from './strategies.ts';
import type { StrategyPoint, StrategyRun } from './strategy-run.ts';

/** What a plot puts up the y axis. */
export type Metric = 'ordersPerSecond' | 'conflictRate';

/** One strategy's line: its points in viewBox units, with the measured value each stands for. */
export interface PlotLine {
  strategy: Strategy;
  path: string;
  points: { x: number; y: number; buyers: number; value: number }[];
}

/** A plot, in viewBox units. */
export interface StrategyPlot {
  width: number;
  height: number;
  area: { x: number; y: number; width: number; height: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  lines: PlotLine[];
}

/** The strategies' names in the key, the table and the text. */
export const STRATEGY_NAMES: Record<Strategy, string> = {
  'for-update': 'SELECT … FOR UPDATE',
  cas: 'compare-and-set on a version',
  decrement: 'conditional decrement',
};

/** A round step for about four gridlines up to `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number): number {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Strategies that retry, the only ones with conflicts to plot: the others never throw an attempt away. */
export const RETRYING: readonly Strategy[] = ['cas'];

/**
 * Lays out `metric` against the number of buyers, the buyers evenly spaced (1,
 * 8, 32 are a factor of 4 to 8 apart); the conflict rate only for the
 * strategies that retry.
 */
export function plotStrategies(run: StrategyRun, metric: Metric, size = { width: 300, height: 210 }): StrategyPlot {
  const area = { x: metric === 'conflictRate' ? 40 : 48, y: 10, width: size.width - (metric === 'conflictRate' ? 40 : 48) - 16, height: size.height - 42 };
  const buyers = [...new Set(run.points.map((p) => p.buyers))].sort((a, b) => a - b);
  const max = metric === 'conflictRate' ? 1 : Math.max(...run.points.map((p) => p.ordersPerSecond));
  const step = metric === 'conflictRate' ? 0.25 : niceStep(max);
  const top = metric === 'conflictRate' ? 1 : Math.ceil(max / step) * step;
  const x = (b: number) => round(area.x + ((buyers.indexOf(b) + 0.5) / buyers.length) * area.width);
  const y = (v: number) => round(area.y + area.height - (v / top) * area.height);
  const lines = STRATEGIES.filter((strategy) => metric !== 'conflictRate' || RETRYING.includes(strategy)).map((strategy) => {
    const points = run.points
      .filter((p) => p.strategy === strategy)
      .sort((a, b) => a.buyers - b.buyers)
      .map((p: StrategyPoint) => ({ x: x(p.buyers), y: y(p[metric]), buyers: p.buyers, value: p[metric] }));
    return { strategy, points, path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ') };
  });
  const yTicks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step).map((v) => ({
    y: y(v),
    label: metric === 'conflictRate' ? `${Math.round(v * 100)} %` : v.toLocaleString('en-US'),
  }));
  return { width: size.width, height: size.height, area, xTicks: buyers.map((b) => ({ x: x(b), label: String(b) })), yTicks, lines };
}

/** The two plots in words, for screen readers: each strategy's figures from fewest to most buyers. */
export function describeStrategies(run: StrategyRun): string {
  return STRATEGIES.map((strategy) => {
    const points = run.points.filter((p) => p.strategy === strategy).sort((a, b) => a.buyers - b.buyers);
    const figures = points.map((p) => `${p.ordersPerSecond.toLocaleString('en-US')} orders/s with ${Math.round(p.conflictRate * 100)} % conflicts at ${p.buyers} buyer${p.buyers === 1 ? '' : 's'}`);
    return `${STRATEGY_NAMES[strategy]}: ${figures.join(', ')}.`;
  }).join(' ');
}

/** The figures the chapter's text quotes: how compare-and-set fared with the most buyers, and the rate of each strategy there. */
export function runFacts(run: StrategyRun) {
  const most = Math.max(...run.points.map((p) => p.buyers));
  const at = (strategy: Strategy, buyers: number) => run.points.find((p) => p.strategy === strategy && p.buyers === buyers)!;
  const cas = at('cas', most);
  return {
    mostBuyers: most,
    casConflictPercent: Math.round(cas.conflictRate * 100),
    casGaveUp: cas.gaveUp,
    orders: cas.orders,
    ordersPerSecond: Object.fromEntries(STRATEGIES.map((s) => [s, at(s, most).ordersPerSecond])) as Record<Strategy, number>,
  };
}
