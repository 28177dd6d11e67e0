// The full-Node runner's failure paths in a real browser. WebContainers cannot
// boot here (their runtime loads from StackBlitz), so these tests block or
// break the boot on purpose and check the learner is told why, keeps the
// worker runner, and loses nothing.
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/built-site.ts';

// Nothing may reach StackBlitz from a test: the boot is blocked, as an ad blocker or a CSP would.
const site = useBuiltSite({}, async (context) => {
  await context.route(/stackblitz\.com|staticblitz\.com|webcontainer\.io/, (route) => route.abort());
});

async function statusAfterFullNode(): Promise<string> {
  await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
  await site.page.click('[data-part="run-node"]');
  await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.getAttribute('data-kind') === 'error', undefined, { timeout: 30_000 });
  return (await site.page.textContent('[data-part="status"]')) ?? '';
}

async function workerStillGrades(): Promise<void> {
  await site.page.click('[data-part="run"]');
  await site.page.waitForSelector('.results', { state: 'attached' });
  expect(await site.page.textContent('.results .summary')).toContain('run by the browser worker');
}

describe('full Node when it cannot run', () => {
  it('is cross-origin isolated on the lab page (the headers work)', async () => {
    await site.page.goto(`${site.url}/labs/dns/`);
    expect(await site.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  });

  it('explains a boot that never finishes, and the worker runner still grades', async () => {
    await site.page.addInitScript(() => localStorage.setItem('packet-journey:boot-timeout-ms', '3000'));
    // The runtime's host answers (so the page cannot tell it is blocked), but the boot frame never loads.
    await site.page.route(/stackblitz\.com\/headless$/, (route) => route.fulfill({ status: 200, headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' }, body: '' }));
    await site.page.goto(`${site.url}/labs/dns/`);
    const status = await statusAfterFullNode();
    expect(status).toMatch(/Full Node could not run: Node did not start within 3 s\. An ad or script blocker/);
    expect(status).toContain('npx journey grade dns');
    await workerStillGrades();
  });

  it('fails fast when the runtime cannot be reached, and no run button looks enabled meanwhile', async () => {
    // The default boot limit (45 s) stays: the page must notice the failed request itself.
    await site.page.goto(`${site.url}/labs/dns/`);
    await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    // Records, at every step the status shows while full Node starts, whether "Run tests" could be pressed.
    await site.page.evaluate(() => {
      const seen: boolean[] = ((globalThis as unknown as { runEnabledWhileBooting: boolean[] }).runEnabledWhileBooting = []);
      const status = document.querySelector('[data-part="status"]')!;
      new MutationObserver(() => {
        if (status.textContent?.startsWith('Full Node:')) seen.push(!document.querySelector<HTMLButtonElement>('[data-part="run"]')!.disabled);
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await site.page.click('[data-part="run-node"]');
    await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.getAttribute('data-kind') === 'error', undefined, { timeout: 30_000 });
    expect(await site.page.textContent('[data-part="status"]')).toMatch(/Full Node could not run: Node could not start: the request to StackBlitz .* failed\..*npx journey grade dns/);
    const enabled = await site.page.evaluate(() => (globalThis as unknown as { runEnabledWhileBooting: boolean[] }).runEnabledWhileBooting);
    expect(enabled.length).toBeGreaterThan(0);
    expect(enabled).not.toContain(true);
    // The boot still under way in the background (its frame is inserted right after its "booting" step)
    // does not cover the message with that step.
    await site.page.waitForSelector('iframe[src*="/headless"]', { state: 'attached' });
    expect(await site.page.getAttribute('[data-part="status"]', 'data-kind')).toBe('error');
    await workerStillGrades();
  });

  it('explains a page that is not cross-origin isolated', async () => {
    await site.page.route(`${site.url}/labs/dns/`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    await site.page.goto(`${site.url}/labs/dns/`);
    expect(await site.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    expect(await statusAfterFullNode()).toMatch(/not cross-origin isolated .*Cross-Origin-Embedder-Policy: require-corp/);
    await workerStillGrades();
  });

  it('says so in Chinese on the Chinese lab page, and a zip it cannot import too', async () => {
    await site.page.route(`${site.url}/zh-cn/labs/dns/`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    await site.page.goto(`${site.url}/zh-cn/labs/dns/`);
    expect(await statusAfterFullNode()).toMatch(/^此处无法使用完整 Node：此页面没有跨源隔离（没有 SharedArrayBuffer）.*Cross-Origin-Embedder-Policy: require-corp.*在你的电脑上运行 `npx journey grade <lab>`/);
    await site.page.setInputFiles('[data-part="import-file"]', { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not really a zip') });
    await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.textContent?.startsWith('无法导入'));
    expect(await site.page.textContent('[data-part="status"]')).toMatch(/^无法导入 broken\.zip：这不是可读取的 zip 文件（.*）。你的文件没有改动。$/);
  });

  it('explains being offline, and the worker (loaded while online) still grades', async () => {
    const scripts: string[] = [];
    const record = (request: Request) => void scripts.push(new URL(request.url()).pathname);
    site.page.on('request', record);
    // The worker prefetches the packages the DNS tests import (fast-check), so it grades offline; never another lab's.
    const prefetched = site.page.waitForRequest(/\/_astro\/fast-check-[\w-]+\.js$/);
    await site.page.goto(`${site.url}/labs/dns/`, { waitUntil: 'networkidle' });
    await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    await prefetched;
    site.page.off('request', record);
    expect(scripts.filter((path) => /\/http-cache-semantics-/.test(path))).toEqual([]);
    await site.context.setOffline(true);
    expect(await statusAfterFullNode()).toContain('You are offline');
    await workerStillGrades();
    await site.context.setOffline(false);
  });
});
