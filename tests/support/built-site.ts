/**
 * For browser tests: serves the built site and launches Chromium once per
 * file, and gives each test a fresh browser context (its own storage).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { servePreview, type RunningSite } from '../../src/tooling/preview-server.ts';
import { root } from './cli.ts';

export interface BuiltSite {
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Registers the hooks; `prepare` runs on each fresh context before the test. */
export function useBuiltSite(options: BrowserContextOptions = {}, prepare?: (context: BrowserContext, page: Page) => Promise<void>): BuiltSite {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  beforeAll(async () => {
    site = await servePreview(root);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext(options);
    page = await context.newPage();
    await prepare?.(context, page);
  });
  return {
    get url() {
      return site.url;
    },
    get browser() {
      return browser;
    },
    get context() {
      return context!;
    },
    get page() {
      return page;
    },
  };
}
