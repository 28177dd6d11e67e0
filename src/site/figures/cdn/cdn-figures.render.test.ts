// The CDN chapter's cache decision box as the Chinese and English pages render it.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import CacheDecision from './CacheDecision.astro';

const props = { response: 'Cache-Control: public, max-age=60', elapsed: 30, examples: [{ label: '新鲜命中', response: 'Cache-Control: max-age=5' }] };

describe('the cache decision box', () => {
  it('speaks Chinese on a Chinese page: the form, the worked example and the reference cache\'s answer', async () => {
    const html = await renderFigure(CacheDecision, 'zh-cn', props);
    const text = readerText(html);
    for (const words of ['示例响应', '响应的首部字段', '后续请求的首部字段', '在到达 30 s 后再次被请求', '由缓存直接提供', '新鲜期（§4.2.1）', '缓存会怎么做']) expect(text).toContain(words);
    for (const english of ['Example responses', 'header fields', 'Worked example', 'Served from', 'Freshness lifetime', 'What the cache does']) expect(text).not.toContain(english);
    expect(html, 'the client script writes its verdicts in the language the page gives it').toContain('data-lang="zh-cn"');
  });

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(CacheDecision, 'en', props));
    expect(text).toContain('Served from the cache: fresh for another 30 s.');
    expect(text).toContain('Response header fields');
  });
});
