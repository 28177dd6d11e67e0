// The inventory chapter's interleaving and strategy plots as the Chinese and English pages render them.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import Interleaving from './Interleaving.astro';
import StrategyPlot from './StrategyPlot.astro';

describe('the interleaving', () => {
  it('speaks Chinese on a Chinese page: the table, the steps and the outcome', async () => {
    const text = readerText(await renderFigure(Interleaving, 'zh-cn', { scenario: 'cas', label: '比较并交换' }));
    for (const words of ['买家 A', '库存', '版本', '开始', '买家 B 的比较并交换发现版本已变', '结局：库存 0', '构建时在 PGlite 上运行得出']) expect(text).toContain(words);
    for (const english of ['Buyer A', 'reads', 'start', 'compare-and-set', 'End:', 'Each row shows']) expect(text).not.toContain(english);
  }, 120_000);

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(Interleaving, 'en', { scenario: 'cas', label: 'CAS' }));
    expect(text).toContain('Buyer B’s compare-and-set finds the version moved');
  }, 120_000);
});

describe('the strategy plots', () => {
  it('speak Chinese on a Chinese page: panels, axis, key, description and table', async () => {
    const text = readerText(await renderFigure(StrategyPlot, 'zh-cn', { caption: '图注' }));
    for (const words of ['每秒订单数', '发生冲突的比较并交换尝试', '买家数', '条件扣减', '测量于', '测量数据，以表格列出', '位买家时每秒']) expect(text).toContain(words);
    for (const english of ['Orders per second', 'buyers', 'conditional decrement', 'Measured', 'The measured figures', 'orders/s with']) expect(text).not.toContain(english);
  });
});
