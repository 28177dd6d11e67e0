// The in-browser lab workspace, driven as a learner would in Chromium.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import type { GradeResult } from '../../src/runners/result.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { journey, tempWorkspace } from '../support/cli.ts';
import { importFiles as importInto, labFiles, runTests } from '../support/lab-page.ts';

const lab = loadLab(coursePaths(), 'dns');
const solution = labFiles('dns', 'solution');
const starterHeader = readFileSync(join(lab.dir, 'starter', 'header.ts'), 'utf8');

const site = useBuiltSite({ acceptDownloads: true, viewport: { width: 1400, height: 900 } }, async (_context, page) => {
  await page.goto(`${site.url}/labs/dns/`);
  await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
});

const importFiles = (files: Record<string, string>) => importInto(site.page, 'dns', files);
const run = () => runTests(site.page);

function stageSummary(id: string) {
  return site.page.locator(`.results [data-stage="${id}"] > summary`).textContent();
}

/** The learner's files as the page saved them in IndexedDB (idb-keyval's store). */
async function savedFiles(): Promise<Record<string, string>> {
  return site.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('packet-journey');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('workspace').objectStore('workspace').get('files:dns');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function editorText(): Promise<string> {
  return site.page.evaluate(() => document.querySelector('.cm-content')!.textContent ?? '');
}

describe('the DNS lab in the browser', () => {
  it('grades the solution: every pure stage passes, the host stage is left to the local grader', async () => {
    await importFiles(solution);
    const text = await run();
    expect(text).toContain('90/100 points');
    for (const stage of lab.manifest.stages.filter((s) => s.runsIn === 'pure')) {
      expect(await stageSummary(stage.id)).toContain(`${stage.points}/${stage.points}`);
    }
    expect(await stageSummary('wire')).toContain('needs your own machine');
    // The chapter's sidebar entry and the lab list show the progress.
    await site.page.goto(`${site.url}/chapters/dns/`);
    const badge = site.page.locator('#starlight__sidebar .journey-progress').first();
    expect(await badge.textContent()).toBe('90/100');
    expect(await badge.getAttribute('title')).toBe('Lab dns: 90 of 100 points in this browser');
    await site.page.goto(`${site.url}/labs/`);
    expect(await site.page.locator('[data-lab-progress="dns"]').textContent()).toBe('90/100 points');
  });

  it('names the failing test and shows its byte diagnostic when one function is broken', async () => {
    await importFiles({ ...solution, 'header.ts': solution['header.ts']!.replace('(Number(header.rd) << 8)', '(Number(header.rd) << 9)') });
    await run();
    const failing = site.page.locator('.results .test-failed', { hasText: 'puts RD in bit 8 of the flags word' });
    await expect(failing.count()).resolves.toBe(1);
    expect(await failing.textContent()).toContain('differ at offset 2 (field header.flags');
    expect(await stageSummary('names')).toContain('20/20');
  });

  it('stops an infinite loop, names the test, and keeps the page responsive', async () => {
    const looping = solution['header.ts']!.replace(/export function encodeHeader\(([^)]*)\)([^{]*)\{/, 'export function encodeHeader($1)$2{ while (true) {}');
    expect(looping).not.toBe(solution['header.ts']);
    await importFiles({ ...solution, 'header.ts': looping });
    await site.page.click('[data-part="run"]');
    // While the worker spins, the page still answers.
    await site.page.click('.tab[data-file="name.ts"]');
    expect(await site.page.locator('.tab[data-file="name.ts"]').getAttribute('aria-pressed')).toBe('true');
    await site.page.waitForSelector('lab-workspace:not([data-running])', { state: 'attached', timeout: 30_000 });
    const text = (await site.page.textContent('.results')) ?? '';
    expect(text).toMatch(/did not finish within 5 s and was stopped/);
    // The hung test is named, and the stage's later tests are listed as not run.
    expect(text).toMatch(/1 hung · \d+ not run/);
    // The other stages were graded in a fresh worker.
    expect(await stageSummary('names')).toContain('20/20');
  });

  it('keeps edits across a reload', async () => {
    await site.page.click('.cm-content');
    await site.page.keyboard.press('Control+Home');
    await site.page.keyboard.type('// my note 4217\n');
    await site.page.waitForFunction(() => document.querySelector('[data-part="saved"]')?.textContent?.includes('saved'));
    await site.page.reload();
    await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    expect(await editorText()).toContain('// my note 4217');
  });

  it('resets the lab and undoes the reset', async () => {
    await importFiles({ ...solution });
    await site.page.click('[data-part="reset-lab"]');
    // The status appears once the files are saved.
    await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.textContent?.includes('reset the lab'));
    expect((await savedFiles())['header.ts']).toBe(starterHeader);
    await site.page.click('[data-part="undo"]');
    await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.textContent?.startsWith('Undone'));
    expect((await savedFiles())['header.ts']).toBe(solution['header.ts']);
    // The editor shows the restored file, not only the store.
    await site.page.reload();
    await site.page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    expect((await savedFiles())['header.ts']).toBe(solution['header.ts']);
  });

  it('exports a zip that journey grades to the same stage scores', async () => {
    const broken = { ...solution, 'name.ts': solution['name.ts']!.replace(/0xc0/gi, '0x80') };
    await importFiles(broken);
    await run();
    const shown = await site.page.evaluate(() =>
      [...document.querySelectorAll('.results [data-stage]')].map((s) => [s.getAttribute('data-stage'), s.querySelector('.points')?.textContent]),
    );
    const download = site.page.waitForEvent('download');
    await site.page.click('[data-part="export"]');
    const zip = join(mkdtempSync(join(tmpdir(), 'journey-export-')), 'dns.zip');
    await (await download).saveAs(zip);

    const workspace = tempWorkspace();
    expect(journey(['import', zip], { workspace }).code).toBe(0);
    const result = JSON.parse(journey(['grade', 'dns', '--json'], { workspace }).stdout) as GradeResult;
    for (const [id, points] of shown) {
      const stage = result.stages.find((s) => s.id === id)!;
      if (stage.runsIn === 'pure') expect(`${stage.earned}/${stage.points}`, `stage ${id}`).toBe(points);
    }
    expect(result.score).toBeLessThan(result.max);
  });

  it('rejects a broken zip with a clear message and leaves the work alone', async () => {
    const before = await editorText();
    const dir = mkdtempSync(join(tmpdir(), 'journey-zip-'));
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 this is not really a zip');
    await site.page.setInputFiles('[data-part="import-file"]', join(dir, 'broken.zip'));
    await site.page.waitForFunction(() => document.querySelector('[data-part="status"]')?.getAttribute('data-kind') === 'error');
    expect(await site.page.textContent('[data-part="status"]')).toMatch(/Could not import broken.zip: .*Your files are unchanged/);
    expect(await editorText()).toBe(before);
  });
});
