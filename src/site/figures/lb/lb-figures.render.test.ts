// The load-balancing chapter's plots and key movement figure as the Chinese and English pages render them.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import BalancePlots from './BalancePlots.astro';
import KeyMovement from './KeyMovement.astro';

describe('the balance plots', () => {
  it('speak Chinese on a Chinese page: titles, axis, key, table and bars', async () => {
    const disruption = readerText(await renderFigure(BalancePlots, 'zh-cn', { show: 'disruption', caption: '图注' }));
    for (const words of ['更换后端的键所占的比例', '离开前的后端数（N）', '哈希环（ketama）', '取模', '具体数值', '种子']) expect(disruption).toContain(words);
    for (const english of ['Share of keys', 'backends before', 'Ring', 'Modulo', 'The numbers', 'Seed']) expect(disruption).not.toContain(english);
    const balance = readerText(await renderFigure(BalancePlots, 'zh-cn', { show: 'balance', caption: '图注' }));
    for (const words of ['十个后端中负载最高者', '轮询', '最少连接', '跳跃哈希（键）', '比平均值高出']) expect(balance).toContain(words);
    for (const english of ['Round robin', 'Least connections', 'over the mean', '% over']) expect(balance).not.toContain(english);
  });

  it('speak English on an English page', async () => {
    const balance = readerText(await renderFigure(BalancePlots, 'en', { show: 'balance', caption: 'Caption.' }));
    expect(balance).toContain('Round robin');
    expect(balance).toContain('% over the mean');
  });
});

describe('the key movement figure', () => {
  it('speaks Chinese on a Chinese page: the pool, the worked example and every row', async () => {
    const html = await renderFigure(KeyMovement, 'zh-cn', { caption: '图注' });
    const text = readerText(html);
    for (const words of ['池中的后端', '示例：后端 E 离开', '哈希环（ketama，每个后端 160 个点）', '个键中有', '背后的 Maglev 表', '（原为 E）']) expect(text).toContain(words);
    for (const english of ['Backends in the pool', 'Worked example', 'keys moved', 'Modulo', 'slot', '(was']) expect(text).not.toContain(english);
    expect(html).toContain('data-lang="zh-cn"');
  });

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(KeyMovement, 'en', { caption: 'Caption.' }));
    expect(text).toContain('Backends in the pool');
    expect(text).toContain('keys moved');
  });
});
