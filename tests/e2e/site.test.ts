import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/built-site.ts';
import { root } from '../support/cli.ts';
import { firstSearchResult } from '../support/search.ts';
import { en } from '../../src/site/i18n/en.ts';
import { zhCn } from '../../src/site/i18n/zh-cn.ts';

const site = useBuiltSite();

describe('the built course site', () => {
  it('renders the DNS chapter with its lab', async () => {
    const response = await site.page.goto(`${site.url}/chapters/dns/`);
    expect(response?.status()).toBe(200);
    await expect(site.page.locator('h1').first().textContent()).resolves.toMatch(/DNS/);
    expect(await site.page.locator('main').textContent()).toMatch(/RFC 1035/);
    expect(await site.page.locator('.lab-panel').count()).toBe(1);
  });

  it('lists the chapters in the sidebar', async () => {
    await site.page.goto(`${site.url}/chapters/dns/`);
    const links = await site.page.locator('#starlight__sidebar a').allTextContents();
    expect(links.map((l) => l.trim())).toEqual(expect.arrayContaining([expect.stringMatching(/DNS/)]));
  });

  it('sends the cross-origin isolation headers, and the build carries them for hosts', async () => {
    for (const path of ['/labs/dns/', '/chapters/dns/']) {
      const response = await site.page.request.get(`${site.url}${path}`);
      expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    }
    expect(readFileSync(join(root, 'dist', '_headers'), 'utf8')).toContain('Cross-Origin-Embedder-Policy: require-corp');
    const grader = await site.page.request.get(`${site.url}/webcontainer/grader.mjs`);
    expect(grader.status()).toBe(200);
  });

  it('loads every resource of a chapter page under those headers', async () => {
    const failed: string[] = [];
    // A request the page itself cancels (Starlight prefetching its search UI, then navigating) is not a failure.
    site.page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failed.push(`${r.failure()?.errorText} ${r.url()}`));
    site.page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('favicon.svg') && failed.push(`${r.status()} ${r.url()}`));
    await site.page.goto(`${site.url}/chapters/dns/`, { waitUntil: 'networkidle' });
    expect(failed).toEqual([]);
    expect(await site.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  });

  it("ships a chapter page's scripts without the UI catalogues: its figures and sidebar carry the few words they need", async () => {
    const scripts: Promise<string>[] = [];
    // A 3xx has no body: a revalidated script (304) came with its body on the first page, a redirect's target comes next.
    site.page.on('response', (r) => r.request().resourceType() === 'script' && r.ok() && scripts.push(r.text()));
    for (const path of ['/chapters/dns/', '/zh-cn/chapters/dns/']) await site.page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    // Words only the lab page uses, from each language's catalogue.
    for (const word of [en.runTestsTitle, zhCn.runTestsTitle]) expect(bodies.filter((b) => b.includes(word))).toEqual([]);
    // The figures still speak the page's language.
    await site.page.locator('step-through [data-st-next]').first().click();
    expect(await site.page.locator('step-through [data-st-counter]').first().textContent()).toMatch(/^第 2 步，共 \d+ 步$/);
    expect(await site.page.locator('hex-view [data-hx-detail]').first().textContent()).toBe(zhCn.hexHint);
  }, 60_000);

  it('fetches the search UI (Pagefind) only when a reader reaches for search', async () => {
    const fetched: string[] = [];
    site.page.on('request', (r) => fetched.push(r.url()));
    await site.page.goto(`${site.url}/chapters/dns/`, { waitUntil: 'networkidle' });
    const searchUi = () => fetched.filter((url) => /\/_astro\/ui-core\.[\w-]+\.js$/.test(url));
    expect(searchUi()).toEqual([]);
    await site.page.locator('site-search button[data-open-modal]:enabled').first().hover();
    await expect.poll(searchUi, { timeout: 10_000 }).toHaveLength(1);
    expect(await site.page.locator('#starlight__search input').count()).toBe(0);
  }, 60_000);

  it('builds the search box for a reader who opens search before the page is first idle', async () => {
    // Starlight sets the search up when the page is first idle; hold that back until search is open.
    await site.page.addInitScript(() => {
      globalThis.requestIdleCallback = ((callback: () => void) =>
        setTimeout(function wait() {
          if (document.querySelector('site-search dialog[open]')) callback();
          else setTimeout(wait, 50);
        }, 50)) as unknown as typeof requestIdleCallback;
    });
    const result = await firstSearchResult(site, '/chapters/dns/', 'TTL');
    expect(await result.textContent()).toBeTruthy();
  }, 60_000);

  it('search finds "TTL"', async () => {
    const result = await firstSearchResult(site, '/chapters/dns/', 'TTL');
    expect(await result.textContent()).toBeTruthy();
  }, 90_000);
});
