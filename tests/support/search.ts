/** Searching the built site as a reader does: Starlight's search box, Pagefind's results. */
import type { Locator } from 'playwright-core';
import type { BuiltSite } from './built-site.ts';

/** Opens `path`, searches for `query` and waits for the first result's link. */
export async function firstSearchResult(site: BuiltSite, path: string, query: string): Promise<Locator> {
  await site.page.goto(`${site.url}${path}`);
  // Starlight builds the search box when the page is first idle (Pagefind's UI loads then), which a busy machine delays.
  const input = site.page.locator('#starlight__search input');
  await input.waitFor({ state: 'attached', timeout: 60_000 });
  await site.page.locator('site-search button[data-open-modal]').first().click();
  await input.fill(query);
  const result = site.page.locator('#starlight__search .pagefind-ui__result-link').first();
  await result.waitFor({ timeout: 15_000 });
  return result;
}
