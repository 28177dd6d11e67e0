import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { servePreview, type RunningSite } from '../../src/tooling/preview-server.ts';
import { root } from '../support/cli.ts';

let site: RunningSite;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await servePreview(root);
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('the built course site', () => {
  it('renders the DNS chapter with its lab', async () => {
    const response = await page.goto(`${site.url}/chapters/dns/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/DNS/);
    expect(await page.locator('main').textContent()).toMatch(/RFC 1035/);
    expect(await page.locator('.lab-panel').count()).toBe(1);
  });

  it('lists the chapters in the sidebar', async () => {
    await page.goto(`${site.url}/chapters/dns/`);
    const links = await page.locator('#starlight__sidebar a').allTextContents();
    expect(links.map((l) => l.trim())).toEqual(expect.arrayContaining([expect.stringMatching(/DNS/)]));
  });

  it('sends the cross-origin isolation headers, and the build carries them for hosts', async () => {
    for (const path of ['/labs/dns/', '/chapters/dns/']) {
      const response = await page.request.get(`${site.url}${path}`);
      expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    }
    expect(readFileSync(join(root, 'dist', '_headers'), 'utf8')).toContain('Cross-Origin-Embedder-Policy: require-corp');
    const grader = await page.request.get(`${site.url}/webcontainer/grader.mjs`);
    expect(grader.status()).toBe(200);
  });

  it('loads every resource of a chapter page under those headers', async () => {
    const failed: string[] = [];
    // A request the page itself cancels (Starlight prefetching its search UI, then navigating) is not a failure.
    page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failed.push(`${r.failure()?.errorText} ${r.url()}`));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('favicon.svg') && failed.push(`${r.status()} ${r.url()}`));
    await page.goto(`${site.url}/chapters/dns/`, { waitUntil: 'networkidle' });
    expect(failed).toEqual([]);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  });

  it('search finds "TTL"', async () => {
    await page.goto(`${site.url}/chapters/dns/`);
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('#starlight__search input').fill('TTL');
    const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBeTruthy();
  });
});
