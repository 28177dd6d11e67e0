// The lab page as a learner meets it on a laptop and on a phone: readable failures, a page that keeps its
// size, results that come into view and are announced, progress kept across visits, hints one at a time,
// and the workspace's panes, file tree and toolbar.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadLabs } from '../../src/course/labs.ts';
import { coursePaths } from '../../src/course/paths.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { importFiles, labFiles, openLab, runTests } from '../support/lab-page.ts';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const solution = labFiles('dns', 'solution');
/** The DNS solution with the RD bit shifted one place too far: the lab kit's hex diagnostic. */
const brokenRd = { ...solution, 'header.ts': solution['header.ts']!.replace('(Number(header.rd) << 8)', '(Number(header.rd) << 9)') };

const site = useBuiltSite();

async function page(viewport: { width: number; height: number }): Promise<Page> {
  await site.page.setViewportSize(viewport);
  return site.page;
}

/** Prose blocks of failure messages that are wider than their box (text cut off or hidden behind a scrollbar). */
function clippedProse(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.results .message .prose')]
      .filter((el) => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent!.slice(0, 80)),
  );
}

describe('failure messages', () => {
  for (const viewport of [LAPTOP, PHONE]) {
    it(`are readable in full at ${viewport.width} px, with the hex rows scrolling on their own`, async () => {
      const p = await page(viewport);
      await openLab(p, site.url, 'dns');
      await importFiles(p, 'dns', brokenRd);
      await runTests(p);
      await p.click('.results [data-stage="header-question"] > summary').catch(() => undefined);
      // Open every stage so every message is laid out.
      await p.evaluate(() => document.querySelectorAll('.results details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await clippedProse(p)).toEqual([]);
      const failing = p.locator('.results .test-failed', { hasText: 'puts RD in bit 8 of the flags word' });
      // The key line wraps with the prose; the hex rows keep their alignment.
      expect(await failing.locator('.prose').first().textContent()).toMatch(/differ at offset 2 \(field header\.flags[^)]*\): expected 0x[0-9a-f]{2}, got 0x[0-9a-f]{2}/);
      expect(await failing.locator('pre.aligned .hex-expected').count()).toBe(1);

      await importFiles(p, 'dns', labFiles('dns', 'starter'));
      await runTests(p);
      await p.evaluate(() => document.querySelectorAll('.results details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await clippedProse(p)).toEqual([]);
    });
  }

  it('show each distinct message once per stage, and open only the first unfinished stage', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    await runTests(p);
    expect(await p.$$eval('.results details.stage[open]', (open) => open.map((d) => d.getAttribute('data-stage')))).toEqual(['header-question']);
    expect(await p.$$eval('[data-stage-item][aria-current="step"]', (all) => all.map((li) => li.getAttribute('data-stage-item')))).toEqual(['header-question']);
    const messages = await p.$$eval('.results [data-stage="header-question"] .test > .message', (all) => all.map((m) => m.textContent));
    expect(new Set(messages).size).toBe(messages.length);
    expect(await p.textContent('.results [data-stage="header-question"]')).toMatch(/The same error in \d+ more tests/);
    // Counts by status, not "x of y failing".
    expect(await p.textContent('.results [data-stage="header-question"] .note')).toMatch(/^\d+ failed$/);
  });
});

describe('the page after a failing run', () => {
  it('does not grow below the workspace (no white void) on a laptop or a phone', async () => {
    for (const viewport of [LAPTOP, PHONE]) {
      const p = await page(viewport);
      await openLab(p, site.url, 'tcp');
      await runTests(p);
      const { height, workspaceBottom } = await p.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        workspaceBottom: document.querySelector('lab-workspace')!.getBoundingClientRect().bottom + scrollY,
      }));
      // What is below the workspace is the page's own bottom margin, not escaped text.
      expect(height - workspaceBottom, `${viewport.width} px`).toBeLessThan(200);
      if (viewport === LAPTOP) expect(height).toBeLessThanOrEqual(LAPTOP.height);
    }
  });

  it('on a phone: shows the result summary on screen, focused and announced, with the page as the one scroll box', async () => {
    const p = await page(PHONE);
    await openLab(p, site.url, 'dns');
    await p.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await runTests(p);
    const summary = await p.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.results .summary')!;
      const box = el.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, focused: document.activeElement === el, text: el.textContent };
    });
    expect(summary.top).toBeGreaterThanOrEqual(0);
    expect(summary.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(summary.focused).toBe(true);
    expect(await p.textContent('[data-part="announce"]')).toMatch(/^0\/100 points: 0 of 5 stages passed/);
    // No box inside the workspace scrolls vertically of its own.
    for (const view of ['stages', 'code', 'results']) {
      await p.click(`[data-view-button="${view}"]`);
      const scrollers = await p.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('lab-workspace *')]
          .filter((el) => el.getClientRects().length && el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))
          .map((el) => el.className),
      );
      expect(scrollers, view).toEqual([]);
    }
  });

  it('announces the summary only, not the whole results panel', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    await runTests(p);
    // (CodeMirror's own announcer inside the editor speaks only for editor commands.)
    const live = await p.$$eval('lab-workspace :is([aria-live], [role="status"]):not(.cm-editor *)', (all) => all.map((el) => el.getAttribute('data-part')));
    expect(live.sort()).toEqual(['announce', 'status']);
    expect(await p.textContent('[data-part="announce"]')).toBe((await p.textContent('.results .summary'))!.replace(/^(\S+ points) /, '$1: '));
  });
});

