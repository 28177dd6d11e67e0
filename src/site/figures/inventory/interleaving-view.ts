/**
 * Turns a scenario run (interleavings.ts) into what the step-through shows:
 * one step per frame, the table row it lights, and the outcome in words.
 */
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';
import { INITIAL_STOCK, type Interleaving, type RowState } from './interleavings.ts';

/** The `data-part` id of the table row of step `index` (0-based). */
export function stepPart(index: number): string {
  return `step-${index + 1}`;
}

/** True when more units were ordered than there were: the row and the orders disagree. */
export function oversold(state: RowState): boolean {
  return state.orders > INITIAL_STOCK;
}

/** The step-through's steps: each frame's title and text, lighting its row. */
export function interleavingSteps(run: Interleaving, locale: Locale = 'en'): Step[] {
  return run.frames.map((frame, i) => ({ title: frame.words[locale].title, text: frame.words[locale].text, active: [stepPart(i)] }));
}

/** The table's words in one language: its headings and its note under it. */
export interface InterleavingWords {
  region: (label: string) => string;
  caption: string;
  columns: [buyerA: string, buyerB: string, stock: string, version: string, orders: string];
  start: string;
  note: string;
  oversold: (stock: number, orders: number, units: number, over: number) => string;
  balanced: (stock: number, orders: number, units: number) => string;
}

const EN: InterleavingWords = {
  region: (label) => `${label}: the table (scrolls sideways)`,
  caption: 'Each step: what buyer A and buyer B did, and the committed items row and number of orders after it',
  columns: ['Buyer A', 'Buyer B', 'stock', 'version', 'orders'],
  start: 'start',
  note: ' Each row shows the table as committed after that step, run on PGlite at build time.',
  oversold: (stock, orders, units, over) => `End: stock ${stock} and ${orders} orders for ${units === 1 ? 'one unit' : `${units} units`}: oversold by ${over}.`,
  balanced: (stock, orders, units) =>
    `End: stock ${stock} and ${orders} order${orders === 1 ? '' : 's'} for ${units === 1 ? 'one unit' : `${units} units`}: stock + sold = ${stock + orders}, as it should.`,
};

/** The table's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const INTERLEAVING_WORDS: Record<Locale, InterleavingWords> = {
  en: EN,
  'zh-cn': {
    region: (label) => `${label}：表格（可横向滚动）`,
    caption: '每一步：买家 A 和买家 B 各做了什么，以及这一步之后已提交的商品行和订单数',
    columns: ['买家 A', '买家 B', '库存', '版本', '订单'],
    start: '开始',
    note: '每一行显示的是这一步之后已提交的表，构建时在 PGlite 上运行得出。',
    oversold: (stock, orders, units, over) => `结局：库存 ${stock}，${units} 件商品有 ${orders} 个订单：超卖了 ${over} 件。`,
    balanced: (stock, orders, units) => `结局：库存 ${stock}，${units} 件商品有 ${orders} 个订单：库存 + 售出 = ${stock + orders}，理应如此。`,
  },
};

/** One sentence on how the scenario ended, from its final row. */
export function outcome(run: Interleaving, locale: Locale = 'en'): string {
  const { stock, orders } = run.final;
  const w = INTERLEAVING_WORDS[locale];
  return oversold(run.final) ? w.oversold(stock, orders, INITIAL_STOCK, orders - INITIAL_STOCK) : w.balanced(stock, orders, INITIAL_STOCK);
}
