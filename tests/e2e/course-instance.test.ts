// A teacher's instance as GitHub Pages would serve it: course.json leaves two chapters out and sets the base `/pj/`
// (tests/support/teacher-site.ts). The chapters left out are gone, every link stays under the base and resolves,
// and a lab grades in the browser worker there. The settings' validation is in tests/course-instance.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { needsTool } from '../support/host-tools.ts';
import { importFiles, labFiles, runTests } from '../support/lab-page.ts';
import { serveStatic } from '../support/static-server.ts';
import { LEFT_OUT, TEACHER_COURSE, teacherSite } from '../support/teacher-site.ts';

const base = TEACHER_COURSE.base;
let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

/** A page that records every console error and uncaught exception it meets. */
async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, errors };
}

/** Waits out a lab page's one reload: GitHub Pages sends no COOP/COEP, so the service worker installs and adds them. */
async function isolated(page: Page): Promise<void> {
  await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 30_000 });
  await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
}

/** The same-origin URLs a page links to or loads (links, scripts, styles, images), without their fragments. */
async function sameOriginUrls(page: Page): Promise<string[]> {
  const urls = await page.$$eval('a[href], link[href], script[src], img[src]', (els) =>
    els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src).filter(Boolean),
  );
  const origin = new URL(page.url()).origin;
  return [...new Set(urls.map((u) => u.replace(/#.*$/, '')).filter((u) => new URL(u).origin === origin))];
}

describe('a course with two chapters left out, under a base path', () => {
  needsTool('chromium');
  beforeAll(async () => {
    dist = teacherSite();
    server = await serveStatic(dist, base);
    browser = await launchChromium();
  }, 620_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds no page, lab or bundle for the chapters left out', async () => {
    for (const id of LEFT_OUT) {
      for (const path of [`chapters/${id}/`, `labs/${id}/`, `labs/${id}/bundle.json`]) {
        expect((await fetch(`${server.url}${base}${path}`)).status, path).toBe(404);
      }
    }
    // Control: the offered ones are there.
    expect((await fetch(`${server.url}${base}chapters/tcp/`)).status).toBe(200);
    const typescript = JSON.parse(readFileSync(join(dist, 'labs', 'typescript.json'), 'utf8')) as { options: Record<string, unknown> };
    expect(Object.keys(typescript.options).sort()).toEqual(['https', 'layers', 'lb', 'routing', 'tcp', 'websocket']);
  });

  it('lists the offered chapters and labs in the course\'s order, numbered as in the journey, the site titled by the teacher', async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${server.url}${base}chapters/tcp/`);
    const sidebar = await page.$$eval('#starlight__sidebar a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const chapters = sidebar.filter((p) => p.startsWith(`${base}chapters/`));
    expect(chapters).toEqual(TEACHER_COURSE.chapters.map((id) => `${base}chapters/${id}/`));
    expect(await page.title()).toMatch(/\| Networks 101$/);

    await page.goto(`${server.url}${base}`);
    const cards = await page.$$eval('.card .title', (titles) => titles.map((t) => t.textContent?.trim()));
    expect(cards.map((t) => t?.split('.')[0])).toEqual(['1', '4', '5', '6', '7', '8']);

    await page.goto(`${server.url}${base}labs/`);
    const labs = await page.$$eval('.lab-list a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(labs).toEqual(TEACHER_COURSE.chapters.map((id) => `${base}labs/${id}/`));
    expect(await page.textContent('.lab-list')).toContain('Chapter 5 · due Friday 18 December 2026');
    expect(errors).toEqual([]);
  });

  it('every link and asset of the home page, a chapter and a lab page is under the base and resolves', async () => {
    const { page, errors } = await watchedPage();
    const checked = new Set<string>();
    for (const path of ['', 'chapters/lb/', 'guides/how-it-works/', 'labs/tcp/']) {
      await page.goto(`${server.url}${base}${path}`);
      // A lab page's first visit installs the service worker, which reloads the page once.
      if (path.startsWith('labs/')) await isolated(page);
      const urls = await sameOriginUrls(page);
      expect(urls.length, path).toBeGreaterThan(10);
      for (const url of urls) {
        expect(new URL(url).pathname, `${path} links to ${url}`).toMatch(new RegExp(`^${base}`));
        for (const id of LEFT_OUT) expect(url, `${path} links to a left-out page`).not.toMatch(new RegExp(`/(chapters|labs)/${id}/`));
        if (checked.has(url)) continue;
        checked.add(url);
        expect((await fetch(url)).status, `${path} → ${url}`).toBe(200);
      }
    }
    // The lb chapter's link to the DNS chapter, left out, is its words and a note.
    await page.goto(`${server.url}${base}chapters/lb/`);
    expect(await page.textContent('.left-out-link')).toContain('(not part of this course)');
    // The lab page's worker, bundle and TypeScript environment are under the base too.
    await page.goto(`${server.url}${base}labs/tcp/`);
    const data = await page.$eval('lab-workspace', (el) => ({ ...(el as HTMLElement).dataset }));
    for (const key of ['bundle', 'grader', 'typescript'] as const) {
      expect(data[key], key).toMatch(new RegExp(`^${base}`));
      expect((await fetch(`${server.url}${data[key]}`)).status, key).toBe(200);
    }
    expect(await page.textContent('.lw-due')).toBe('Due Friday 18 December 2026');
    expect(errors).toEqual([]);
  });

  it('a lab page grades in the browser worker, its service worker scoped to the base', async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${server.url}${base}labs/tcp/`);
    await isolated(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    expect(scope).toBe(`${server.url}${base}`);
    await importFiles(page, 'tcp', labFiles('tcp', 'solution'));
    const results = await runTests(page);
    expect(results.length).toBeGreaterThan(0);
    const passed = await page.$$eval('[data-stage-badge][data-status="passed"]', (badges) => badges.length);
    expect(passed).toBe(7); // every "runs anywhere" stage of the TCP lab
    expect(errors).toEqual([]);
  });
});