describe('coming back to a lab', () => {
  it('shows the last results and stage badges after a reload, and keeps the best score beside the latest', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    await importFiles(p, 'dns', solution);
    await runTests(p);
    await importFiles(p, 'dns', brokenRd);
    const latest = await runTests(p);
    const latestScore = /(\d+)\/100 points/.exec(latest)![1];
    expect(Number(latestScore)).toBeLessThan(90);
    await p.reload();
    await p.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    expect(await p.textContent('.results .summary')).toContain(`${latestScore}/100 points`);
    expect(await p.textContent('.results .restored')).toContain('Your last run');
    expect(await p.textContent('[data-stage-badge="names"]')).toBe('20/20');
    await p.goto(`${site.url}/labs/`);
    expect(await p.textContent('[data-lab-progress="dns"]')).toBe(`90/100 points (latest run ${latestScore})`);
  });
});

describe('a new result', () => {
  /** Clicks Run tests and waits for the result, leaving the panel as it was until the result replaces it. */
  async function runOver(p: Page): Promise<void> {
    const graded = p.evaluate(() => new Promise<void>((resolve) => document.querySelector('lab-workspace')!.addEventListener('graded', () => resolve(), { once: true })));
    await p.click('[data-part="run"]');
    await graded;
  }

  const sections = (p: Page) => p.$$eval('.results details.stage', (all) => all.map((s) => s.outerHTML));

  it('redraws only the stages whose results changed, and reads as a fresh drawing of the result', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    await importFiles(p, 'dns', solution);
    await runTests(p);
    await p.evaluate(() => document.querySelectorAll('.results details.stage').forEach((s) => s.setAttribute('data-drawn-before', '')));
    await importFiles(p, 'dns', brokenRd);
    await runOver(p);
    const kept = await p.$$eval('.results details.stage[data-drawn-before]', (all) => all.map((s) => s.getAttribute('data-stage')));
    // The wire stage is not run in a browser either time; the header stage now fails.
    expect(kept).toContain('wire');
    expect(kept).not.toContain('header-question');
    expect(await p.textContent('.results .summary')).not.toContain('90/100');
    await p.evaluate(() => document.querySelectorAll('.results [data-drawn-before]').forEach((s) => s.removeAttribute('data-drawn-before')));
    const inPlace = await sections(p);
    // After a reload the page draws the same (last) result from scratch.
    await p.reload();
    await p.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    expect(await sections(p)).toEqual(inPlace);
  });
});

describe('hints', () => {
  it('are revealed one at a time', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    const hints = p.locator('[data-hints="header-question"]');
    const visible = () => hints.locator('li:not([hidden])').count();
    expect(await visible()).toBe(0);
    await hints.locator('button').click();
    expect(await visible()).toBe(1);
    expect(await hints.locator('button').textContent()).toMatch(/^Another hint \(2 of \d\)$/);
    await hints.locator('button').click();
    expect(await visible()).toBe(2);
  });
});

