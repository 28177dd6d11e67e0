import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab, regradeLab, WarmGrader } from '../src/runners/node/grade.ts';
import { fixtureLabs, root } from './support/cli.ts';
import { expectGolden, SHORT_LIMITS } from './support/golden.ts';

const paths = { ...coursePaths(), labs: fixtureLabs };
const adder = loadLab(paths, 'adder');
const hostile = loadLab(paths, 'hostile');

// Learner copies live apart from the grader's temp folder, which must be empty after every run.
const copies = mkdtempSync(join(tmpdir(), 'journey-impl-'));
const graderTmp = mkdtempSync(join(tmpdir(), 'journey-grader-tmp-'));
process.env['TMPDIR'] = graderTmp;
afterEach(() => expect(readdirSync(graderTmp)).toEqual([]));
afterAll(() => {
  rmSync(copies, { recursive: true, force: true });
  rmSync(graderTmp, { recursive: true, force: true });
});

/** A folder of learner files: the adder's solution with add.ts replaced. */
function learnerCopy(source: string): string {
  const dir = mkdtempSync(join(copies, 'adder-'));
  cpSync(join(adder.dir, 'solution'), dir, { recursive: true });
  writeFileSync(join(dir, 'add.ts'), source);
  return dir;
}

describe('the Node runner treats learner code as untrusted', () => {
  it('stops a test stuck in a synchronous loop, names it, keeps what ran before it and grades the other stages', async () => {
    const result = await gradeLab({ paths, lab: adder, target: 'workspace', implDir: join(adder.dir, 'looping'), limits: SHORT_LIMITS });
    const [small, wrap] = result.stages;
    expect(small).toMatchObject({ status: 'passed', earned: 4 });
    expect(wrap!.status).toBe('failed');
    expect(wrap!.tests.map((t) => `${t.status} ${t.name}`)).toEqual(['hung wraps past 2^32', 'not-run lays out the sum big-endian']);
    expect(wrap!.tests[0]!.message).toContain('did not finish within 5 s and was stopped');
    expect(result.score).toBe(4);
  });

  it('keeps what the learner printed, per test', async () => {
    const result = await gradeLab({ paths, lab: adder, target: 'workspace', implDir: join(adder.dir, 'looping'), limits: SHORT_LIMITS, stages: ['small'] });
    expect(result.stages.map((s) => s.id)).toEqual(['small']);
    expect(result.stages[0]!.tests[0]!.output).toBe('adding 2 and 3\n');
  });

  it('reports a rejection nobody caught when its stage is graded alone, though the run ends as it is written', async () => {
    const result = await gradeLab({ paths, lab: hostile, target: 'starter', stages: ['rejection'], limits: SHORT_LIMITS });
    expect(result).toMatchObject({ status: 'error', message: 'errors outside any test:\nError: nobody caught this rejection' });
  });

  it('reports a file that throws on import as a stage error, not a crash', async () => {
    const implDir = learnerCopy('throw new Error("boom at import");\nexport const add = 1, add32 = 2;\n');
    const result = await gradeLab({ paths, lab: adder, target: 'workspace', implDir });
    expect(result.status).toBe('fail');
    for (const stage of result.stages) {
      expect(stage.earned).toBe(0);
      expect(stage.error).toContain('boom at import');
    }
  });

  it('says there is nothing to grade when the folder does not exist', async () => {
    const result = await gradeLab({ paths, lab: adder, target: 'workspace', implDir: join(copies, 'no-such-dir') });
    expect(result).toMatchObject({ status: 'error', score: 0, max: 10 });
    expect(result.message).toContain('nothing to grade');
  });

  it('cannot be crashed or fooled through its progress channel', async () => {
    // Learner code that finds the channel (by the old variable, or by scanning the temp folder) and writes
    // a forged "test started long ago" line and a half-written one.
    const implDir = learnerCopy(`
      import { appendFileSync, existsSync, readdirSync } from 'node:fs';
      import { join } from 'node:path';
      import { tmpdir } from 'node:os';
      const forged = JSON.stringify({ event: 'start', at: 0, name: 'forged', file: '/x/small.test.ts' }) + '\\n{"event":"sta';
      const near = (dir) => [dir, ...readdirSync(dir).filter((d) => d.startsWith('journey-')).map((d) => join(dir, d))];
      const files = [...near(tmpdir()), ...near(join(tmpdir(), '..'))].flatMap((dir) => ['tests.jsonl', 'progress.jsonl'].map((f) => join(dir, f)));
      if (process.env.JOURNEY_PROGRESS_FILE) files.push(process.env.JOURNEY_PROGRESS_FILE);
      for (const file of files) if (existsSync(file)) appendFileSync(file, forged);
      ${readFileSync(join(adder.dir, 'solution', 'add.ts'), 'utf8')}
    `);
    const result = await gradeLab({ paths, lab: adder, target: 'workspace', implDir, limits: SHORT_LIMITS });
    expect(result.stages.flatMap((s) => [s.error, ...s.tests.map((t) => t.message)]).filter(Boolean)).toEqual([]);
    expect(result).toMatchObject({ status: 'pass', score: 10 });
  });

  it('has an overall limit, even when nothing it watches ever starts', async () => {
    const result = await gradeLab({ paths, lab: hostile, target: 'starter', stages: ['import-loop'], limits: { testMs: 600_000, graceMs: 0, runMs: 3_000 } });
    expect(result.status).toBe('error');
    expect(result.message).toBe('the whole run took longer than 3 s and was stopped');
  });
});

