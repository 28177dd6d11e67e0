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

/** The served site and the file's browser, without a context per test. */
export interface SiteAndBrowser {
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Registers only the file's hooks: for tests that open their own pages
 * (`browser.newPage()` makes a context per page), so tests marked concurrent
 * share no per-test state that one could close under another.
 */
export function useSiteAndBrowser(): SiteAndBrowser & { readonly browserless: boolean } {
  let site: RunningSite;
  let browser: Browser;
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
  return {
    browserless,
    get url() {
      return site.url;
    },
    get browser() {
      return browser;
    },
  };
}

/** Registers the hooks; `prepare` runs on each fresh context before the test. */
export function useBuiltSite(options: BrowserContextOptions = {}, prepare?: (context: BrowserContext, page: Page) => Promise<void>): BuiltSite {
  const shared = useSiteAndBrowser();
  let context: BrowserContext | undefined;
  let page: Page;
  beforeEach(async () => {
    if (shared.browserless) return;
    await context?.close();
    context = await shared.browser.newContext(options);
    page = await context.newPage();
    await prepare?.(context, page);
  });
  return {
    get url() {
      return shared.url;
    },
    get browser() {
      return shared.browser;
    },
    get context() {
      return context!;
    },
    get page() {
      return page;
    },
  };
}
