// A teacher who hides solutions gets a site with no solution code in it at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/cli.ts';

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
  writeFileSync(config, JSON.stringify({ showSolutions: false }));
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
