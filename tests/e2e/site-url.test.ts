// The built site never points at the machine it was built on: canonical links, og:url and the
// sitemap carry SITE_URL, or are left out when it was not set (tests/site-config.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root } from '../support/cli.ts';

it('no canonical link, og:url or sitemap entry of the build names localhost', () => {
  const dist = join(root, 'dist');
  const pages = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && /\.(html|xml)$/.test(d.name));
  expect(pages.length).toBeGreaterThan(5);
  for (const page of pages) {
    const text = readFileSync(join(page.parentPath, page.name), 'utf8');
    // Prose may mention localhost (`npm run preview`); addresses of the page itself may not.
    const addresses = text.match(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>|<loc>[^<]*<\/loc>/g) ?? [];
    for (const address of addresses) expect(address, page.name).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)[:/]/);
  }
});