describe('finding one’s way', () => {
  const labs = loadLabs(coursePaths());

  it('titles a lab page once, and links back to the lab list and on to the next lab', async () => {
    const p = await page(LAPTOP);
    for (const [i, lab] of labs.entries()) {
      await p.goto(`${site.url}/labs/${lab.id}/`);
      expect(await p.textContent('h1')).toBe(lab.manifest.title);
      expect(await p.locator('lab-workspace a[href="/labs/"]').count()).toBeGreaterThan(0);
      const next = labs[i + 1];
      expect(await p.locator(`lab-workspace a[href="/labs/${next?.id}/"]`).count()).toBe(next ? 1 : 0);
    }
  });

  it('numbers labs by chapter on the lab list, which has no empty “On this page” column', async () => {
    const p = await page(LAPTOP);
    await p.goto(`${site.url}/labs/`);
    expect(await p.$$eval('.lab-chapter', (all) => all.map((el) => el.textContent))).toEqual(labs.map((l) => `Chapter ${l.chapter}`));
    expect(await p.locator('starlight-toc').count()).toBe(0);
  });
});

describe('the workspace as a tool', () => {
  it('shows files in labelled groups: the learner’s files, then the given files and the tests, read only', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    expect(await p.$$eval('[data-part="tree"] summary', (all) => all.map((s) => s.textContent))).toEqual(['Your files', 'Given (read only)', 'Tests (read only)']);
    for (const [group, file] of [['Given (read only)', 'given/bytes.ts'], ['Tests (read only)', 'tests/header-question.test.ts']]) {
      await p.click(`[data-part="tree"] [data-group="${group}"] summary`);
      await p.click(`.tab[data-file="${file}"]`);
      expect(await p.getAttribute('.cm-content', 'aria-label')).toBe(`${file} (read only)`);
      expect(await p.getAttribute('.cm-content', 'contenteditable')).toBe('false');
    }
  });

  it('remembers pane sizes across a reload', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    const width = () => p.$eval('[data-pane="stages"]', (el) => el.getBoundingClientRect().width);
    const before = await width();
    await p.focus('[data-splitter="left"]');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(await width()).toBeGreaterThan(before + 40);
    await p.reload();
    await p.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    expect(await width()).toBeGreaterThan(before + 40);
  });

  it('names every toolbar button, and does not soft-wrap code', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    const names = await p.$$eval('[role="toolbar"] button', (all) => all.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
    expect(names.every((n) => n.length > 2)).toBe(true);
    expect(await p.locator('.cm-content.cm-lineWrapping').count()).toBe(0);
  });

  it('opens the file and line a load error names', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    const lines = solution['name.ts']!.split('\n');
    const broken = lines.findIndex((l) => l.startsWith('export function'));
    lines[broken] = `${lines[broken]} )(`;
    await importFiles(p, 'dns', { ...solution, 'name.ts': lines.join('\n') });
    await runTests(p);
    await p.click('.results .goto[data-goto="name.ts"]');
    expect(await p.getAttribute('.tab[data-file="name.ts"]', 'aria-pressed')).toBe('true');
    expect(await p.textContent('.cm-activeLine')).toContain(lines[broken]!.slice(0, 30));
  });

  it('opens the learner\'s line that threw, from the results', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    const lines = solution['header.ts']!.split('\n');
    const at = lines.findIndex((l) => l.startsWith('export function encodeHeader')) + 1;
    lines.splice(at, 0, "  if (header.id === 0) throw new RangeError('id 0 is not allowed');");
    await importFiles(p, 'dns', { ...solution, 'header.ts': lines.join('\n') });
    await runTests(p);
    const thrown = p.locator('.results .message', { hasText: 'RangeError: id 0 is not allowed' }).first();
    await thrown.locator(`.goto[data-goto="header.ts"][data-line="${at + 1}"]`).click();
    expect(await p.getAttribute('.tab[data-file="header.ts"]', 'aria-pressed')).toBe('true');
    expect(await p.textContent('.cm-activeLine')).toContain('id 0 is not allowed');
  });

  for (const viewport of [LAPTOP, PHONE]) {
    it(`opens a failing test at its own line, from the results, at ${viewport.width} px`, async () => {
      const p = await page(viewport);
      await openLab(p, site.url, 'dns');
      await importFiles(p, 'dns', brokenRd);
      await runTests(p);
      if (viewport === PHONE) expect(await p.getAttribute('lab-workspace', 'data-view')).toBe('results');
      const failing = p.locator('.results .test-failed', { hasText: 'puts RD in bit 8 of the flags word' });
      await failing.locator('.goto[data-goto="tests/header-question.test.ts"]').click();
      // On a phone, focus mode goes from the results to the code.
      expect(await p.getAttribute('lab-workspace', 'data-view')).toBe('code');
      expect(await p.getAttribute('.tab[data-file="tests/header-question.test.ts"]', 'aria-pressed')).toBe('true');
      expect(await p.isVisible('.tab[data-file="tests/header-question.test.ts"]')).toBe(true);
      expect(await p.textContent('.cm-activeLine')).toContain('it(`puts ${what} of the flags word`');
      const line = await p.$eval('.cm-activeLine', (el) => el.getBoundingClientRect());
      expect(line.top).toBeGreaterThanOrEqual(0);
      expect(line.bottom).toBeLessThanOrEqual(viewport.height);
    });
  }

  it('compares a file with the starter, read only while comparing', async () => {
    const p = await page(LAPTOP);
    await openLab(p, site.url, 'dns');
    await importFiles(p, 'dns', solution);
    await p.click('[data-part="diff"]');
    await p.waitForSelector('.cm-deletedChunk, .cm-changedLine', { state: 'attached' });
    expect(await p.getAttribute('.cm-content', 'contenteditable')).toBe('false');
    await p.click('[data-part="diff"]');
    expect(await p.locator('.cm-deletedChunk').count()).toBe(0);
    expect(await p.getAttribute('.cm-content', 'contenteditable')).toBe('true');
  });
});

