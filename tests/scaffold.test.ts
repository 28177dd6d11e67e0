// `journey new <id>` in a temp copy of the course's labs and chapters: the lab
// it makes passes every lab check at once, with a starter that fails every stage.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterOrder } from '../src/course/chapter-number.ts';
import { loadLab, type Lab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { buildContainerGrader } from '../src/runners/container/build-grader.ts';
import { journey, root } from './support/cli.ts';
import { expectBothTypecheck, expectContainerAgrees, expectSolutionFullMarks, expectStarterFailsEveryStage } from './support/lab-checks.ts';

const real = coursePaths();
// Inside the checkout (in an ignored folder), so the copy's files find node_modules for the type checks, as a real lab does.
mkdirSync(join(root, '.journey-cache'), { recursive: true });
const dir = mkdtempSync(join(root, '.journey-cache', 'new-'));
const paths = { ...real, labs: join(dir, 'labs'), content: join(dir, 'content') };
mkdirSync(paths.labs);
// The copy's labs share the real base config, as labs/<id>/tsconfig.json does in the course.
writeFileSync(join(paths.labs, 'tsconfig.base.json'), JSON.stringify({ extends: join(real.labs, 'tsconfig.base.json') }));
cpSync(join(real.content, 'chapters'), join(paths.content, 'chapters'), { recursive: true });
const workspace = join(dir, 'workspace');
mkdirSync(workspace);
const env = { workspace, labs: paths.labs, content: paths.content };

// The number the new chapter should get: one after the course's last.
const last = Math.max(...readdirSync(join(real.content, 'chapters')).map((f) => chapterOrder(readFileSync(join(real.content, 'chapters', f), 'utf8')) ?? 0));

let created: ReturnType<typeof journey>;
let lab: Lab;
beforeAll(() => {
  created = journey(['new', 'demo'], env);
  lab = loadLab(paths, 'demo');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('journey new demo', () => {
  it('writes a manifest, given/starter/solution/tests and a chapter ending with its lab panel, numbered after the last chapter', () => {
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created chapter ${last + 1}, "Demo"`);
    for (const file of ['lab.json', 'tsconfig.json', 'given/bytes.ts', 'starter/port.ts', 'solution/port.ts', 'tests/encode.test.ts', 'tests/decode.test.ts']) {
      expect(created.stdout).toContain(relative(root, join(paths.labs, 'demo', file)));
    }
    const chapter = readFileSync(join(paths.content, 'chapters', 'demo.mdx'), 'utf8');
    expect(chapter).toMatch(new RegExp(`^---\\n[\\s\\S]*sidebar:\\n {2}order: ${last + 1}\\n---\\n`));
    expect(chapter.trimEnd().endsWith('<LabPanel lab="demo" />')).toBe(true);
    expect(lab.chapter).toBe(last + 1);
    expect(lab.manifest.given).toEqual(['bytes.ts']);
  });

  it('the solution scores full marks', () => expectSolutionFullMarks(paths, lab));

  it('the starter runs and fails a test in every stage', () => expectStarterFailsEveryStage(paths, lab));

  it('solution and starter type-check against the tests', () => expectBothTypecheck(paths, lab));

  it('the lab\'s own tsconfig type-checks it for an editor', () => {
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(paths.labs, 'demo', 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);

  it('the WebContainer plan grades solution and starter as journey grade does', async () => {
    const graderSource = await buildContainerGrader();
    await expectContainerAgrees(paths, lab, 'solution', graderSource);
    await expectContainerAgrees(paths, lab, 'starter', graderSource);
  }, 120_000);

  it('refuses an id that is taken or not kebab-case, and writes nothing', () => {
    const again = journey(['new', 'demo'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/demo already exists; choose another id/);
    const bad = journey(['new', 'Demo_2'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Demo_2" is not a lab id');
    const bare = mkdtempSync(join(dir, 'bare-'));
    const noBase = journey(['new', 'other'], { ...env, labs: bare });
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toMatch(/tsconfig\.base\.json is missing; every lab's tsconfig\.json extends it/);
    expect(readdirSync(bare)).toEqual([]);
  });
});
