// The Chinese site under /zh-cn/: Starlight's language picker and UI, the course's own lab pages and results
// panel in Chinese, the sidebar's links kept in Chinese, and Pagefind finding Chinese words.
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/built-site.ts';
import { runTests } from '../support/lab-page.ts';
import { firstSearchResult } from '../support/search.ts';

const site = useBuiltSite();

describe('the Chinese site', () => {
  it('serves the lab page in Chinese: the stages from the manifest, the toolbar from the catalogue', async () => {
    const response = await site.page.goto(`${site.url}/zh-cn/labs/dns/`);
    expect(response?.status()).toBe(200);
    expect(await site.page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await site.page.locator('h1').first().textContent()).toContain('DNS：编解码器、解析器与权威服务器');
    expect(await site.page.locator('.lw-stage-title').first().textContent()).toContain('首部与问题');
    expect(await site.page.locator('[data-part="run-label"]').textContent()).toBe('运行测试');
    expect(await site.page.getAttribute('[data-part="reset-lab"]', 'aria-label')).toBe('把整个实验重置为初始代码');
  });

  it('offers the language picker on every page, English first', async () => {
    for (const path of ['/zh-cn/labs/dns/', '/chapters/dns/', '/zh-cn/chapters/tcp/']) {
      await site.page.goto(`${site.url}${path}`);
      const options = await site.page.locator('starlight-lang-select select').first().locator('option').allTextContents();
      expect(options.map((o) => o.trim())).toEqual(['English', '简体中文']);
    }
  });

  it('keeps the sidebar in Chinese: translated group labels, and Labs pointing at the Chinese lab list', async () => {
    await site.page.goto(`${site.url}/zh-cn/chapters/dns/`);
    const sidebar = (await site.page.locator('#starlight__sidebar').textContent()) ?? '';
    for (const label of ['从这里开始', '旅程', '实验']) expect(sidebar).toContain(label);
    expect(await site.page.locator('#starlight__sidebar a', { hasText: '实验' }).last().getAttribute('href')).toBe('/zh-cn/labs/');
    await site.page.goto(`${site.url}/zh-cn/labs/`);
    expect(await site.page.locator('.lab-list a').first().getAttribute('href')).toBe('/zh-cn/labs/layers/');
  });

  it('grades in Chinese: the results panel\'s summary and stage names', async () => {
    await site.page.goto(`${site.url}/zh-cn/labs/dns/`);
    await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    const text = await runTests(site.page);
    expect(text).toMatch(/\d+\/\d+ 分/);
    expect(text).toContain('首部与问题');
    expect(text).toContain('浏览器 Worker');
  }, 90_000);

  it('search finds Chinese words on the Chinese site', async () => {
    const result = await firstSearchResult(site, '/zh-cn/labs/', '迭代解析器');
    expect(await result.getAttribute('href')).toMatch(/^\/zh-cn\//);
    // Pagefind's own words too: Starlight's Chinese leaves them English, the course's i18n entry does not.
    expect(await site.page.locator('#starlight__search .pagefind-ui__message').textContent()).toMatch(/^找到 \d+ 个 迭代解析器 的结果$/);
  }, 90_000);
});