describe('TypeScript in the editor', () => {
  const header = solution['header.ts']!;
  /** The line of header.ts that the typed error lands on: after the file's last line break. */
  const errorLine = header.split('\n').length;

  it('loads on the first edit only, shows a type error’s message and line, never holds up a run, and shows nothing for a clean file', async () => {
    const p = await page(LAPTOP);
    const checkerRequests: string[] = [];
    p.on('request', (request) => /\/ts-worker-[^/]+\.js$|\/labs\/typescript\.json$/.test(request.url()) && checkerRequests.push(request.url()));
    await openLab(p, site.url, 'dns');
    await importFiles(p, 'dns', solution);
    await p.click('.tab[data-file="header.ts"]');
    await p.click('.cm-content');
    await runTests(p);
    // Opening, importing, clicking into the editor and running load none of it.
    expect(checkerRequests).toEqual([]);

    // The checker's declaration files are held back until a run has come back: the run must not wait for them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route('**/labs/typescript.json', async (route) => {
      await held;
      await route.continue();
    });
    const loading = p.waitForRequest(/\/labs\/typescript\.json$/);
    await p.click('.cm-content');
    await p.keyboard.press('Control+End');
    await p.keyboard.type("const wrong: number = 'text';\n");
    await loading;
    const results = await runTests(p);
    expect(results).toContain('90/100 points');
    expect(await p.locator('.cm-lintRange-error').count()).toBe(0);
    release();

    await p.waitForSelector('.cm-lintRange-error', { state: 'attached', timeout: 60_000 });
    expect(await p.textContent('.cm-lintRange-error')).toBe('wrong');
    expect(await p.$$eval('[data-part="problems"] .lw-problem', (all) => all.map((b) => b.textContent))).toEqual([
      `Line ${errorLine} Type 'string' is not assignable to type 'number'.`,
    ]);
    expect(await p.isVisible('[data-part="problems"]')).toBe(true);

    // Another learner file, without errors: checked, and nothing shown.
    await p.click('.tab[data-file="name.ts"]');
    await p.waitForSelector('[data-part="problems"][data-checked="name.ts"]', { state: 'attached', timeout: 30_000 });
    expect(await p.locator('.cm-lintRange-error').count()).toBe(0);
    expect(await p.isVisible('[data-part="problems"]')).toBe(false);
    // Back in header.ts the problem is still listed; once fixed, it goes.
    await p.click('.tab[data-file="header.ts"]');
    await p.waitForSelector('[data-part="problems"] .lw-problem', { state: 'attached' });
    await p.click('.cm-content');
    await p.keyboard.press('Control+End');
    await p.keyboard.press('ArrowUp');
    await p.keyboard.press('End');
    for (let i = 0; i < "'text';".length; i++) await p.keyboard.press('Backspace');
    await p.keyboard.type('12;');
    await p.waitForSelector('.cm-lintRange-error', { state: 'detached', timeout: 30_000 });
    expect(await p.isVisible('[data-part="problems"]')).toBe(false);
  });
});
