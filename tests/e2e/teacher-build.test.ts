// A teacher's build with the other settings: solutions hidden (no solution code
// anywhere in the site) and cross-origin isolation by service worker, for a
// host that cannot send headers (GitHub Pages).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/tooling/chromium.ts';
import { root } from '../support/cli.ts';
import { needsTool } from '../support/host-tools.ts';
import { serveStatic } from '../support/static-server.ts';

const outDir = mkdtempSync(join(tmpdir(), 'journey-hidden-'));
/** Lines only the solution has (without quotes or backslashes, which JSON would escape). */
const solutionOnly = readFileSync(join(root, 'labs', 'dns', 'solution', 'header.ts'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 20 && !/["\\]/.test(l) && !readFileSync(join(root, 'labs', 'dns', 'starter', 'header.ts'), 'utf8').includes(l))
  .slice(0, 3);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

beforeAll(() => {
  const config = join(outDir, 'course.json');
  writeFileSync(config, JSON.stringify({ showSolutions: false, crossOriginIsolation: 'service-worker' }));
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', join(outDir, 'dist')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, JOURNEY_COURSE_CONFIG: config, ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 180_000,
  });
  expect(build.status, build.stdout + build.stderr).toBe(0);
}, 200_000);

describe('showSolutions: false', () => {
  it('leaves the solution out of the lab bundle and drops the button', () => {
    const bundle = JSON.parse(readFileSync(join(outDir, 'dist', 'labs', 'dns', 'bundle.json'), 'utf8'));
    expect(bundle.solution).toBeUndefined();
    expect(Object.keys(bundle.starter)).toEqual(expect.arrayContaining(['header.ts']));
    expect(readFileSync(join(outDir, 'dist', 'labs', 'dns', 'index.html'), 'utf8')).not.toContain('data-part="solution"');
  });

  it('ships no line of solution code anywhere in the build', () => {
    // Control: the default build (showSolutions: true, built by `npm test` before this) does ship them.
    const shipped = readFileSync(join(root, 'dist', 'labs', 'dns', 'bundle.json'), 'utf8');
    expect(solutionOnly.length).toBeGreaterThan(0);
    for (const line of solutionOnly) expect(shipped).toContain(line);
    for (const file of allFiles(join(outDir, 'dist'))) {
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
    server = await serveStatic(join(outDir, 'dist'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const first = await page.goto(`${server.url}/labs/dns/`);
      expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
      // The service worker installs, reloads the page once, and from then on adds the headers.
      await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 20_000 });
      await page.waitForSelector('lab-workspace[data-ready]', { state: 'attached' });
    } finally {
      await browser.close();
    }
  });
});
