// A teacher's build with the other settings: solutions hidden (no solution code
// anywhere in the site) and cross-origin isolation by service worker, for a
// host that cannot send headers (GitHub Pages). The build is the one
// tests/e2e/course-instance.test.ts checks too (tests/support/teacher-site.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { root } from '../support/cli.ts';
import { needsTool } from '../support/host-tools.ts';
import { serveStatic } from '../support/static-server.ts';
import { TEACHER_COURSE, teacherSite } from '../support/teacher-site.ts';

let dist: string;
/** Lines only the solution has (without quotes or backslashes, which JSON would escape). */
const solutionOnly = readFileSync(join(root, 'labs', 'tcp', 'solution', 'sender.ts'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 20 && !/["\\]/.test(l) && !readFileSync(join(root, 'labs', 'tcp', 'starter', 'sender.ts'), 'utf8').includes(l))
  .slice(0, 3);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

beforeAll(() => {
  dist = teacherSite();
}, 620_000);

describe('showSolutions: false', () => {
  it('leaves the solution out of the lab bundle and drops the button', () => {
    const bundle = JSON.parse(readFileSync(join(dist, 'labs', 'tcp', 'bundle.json'), 'utf8'));
    expect(bundle.solution).toBeUndefined();
    expect(Object.keys(bundle.starter)).toEqual(expect.arrayContaining(['sender.ts']));
    expect(readFileSync(join(dist, 'labs', 'tcp', 'index.html'), 'utf8')).not.toContain('data-part="solution"');
  });

  it('ships no line of solution code anywhere in the build', () => {
    // Control: the default build (showSolutions: true, built by `npm test` before this) does ship them.
    const shipped = readFileSync(join(root, 'dist', 'labs', 'tcp', 'bundle.json'), 'utf8');
    expect(solutionOnly.length).toBeGreaterThan(0);
    for (const line of solutionOnly) expect(shipped).toContain(line);
    for (const file of allFiles(dist)) {
      const text = readFileSync(file, 'utf8');
      for (const line of solutionOnly) expect(text.includes(line), `${file} contains "${line}"`).toBe(false);
    }
  });
});

describe('crossOriginIsolation: "service-worker"', () => {
  needsTool('chromium');
  let server: Awaited<ReturnType<typeof serveStatic>>;
  afterAll(() => server?.close());

  it('makes lab pages cross-origin isolated on a host that sends no headers', async () => {
    server = await serveStatic(dist, TEACHER_COURSE.base);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const first = await page.goto(`${server.url}${TEACHER_COURSE.base}labs/tcp/`);
      expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
      // The service worker installs, reloads the page once, and from then on adds the headers.
      await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 20_000 });
      await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    } finally {
      await browser.close();
    }
  });
});
