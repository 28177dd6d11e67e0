// The routing chapter's CIDR calculator as the Chinese and English pages render it.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import CidrCalculator from './CidrCalculator.astro';
import { CIDR_EXAMPLE_ADDRESSES, exampleTableAsIpRoute } from './routing-examples.ts';

const props = { table: `${exampleTableAsIpRoute()}\nnonsense here`, address: '10.20.30.40', examples: CIDR_EXAMPLE_ADDRESSES };

describe('the CIDR calculator', () => {
  it('speaks Chinese on a Chinese page: the form, the examples, the worked result and the left-out lines', async () => {
    const html = await renderFigure(CidrCalculator, 'zh-cn', props);
    const text = readerText(html);
    for (const words of ['目的地址', '示例地址', '三个前缀匹配，/24 胜出', '路由表', '每行一条路由', '所选路由的按位与（AND）', '逐条检验每一条路由', '是 —— 被选中', '未计入路由表的行', '第 9 行']) expect(text).toContain(words);
    for (const english of ['Destination address', 'three prefixes match', 'Routing table', 'bitwise AND', 'Every route', 'chosen', 'Lines left out', 'not a destination']) expect(text).not.toContain(english);
    expect(html).toContain('data-lang="zh-cn"');
  });

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(CidrCalculator, 'en', props));
    expect(text).toContain('Destination address');
    expect(text).toContain('three prefixes match; /24 wins');
    expect(text).toContain('yes — chosen');
  });
});
