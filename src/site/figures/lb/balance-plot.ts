/**
 * Geometry for <BalancePlots>: the disruption plot (share of keys moved when
 * one of N backends leaves, per scheme, with 1/N for reference) and the
 * balance bars (most loaded backend over the mean, per picker), laid out in
 * SVG user units from balance-model.ts's numbers.
 */
import type { Locale } from '../../../course/locale.ts';
import { HASH_SCHEMES, type BalanceResult, type HashScheme, type PickerId } from './balance-model.ts';

/** The plots' words in one language. */
export interface BalanceWords {
  schemes: Record<HashScheme | 'ideal', string>;
  /** A picker's name in the bars: the English name the model gives it, or a translation of it. */
  picker: (result: BalanceResult) => string;
  over: (percent: string) => string;
  disruptionRegion: string;
  disruptionTitle: string;
  disruptionDesc: (moduloPercent: string, n: number) => string;
  axis: string;
  numbers: string;
  numbersRegion: string;
  balanceRegion: string;
  balanceTitle: string;
  balanceDesc: (results: readonly BalanceResult[]) => string;
  seed: (seed: number) => string;
}

const percentOver = (r: BalanceResult) => ((r.maxOverMean - 1) * 100).toFixed(1);

const EN: BalanceWords = {
  schemes: { ideal: '1/N, the least possible', ring: 'Ring (ketama)', maglev: 'Maglev', jump: 'Jump hash', modulo: 'Modulo' },
  picker: (r) => r.picker,
  over: (percent) => `${percent} % over`,
  disruptionRegion: 'Keys moved when a backend leaves (scrolls sideways on a narrow screen)',
  disruptionTitle: 'Share of keys that move when one of N backends leaves',
  disruptionDesc: (modulo, n) => `Ring, Maglev and jump hash stay near 1/N; modulo moves most keys, ${modulo} % at N = ${n}. The table below has every value.`,
  axis: 'backends before one leaves (N)',
  numbers: 'The numbers',
  numbersRegion: 'Keys moved per scheme (scrolls sideways)',
  balanceRegion: 'Load of the busiest backend (scrolls sideways on a narrow screen)',
  balanceTitle: 'How far the most loaded of ten backends is above the mean',
  balanceDesc: (results) => `${results.map((r) => `${r.picker}: ${percentOver(r)} % over the mean`).join('; ')}.`,
  seed: (seed) => ` Seed ${seed}.`,
};

const ZH_PICKERS: Record<PickerId, string> = {
  random: '随机选择',
  'round-robin': '轮询',
  p2c: '随机挑两个',
  'least-connections': '最少连接',
  ring: '哈希环，每后端 160 点（键）',
  maglev: 'Maglev，M = 65,537（键）',
  jump: '跳跃哈希（键）',
};

/** The plots' words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const BALANCE_WORDS: Record<Locale, BalanceWords> = {
  en: EN,
  'zh-cn': {
    schemes: { ideal: '1/N，理论最小值', ring: '哈希环（ketama）', maglev: 'Maglev', jump: '跳跃哈希', modulo: '取模' },
    picker: (r) => ZH_PICKERS[r.id],
    over: (percent) => `高出 ${percent} %`,
    disruptionRegion: '一个后端离开时移动的键（窄屏上可横向滚动）',
    disruptionTitle: 'N 个后端中有一个离开时，更换后端的键所占的比例',
    disruptionDesc: (modulo, n) => `哈希环、Maglev 和跳跃哈希都保持在 1/N 附近；取模会移动大部分键，N = ${n} 时为 ${modulo} %。下表列出了每一个值。`,
    axis: '离开前的后端数（N）',
    numbers: '具体数值',
    numbersRegion: '各方案移动的键（可横向滚动）',
    balanceRegion: '最忙后端的负载（窄屏上可横向滚动）',
    balanceTitle: '十个后端中负载最高者比平均值高出多少',
    balanceDesc: (results) => `${results.map((r) => `${ZH_PICKERS[r.id]}：比平均值高出 ${percentOver(r)} %`).join('；')}。`,
    seed: (seed) => `种子 ${seed}。`,
  },
};

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
export function plotBalance(results: readonly BalanceResult[], locale: Locale = 'en'): BalanceBars {
  const words = BALANCE_WORDS[locale];
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
      label: words.picker(r),
      value: words.over(percentOver(r)),
      y: 4 + i * rowHeight,
      width: Math.max(1, ((r.maxOverMean - 1) / span) * barSpace),
    })),
  };
}
