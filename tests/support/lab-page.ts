/** Drives a built lab page as a learner would: import files through the page's own Import button, run the tests. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadLab } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import { workspaceZip } from '../../src/course/workspace-zip.ts';

/** A lab's learner files as one of its copies has them. */
export function labFiles(lab: string, copy: 'starter' | 'solution'): Record<string, string> {
  const { manifest, dir } = loadLab(coursePaths(), lab);
  return Object.fromEntries(manifest.files.map((f) => [f, readFileSync(join(dir, copy, f), 'utf8')]));
}

/** Opens a lab page and waits until the workspace is ready. */
export async function openLab(page: Page, url: string, lab: string): Promise<void> {
  await page.goto(`${url}/labs/${lab}/`);
  await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
}

/** Imports learner files through the page's Import button and waits for the page to confirm. */
export async function importFiles(page: Page, lab: string, files: Record<string, string>, name = 'work.zip'): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'journey-zip-')), name);
  writeFileSync(path, workspaceZip(lab, files));
  // An earlier import's message would satisfy the wait below.
  await page.evaluate(() => (document.querySelector('[data-part="status"]')!.textContent = ''));
  await page.setInputFiles('[data-part="import-file"]', path);
  await page.waitForFunction(() => document.querySelector('[data-part="status"]')?.textContent?.includes('import'));
}

/** Clicks Run tests and waits for the new result; returns the results panel's text. */
export async function runTests(page: Page): Promise<string> {
  await page.evaluate(() => document.querySelector('.results')?.remove());
  await page.click('[data-part="run"]');
  await page.waitForSelector('.results', { state: 'attached' });
  await page.waitForSelector('lab-workspace:not([data-running])', { state: 'attached', timeout: 30_000 });
  return (await page.textContent('.results')) ?? '';
}
