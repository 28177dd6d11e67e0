/**
 * For browser tests: serves the built site and launches Chromium once per
 * file, and gives each test a fresh browser context (its own storage). On a
 * machine without Chromium the file's tests skip (and fail under CI).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { servePreview, type RunningSite } from '../../src/tooling/preview-server.ts';
import { root } from './cli.ts';
import { hasTool, needsTool } from './host-tools.ts';

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
  const browserless = !hasTool('chromium') && !process.env['CI'];
  needsTool('chromium');
  beforeAll(async () => {
    if (browserless) return;
    site = await servePreview(root);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });
  beforeEach(async () => {
    if (browserless) return;
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
