// An axe scan of a chapter page and a lab page: no serious or critical violations.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { servePreview, type RunningSite } from '../../src/tooling/preview-server.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  site = await servePreview(join(import.meta.dirname, '..', '..'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(path: string, theme: 'light' | 'dark'): Promise<string[]> {
  const page = await browser.newPage();
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(`${site.url}${path}`);
  if (path.startsWith('/labs/')) await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async (search) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options?: unknown): Promise<{ violations: unknown[] }> } }).axe;
    // Starlight's search button shows its Ctrl K shortcut as text beside the name "Search";
    // a shortcut hint is not part of a label (WCAG 2.5.3), so that one rule skips that one button.
    const page = await axe.run({ exclude: [[search]] });
    const button = await axe.run({ include: [[search]] }, { rules: { 'label-content-name-mismatch': { enabled: false } } });
    return [...page.violations, ...button.violations];
  }, 'button[data-open-modal]')) as Violation[];
  await page.close();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

describe('accessibility (axe)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`the DNS chapter has no serious or critical violations (${theme})`, async () => {
      expect(await seriousViolations('/chapters/dns/', theme)).toEqual([]);
    });
    it(`the DNS lab page has no serious or critical violations (${theme})`, async () => {
      expect(await seriousViolations('/labs/dns/', theme)).toEqual([]);
    });
  }
});
