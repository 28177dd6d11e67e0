/** Browser measurements for benchmarks: the JavaScript a page loads, gzipped, as a visitor's browser would fetch it. */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Loads `url` and returns the gzip size (bytes) of every script it fetched until the network was idle. */
export async function scriptBytesOnLoad(page: Page, url: string): Promise<number> {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(response.url())) bodies.push(response.body());
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].filter((s) => !/json/.test(s.getAttribute('type') ?? '')).map((s) => s.textContent ?? ''));
  const all = [...(await Promise.all(bodies)), ...inline.map((t) => Buffer.from(t))];
  return all.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
}