describe('journey watch grades on one warm child', () => {
  it('grades a saved file as it now is, and re-runs only the stages that import what changed', async () => {
    const implDir = learnerCopy(readFileSync(join(adder.dir, 'solution', 'add.ts'), 'utf8'));
    const warm = new WarmGrader();
    const regrade = (previous: Awaited<ReturnType<typeof regradeLab>> | undefined, changed: string[]) =>
      regradeLab({ paths, lab: adder, target: 'workspace', implDir, warm }, previous, changed);
    try {
      const first = await regrade(undefined, []);
      expect(first).toMatchObject({ status: 'pass', score: 10 });
      writeFileSync(join(implDir, 'add.ts'), 'export const add = (a: number, b: number) => a + b;\nexport const add32 = (a: number, b: number) => a + b;\n');
      const saved = await regrade(first, [join(implDir, 'add.ts')]);
      expect(saved.stages.map((s) => `${s.id} ${s.status}`)).toEqual(['small passed', 'wrap failed']);
      expect(saved.score).toBe(4);
      // Only the wrap stage's tests import the lab kit.
      const again = await regrade(saved, [join(root, 'src', 'lab-kit', 'index.ts')]);
      expect(again.stages[0]).toBe(saved.stages[0]);
      expect(again.stages[1]).not.toBe(saved.stages[1]);
      expect(again).toMatchObject({ status: 'fail', score: 4 });
    } finally {
      warm.close();
    }
  }, 120_000);
});

describe('the golden failure scenarios on the Node runner', () => {
  it('turns every way learner code goes wrong into the checked-in result', async () => {
    const result = await gradeLab({ paths, lab: hostile, target: 'starter', limits: SHORT_LIMITS });
    expectGolden(result);
    const stage = (id: string) => result.stages.find((s) => s.id === id)!;
    expect(stage('syntax').error).toMatch(/syntax\.ts:2:14/);
    expect(stage('import-loop').error).toContain('did not finish loading within 5 s');
    expect(stage('output').tests[0]!.output).toMatch(/^line 0: x+\n[\s\S]*… output truncated$/);
    expect(stage('exit').tests[0]!.message).toBe('process.exit unexpectedly called with "3"\n\nThrown at exit.ts:3.');
  }, 300_000);

  it('gives the solution full marks', async () => {
    const result = await gradeLab({ paths, lab: hostile, target: 'solution', limits: SHORT_LIMITS });
    expect(result).toMatchObject({ status: 'pass', score: 12, max: 12 });
  }, 120_000);
});

/** Every process below `pid` (Linux /proc), so a test can check none survives. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const [child, parent] of parents) if (parent === p) found.push(child), visit(child);
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('journey grade still prints its result after the watchdog stops a hung test', async () => {
  // The child is unref'd while it waits; unless kill() holds it, the CLI exits mid-grade while the stopped child is reaped.
  const cli = spawn(process.execPath, [join(root, 'bin', 'journey.mjs'), 'grade', 'hostile', '--target', 'starter', '--stage', 'sync-loop', '--json'], {
    cwd: root,
    env: { ...process.env, JOURNEY_LABS: fixtureLabs, JOURNEY_WORKSPACE: mkdtempSync(join(copies, 'ws-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  const code = await new Promise((resolve) => cli.on('exit', resolve));
  const result = JSON.parse(stdout) as { stages: { tests: { status: string }[] }[] };
  expect([code, result.stages[0]!.tests.map((t) => t.status)]).toEqual([1, ['passed', 'passed', 'hung', 'not-run']]);
}, 90_000);

describe.skipIf(process.platform !== 'linux')('Ctrl+C during journey grade', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} leaves no process and no temp folder behind`, async () => {
      const tmp = mkdtempSync(join(copies, 'tmp-'));
      const cli = spawn(process.execPath, [join(root, 'bin', 'journey.mjs'), 'grade', 'hostile', '--target', 'starter', '--stage', 'import-loop', '--json'], {
        cwd: root,
        env: { ...process.env, TMPDIR: tmp, JOURNEY_LABS: fixtureLabs, JOURNEY_WORKSPACE: mkdtempSync(join(copies, 'ws-')) },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => cli.on('exit', resolve));
      // Wait until the fork runs the learner's looping file: its progress channel has a line.
      const progress = () => readdirSync(tmp).map((d) => join(tmp, d, 'progress.jsonl')).find((f) => existsSync(f) && readFileSync(f, 'utf8').length > 0);
      for (let i = 0; i < 600 && !progress(); i++) await sleep(100);
      expect(progress()).toBeDefined();
      const running = descendants(cli.pid!);
      expect(running.length).toBeGreaterThanOrEqual(1); // the grading child (its test threads die with it)
      cli.kill(signal);
      await exited;
      for (let i = 0; i < 50 && running.some(alive); i++) await sleep(100);
      expect(running.filter(alive)).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    }, 90_000);
  }
});
