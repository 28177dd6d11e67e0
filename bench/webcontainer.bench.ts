/**
 * Boot-to-first-result of the full-Node runner, in Chromium against the built
 * site. WebContainers load their runtime from StackBlitz, so this needs the
 * internet: it runs only with JOURNEY_ONLINE=1 and otherwise says so.
 */
import { launchChromium } from '../src/tooling/chromium.ts';
import { servePreview } from '../src/tooling/preview-server.ts';
import type { Benchmark } from './figure.ts';
import { root } from './process.ts';

export const benchmark: Benchmark = {
  name: 'full-Node runner (online only)',
  async run() {
    if (process.env['JOURNEY_ONLINE'] !== '1') {
      console.log('full-Node runner: not measured (offline; set JOURNEY_ONLINE=1 on a machine that reaches StackBlitz)');
      return [];
    }
    const site = await servePreview(root);
    // Online, the browser must be allowed to fetch StackBlitz's runtime: launch without the quiet-network flags' effect on pages.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}/labs/dns/`);
      await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const started = performance.now();
            const workspace = document.querySelector('lab-workspace')!;
            workspace.addEventListener('graded', () => resolve(performance.now() - started), { once: true });
            document.querySelector<HTMLButtonElement>('[data-part="run-node"]')!.click();
            setTimeout(() => reject(new Error(document.querySelector('[data-part="status"]')?.textContent ?? 'no result')), 90_000);
          }),
      );
      return [{ name: 'DNS lab, click "Run in full Node" to results, cold boot', value: ms, unit: 'ms', target: { op: '<=', value: 20_000 } }];
    } finally {
      await browser.close();
      await site.stop();
    }
  },
};
