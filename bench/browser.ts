/** Browser measurements for benchmarks: the JavaScript a page loads, gzipped, as a visitor's browser would fetch it. */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * Loads `url` and returns the gzip size (bytes) of every script it fetched
 * until the network was idle; scripts whose URL matches `apart` (e.g. a Web
 * Worker loaded at idle) are counted separately.
 */
export async function scriptBytesOnLoad(page: Page, url: string, apart?: RegExp): Promise<{ page: number; apart: number }> {
  const bodies: Promise<Buffer>[] = [];
  const apartBodies: Promise<Buffer>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (!(response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(response.url()))) return;
    (apart?.test(response.url()) ? apartBodies : bodies).push(response.body());
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].filter((s) => !/json/.test(s.getAttribute('type') ?? '')).map((s) => s.textContent ?? ''));
  const gzipped = (list: Buffer[]) => list.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  return { page: gzipped([...(await Promise.all(bodies)), ...inline.map((t) => Buffer.from(t))]), apart: gzipped(await Promise.all(apartBodies)) };
}
