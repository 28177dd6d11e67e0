// An axe scan of every chapter and lab page: no serious or critical violations.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadLabs } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import { useSiteAndBrowser } from '../support/built-site.ts';
import { root } from '../support/cli.ts';
import { runTests } from '../support/lab-page.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// Each scan opens its own page (and context), so scans can run side by side.
const site = useSiteAndBrowser();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Scans `path`; `before` brings the page into a state worth scanning too (e.g. results shown). */
async function seriousViolations(path: string, theme: 'light' | 'dark', width: number, before?: (page: Page) => Promise<unknown>): Promise<string[]> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(`${site.url}${path}`);
  if (/^(\/zh-cn)?\/labs\/[^/]+\/$/.test(path)) await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
  await before?.(page);
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async (search) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options?: unknown): Promise<{ violations: unknown[] }> } }).axe;
    // Starlight's search button shows its Ctrl K shortcut as text beside the name "Search";
    // a shortcut hint is not part of a label (WCAG 2.5.3), so that one rule skips that one button.
    // Only violations are read, so axe need not build the list of passes.
    const only = { resultTypes: ['violations'] };
    const page = await axe.run({ exclude: [[search]] }, only);
    const button = await axe.run({ include: [[search]] }, { ...only, rules: { 'label-content-name-mismatch': { enabled: false } } });
    return [...page.violations, ...button.violations];
  }, 'button[data-open-modal]')) as Violation[];
  await page.close();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

const chapters = readdirSync(join(root, 'content', 'chapters')).map((f) => `/chapters/${f.replace(/\.mdx?$/, '')}/`);
const labPages = loadLabs(coursePaths()).map((lab) => `/labs/${lab.id}/`);
const english = [...chapters, ...labPages, '/', '/labs/'];
// The Chinese site has the same pages under /zh-cn/ (tests/translations.test.ts checks each one exists).
const chinese = english.map((path) => `/zh-cn${path}`);

// Every page on a laptop in light mode and on a phone in dark mode. The Chinese pages share every stylesheet
// and colour with the English ones, so a theme's contrast is checked once, in English; what the language
// changes is text and layout (longer captions that make a region scroll), which the phone shows first.
// Concurrent (the config's maxConcurrency pages at once): each scan keeps one renderer busy on one core.
const scans = [
  ...english.flatMap((path) => [[path, 'light', 1280], [path, 'dark', 390]] as const),
  ...chinese.map((path) => [path, 'dark', 390] as const),
];
describe.concurrent('accessibility (axe)', () => {
  for (const [path, theme, width] of scans) {
    it(`${path} has no serious or critical violations (${theme}, ${width} px)`, async ({ expect }) => {
      expect(await seriousViolations(path, theme, width)).toEqual([]);
    });
  }
});

// The results panel only exists after a run: scan a lab page showing a failing run's results too.
describe('accessibility (axe) after a failing run', () => {
  for (const [theme, width] of [['light', 1280], ['dark', 390]] as const) {
    it(`/labs/dns/ with results has no serious or critical violations (${theme}, ${width} px)`, async () => {
      expect(await seriousViolations('/labs/dns/', theme, width, runTests)).toEqual([]);
    });
  }
});

// TypeScript's problems only show after an edit: scan a lab page with a type error underlined and listed.
describe('accessibility (axe) with a type error in the editor', () => {
  for (const [theme, width] of [['light', 1280], ['dark', 390]] as const) {
    it(`/labs/dns/ with a problem listed has no serious or critical violations (${theme}, ${width} px)`, async () => {
      const typeError = async (page: Page) => {
        await page.click('.cm-content');
        await page.keyboard.press('Control+End');
        await page.keyboard.type("const wrong: number = 'text';\n");
        await page.waitForSelector('[data-part="problems"] .lw-problem', { state: 'attached', timeout: 60_000 });
      };
      expect(await seriousViolations('/labs/dns/', theme, width, typeError)).toEqual([]);
    });
  }
});

// The journey chapter's panel shows a run's figures and downloads only after a run: scan the chapter with one shown.
describe('accessibility (axe) after a journey run', () => {
  for (const [theme, width] of [['light', 1280], ['dark', 390]] as const) {
    it(`/chapters/journey/ with a run shown has no serious or critical violations (${theme}, ${width} px)`, async () => {
      const run = async (page: Page) => {
        await page.click('.rj [data-part="run"]');
        await page.waitForSelector('.rj [data-part="result"]:not([hidden])', { state: 'attached', timeout: 120_000 });
      };
      expect(await seriousViolations('/chapters/journey/', theme, width, run)).toEqual([]);
    }, 180_000);
  }
});
