/**
 * Geometry for <BalancePlots>: the disruption plot (share of keys moved when
 * one of N backends leaves, per scheme, with 1/N for reference) and the
 * balance bars (most loaded backend over the mean, per picker), laid out in
 * SVG user units from balance-model.ts's numbers.
 */
import { HASH_SCHEMES, type BalanceResult, type HashScheme } from './balance-model.ts';

/** The plot's size and its drawing area. */
const W = 460;
const H = 250;
const AREA = { x: 44, y: 12, width: W - 44 - 12, height: H - 12 - 34 };

/** A line per scheme plus the 1/N reference, with axes ticks. */
export interface DisruptionPlot {
  width: number;
  height: number;
  area: typeof AREA;
  lines: { scheme: HashScheme | 'ideal'; path: string; points: { x: number; y: number; label: string }[] }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

/** Lays out the disruption series: x is N (linear), y the moved share 0–1. */
export function plotDisruption(rows: readonly { n: number; moved: Record<HashScheme, number> }[]): DisruptionPlot {
  const nMin = rows[0]!.n;
  const nMax = rows[rows.length - 1]!.n;
  const x = (n: number) => AREA.x + ((n - nMin) / (nMax - nMin)) * AREA.width;
  const y = (share: number) => AREA.y + (1 - share) * AREA.height;
  const line = (scheme: HashScheme | 'ideal', value: (row: (typeof rows)[number]) => number) => {
    const points = rows.map((row) => ({ x: x(row.n), y: y(value(row)), label: `N = ${row.n}: ${(value(row) * 100).toFixed(1)} %` }));
    return { scheme, path: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '), points };
  };
  return {
    width: W,
    height: H,
    area: AREA,
    lines: [line('ideal', (row) => 1 / row.n), ...HASH_SCHEMES.map((s) => line(s, (row) => row.moved[s]))],
    xTicks: rows.map((row) => ({ x: x(row.n), label: String(row.n) })),
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({ y: y(share), label: `${share * 100} %` })),
  };
}

/** One bar per picker: length from 1 (perfect) to the largest ratio shown. */
export interface BalanceBars {
  width: number;
  height: number;
  labelWidth: number;
  bars: { label: string; value: string; y: number; width: number }[];
  rowHeight: number;
}

/** Lays out balance results as horizontal bars of (max/mean − 1). */
export function plotBalance(results: readonly BalanceResult[]): BalanceBars {
  const labelWidth = 225;
  const rowHeight = 28;
  const span = Math.max(...results.map((r) => r.maxOverMean - 1), 0.01);
  const barSpace = W - labelWidth - 90;
  return {
    width: W,
    height: results.length * rowHeight + 8,
    labelWidth,
    rowHeight,
    bars: results.map((r, i) => ({
      label: r.picker,
      value: `${((r.maxOverMean - 1) * 100).toFixed(1)} % over`,
      y: 4 + i * rowHeight,
      width: Math.max(1, ((r.maxOverMean - 1) / span) * barSpace),
    })),
  };
}
