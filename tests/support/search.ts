/** Searching the built site as a reader does: Starlight's search box, Pagefind's results. */
import type { Locator } from 'playwright-core';
import type { BuiltSite } from './built-site.ts';

/** Opens `path`, searches for `query` and waits for the first result's link. */
export async function firstSearchResult(site: BuiltSite, path: string, query: string): Promise<Locator> {
  await site.page.goto(`${site.url}${path}`);
  // The button works once Starlight's search script has run; the search box is built when search first opens.
  await site.page.locator('site-search button[data-open-modal]:enabled').first().click({ timeout: 60_000 });
  const input = site.page.locator('#starlight__search input');
  await input.waitFor({ timeout: 15_000 });
  // The reader types straight away: the box has the focus once it is built.
  await site.page.waitForFunction(() => document.activeElement?.matches('#starlight__search input'), undefined, { timeout: 5_000 });
  await input.fill(query);
  const result = site.page.locator('#starlight__search .pagefind-ui__result-link').first();
  await result.waitFor({ timeout: 15_000 });
  return result;
}
