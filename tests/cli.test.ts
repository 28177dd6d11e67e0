import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { workspaceZip } from '../src/course/workspace-zip.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { readProgress, recordProgress } from '../src/cli/progress.ts';
import { notRunStage, type StageResult, type TestResult } from '../src/runners/result.ts';
import { renderScoreboard } from '../src/cli/scoreboard.ts';
import { fixtureLabs, journey, journeyHere, root, tempWorkspace } from './support/cli.ts';

const labs = fixtureLabs;
// Each test spawns the CLI, and grading spawns Vitest: on a machine shared with other work that takes
// well over the suite's 30 s default. A limit, not a measurement (speed belongs in bench/).
vi.setConfig({ testTimeout: 120_000 });

describe('journey: usage errors name what is valid', () => {
  it('an unknown command exits 2 and lists the commands', () => {
    const run = journey(['gradde', 'adder'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "gradde"');
    expect(run.stderr).toMatch(/Valid commands: list, start, grade, watch, hint, import, reset/);
  });

  it('an unknown lab exits 2 and lists the labs', () => {
    const run = journey(['grade', 'nope'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown lab "nope". Labs: adder');
  });

  it('an unknown flag exits 2 and lists the flags of that command', () => {
    const run = journey(['grade', 'adder', '--targe', 'solution'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--targe'");
    expect(run.stderr).toContain('Flags for "grade": --target, --stage, --json');
  });

  it('a bad --target value and a bad --stage are named', () => {
    const ws = tempWorkspace();
    expect(journey(['grade', 'adder', '--target', 'mine'], { workspace: ws, labs }).stderr).toContain(
      '--target must be one of solution, starter, workspace; got "mine"',
    );
    expect(journey(['grade', 'adder', '--stage', 'nope'], { workspace: ws, labs }).stderr).toContain(
      'lab "adder" has no stage "nope". Stages: small, wrap',
    );
  });
});

describe('journey grade', () => {
  it('exits 0 at full marks and prints one JSON result in the documented shape', () => {
    const run = journey(['grade', 'adder', '--target', 'solution', '--json'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result).toMatchObject({ status: 'pass', lab: 'adder', target: 'solution', runner: 'node', score: 10, max: 10 });
    expect(result.stages.map((s) => [s.id, s.points, s.earned])).toEqual([
      ['small', 4, 4],
      ['wrap', 6, 6],
    ]);
    // Tests in file order, each with Exercism's fields.
    expect(result.stages[0]!.tests.map((t) => t.name)).toEqual(['add > adds 2 and 3', 'add > adds a negative number']);
    for (const test of result.stages.flatMap((s) => s.tests)) {
      expect(test).toEqual({ name: expect.any(String), status: 'passed', durationMs: expect.any(Number) });
    }
  });

  it('exits 1 below full marks, details the first unfinished stage, and shows every stage with --all', async () => {
    const ws = tempWorkspace();
    const run = journey(['grade', 'adder', '--target', 'starter'], { workspace: ws, labs });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Score 0\/10/);
    expect(run.stdout).toMatch(/small +Small numbers +0\/4 +0\/2 tests/);
    expect(run.stdout).toMatch(/wrap +32-bit wrap +0\/6 +0\/2 tests/);
    expect(run.stdout).toContain('Failing in small, your first unfinished stage');
    expect(run.stdout).toContain('small › add > adds 2 and 3');
    expect(run.stdout).toContain('expected -1 to be 5');
    expect(run.stdout).not.toContain('TODO(wrap)');
    expect(run.stdout).toContain('The other unfinished stage\'s failures: `npx journey grade adder --all`');

    const all = await journeyHere(['grade', 'adder', '--target', 'starter', '--all'], { workspace: ws, labs });
    expect(all.stdout).toContain('expected -1 to be 5');
    expect(all.stdout).toContain('TODO(wrap)');
    expect(all.stdout).not.toContain('--all`');
  });

  it('exits quietly when the reader closes the pipe (`journey grade … | head -3`)', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'journey.mjs'), 'grade', 'adder', '--target', 'starter'], {
      cwd: root,
      env: { ...process.env, JOURNEY_LABS: labs, JOURNEY_WORKSPACE: tempWorkspace() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the scoreboard is written, so every write of it meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('explains how to start when the learner has no workspace copy yet', () => {
    const run = journey(['grade', 'adder'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('You have not started the adder lab');
    expect(run.stderr).toContain('npx journey start adder');
  });

  it('still prints a JSON result (status error, nothing earned) for tools when nothing was started', () => {
    const run = journey(['grade', 'adder', '--json'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error', score: 0, max: 10, message: expect.stringContaining('nothing to grade') });
    expect(run.stderr).toContain('npx journey start adder');
  });
});

describe('the scoreboard', () => {
  const failing = (name: string, message: string): TestResult => ({ name, status: 'failed', message, durationMs: 1 });
  const stage = (id: string, tests: TestResult[]): StageResult => ({ id, title: id.toUpperCase(), runsIn: 'pure', points: 10, earned: 0, status: 'failed', tests });
  const result: GradeResult = {
    status: 'fail', lab: 'x', target: 'starter', runner: 'node', scoring: 'all-or-nothing', score: 0, max: 20, durationMs: 1,
    stages: [
      stage('first', [
        failing('t0', 'TODO(first): write it'),
        ...Array.from({ length: 23 }, (_, i) => failing(`same ${i + 1}`, 'TODO(first): the same thing')),
        { name: 'passes', status: 'passed', durationMs: 1 },
      ]),
      stage('second', [failing('s1', 'TODO(second): later')]),
    ],
  };

  it('folds identical failure messages into one, saying how many more tests failed the same way', () => {
    const board = renderScoreboard(result, 'X', 'starter');
    expect(board.match(/TODO\(first\): the same thing/g)).toHaveLength(1);
    expect(board).toContain('same 1\n      TODO(first): the same thing\n      the same error in 22 more tests');
    expect(board).toMatch(/first +FIRST +0\/10 +1\/25 tests/);
    expect(board).toMatch(/second +SECOND +0\/10 +0\/1 tests/);
    expect(board).not.toContain('TODO(second)');
    expect(board.split('\n').length).toBeLessThan(20);
  });

  it('with --all shows every stage and names the tests that failed the same way', () => {
    const board = renderScoreboard(result, 'X', 'starter', true);
    expect(board).toContain('TODO(second): later');
    expect(board).toContain('the same error in 22 more tests:\n        same 2\n');
    expect(board).toContain('        same 23');
  });
});

describe('journey start, reset, list, hint', () => {
  it('start copies the starter and never overwrites the learner\'s files', () => {
    const ws = tempWorkspace();
    expect(journey(['start', 'adder'], { workspace: ws, labs }).code).toBe(0);
    const file = join(ws, 'adder', 'add.ts');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(labs, 'adder', 'starter', 'add.ts'), 'utf8'));

    writeFileSync(file, '// my work\n');
    const again = journey(['start', 'adder'], { workspace: ws, labs });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Kept your add.ts');
    expect(readFileSync(file, 'utf8')).toBe('// my work\n');
  });

  it('start copies learner files only, and leaves a tsconfig that points the editor at the given files', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    expect(readdirSync(join(ws, 'adder')).sort()).toEqual(['add.ts', 'tsconfig.json']);
    const paths = JSON.parse(readFileSync(join(ws, 'adder', 'tsconfig.json'), 'utf8')).compilerOptions.paths;
    expect(paths['@impl/add.ts']).toEqual(['./add.ts']);
    expect(join(ws, 'adder', paths['@impl/*'][0])).toBe(join(labs, 'adder', 'given', '*'));
  });

  it('start says when a copy of a given file in the workspace is no longer used', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'u32.ts'), '// an old copy\n');
    const again = journey(['start', 'adder'], { workspace: ws, labs });
    expect(again.stdout).toMatch(/Your u32\.ts is now given: graders read .*adder\/given\//);
    expect(readFileSync(join(ws, 'adder', 'u32.ts'), 'utf8')).toBe('// an old copy\n');
  });

  it('reset moves the learner\'s files to a backup before starting afresh', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// my work\n');
    const run = journey(['reset', 'adder'], { workspace: ws, labs });
    expect(run.code).toBe(0);
    const backups = readdirSync(join(ws, '.journey', 'backups'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(ws, '.journey', 'backups', backups[0]!, 'add.ts'), 'utf8')).toBe('// my work\n');
    expect(readFileSync(join(ws, 'adder', 'add.ts'), 'utf8')).toContain('return a - b');
    expect(run.stdout).toContain('Moved your files to');
  });

  it('grading the workspace records progress that list and hint use', async () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    const solved = readFileSync(join(labs, 'adder', 'solution', 'add.ts'), 'utf8').replace(/export function add32[\s\S]*$/, '');
    writeFileSync(join(ws, 'adder', 'add.ts'), solved + 'export function add32(a: number, b: number): number { return a + b; }\n');
    const graded = journey(['grade', 'adder'], { workspace: ws, labs });
    expect(graded.code).toBe(1);
    expect(existsSync(join(ws, '.journey', 'progress.json'))).toBe(true);

    const list = await journeyHere(['list'], { workspace: ws, labs });
    // small passes (4/4); wrap passes 1 of its 2 tests, so none of its 6 points (all-or-nothing scoring).
    expect(list.stdout).toMatch(/Adder .*4\/10 best/);
    expect(list.stdout).toMatch(/ wrap .* 0\/6/);
    expect(list.stdout).toMatch(/✓ small/);

    const hint = await journeyHere(['hint', 'adder'], { workspace: ws, labs });
    expect(hint.stdout).toContain('adder › wrap');
    expect(hint.stdout).toContain('Hint 1 of 1. Use >>> 0.');
  });

  it('a worse run (a hang, a slip) is the latest grade but never replaces the best', async () => {
    const ws = tempWorkspace();
    const lab = loadLab(coursePaths(), 'dns');
    const paths = { ...coursePaths(), workspace: ws };
    const graded = (earned: number): GradeResult => ({
      status: 'fail', lab: 'dns', target: 'workspace', runner: 'node', scoring: 'all-or-nothing', score: earned, max: 100, durationMs: 1,
      stages: lab.manifest.stages.map((s, i) => ({ ...notRunStage(s), status: 'failed', earned: i === 0 ? earned : 0 })),
    });
    recordProgress(paths, lab, graded(10));
    recordProgress(paths, lab, graded(0)); // say, an infinite loop stopped by the grader
    const list = await journeyHere(['list'], { workspace: ws });
    expect(list.stdout).toMatch(/DNS.*10\/100 best \(latest run 0\/100\)/);
    // The stage lines show where the code is now.
    expect(list.stdout).toMatch(/· header-question .* 0\/15/);
    recordProgress(paths, lab, graded(12));
    expect(readProgress(paths)['dns']).toMatchObject({ best: { score: 12 }, latest: { score: 12 } });
  });

  it('hint reveals one more hint per call, remembers it, and shows the revealed ones again with --seen', async () => {
    const ws = tempWorkspace();
    const dns = JSON.parse(readFileSync(join(root, 'labs', 'dns', 'lab.json'), 'utf8')) as { stages: { id: string; hints: string[] }[] };
    const hints = dns.stages[0]!.hints;
    const stage = dns.stages[0]!.id;
    expect(hints.length).toBeGreaterThan(1);
    const hint = async (...more: string[]) => (await journeyHere(['hint', 'dns', ...more], { workspace: ws })).stdout;

    const first = await hint();
    expect(first).toContain(`Hint 1 of ${hints.length}. ${hints[0]}`);
    expect(first).not.toContain(hints[1]!);
    expect(first).toContain(`\`npx journey hint dns ${stage}\` reveals hint 2`);

    const second = await hint(stage);
    expect(second).toContain(`Hint 2 of ${hints.length}. ${hints[1]}`);
    expect(second).not.toContain(hints[0]!);

    const seen = await hint(stage, '--seen');
    expect(seen).toContain(hints[0]!);
    expect(seen).toContain(hints[1]!);
    expect(seen).not.toContain(hints[2] ?? 'no third hint');

    for (let i = 2; i < hints.length; i++) await hint();
    const after = await hint();
    for (const h of hints) expect(after).toContain(h);
    expect(after).toContain('That is every hint for this stage');
  });

  it('list points to journey doctor for a stage that needs a tool this machine lacks', async () => {
    // The adder lab, with its wrap stage needing PostgreSQL: present through DATABASE_URL, or pretended missing.
    const withNeeds = mkdtempSync(join(tmpdir(), 'journey-labs-'));
    onTestFinished(() => rmSync(withNeeds, { recursive: true, force: true }));
    cpSync(join(labs, 'adder'), join(withNeeds, 'adder'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(withNeeds, 'adder', 'lab.json'), 'utf8'));
    manifest.stages[1].needs = ['postgresql'];
    writeFileSync(join(withNeeds, 'adder', 'lab.json'), JSON.stringify(manifest));

    const missing = await journeyHere(['list'], { workspace: tempWorkspace(), labs: withNeeds, more: { JOURNEY_PRETEND_MISSING: 'postgresql' } });
    expect(missing.stdout).toMatch(/wrap +32-bit wrap .*needs PostgreSQL: not installed, see `npx journey doctor`/);
    expect(missing.stdout).not.toMatch(/small .*journey doctor/);
    const present = await journeyHere(['list'], { workspace: tempWorkspace(), labs: withNeeds, more: { JOURNEY_PRETEND_MISSING: '', DATABASE_URL: 'postgres://127.0.0.1/shop' } });
    expect(present.stdout).toMatch(/wrap +32-bit wrap/);
    expect(present.stdout).not.toContain('journey doctor');
  });
});

describe('journey import', () => {
  it('imports an exported zip into the workspace, backing up what was there, and grades it', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// before import\n');
    const zip = join(ws, 'export.zip');
    // An export from before the lab had given/ still carries the given file: it is left out.
    writeFileSync(zip, workspaceZip('adder', { 'add.ts': readFileSync(join(labs, 'adder', 'solution', 'add.ts'), 'utf8'), 'u32.ts': '// old copy\n' }));
    const run = journey(['import', zip], { workspace: ws, labs });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Left out u32.ts: given files');
    expect(run.stdout).toContain('Imported 1 files into');
    expect(existsSync(join(ws, 'adder', 'u32.ts'))).toBe(false);
    const backups = readdirSync(join(ws, '.journey', 'backups'));
    expect(readFileSync(join(ws, '.journey', 'backups', backups[0]!, 'add.ts'), 'utf8')).toBe('// before import\n');
    expect(journey(['grade', 'adder'], { workspace: ws, labs }).code).toBe(0);
  });

  it('rejects a foreign or broken zip with the reason, and changes nothing', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// my work\n');
    const cases: [Uint8Array, string][] = [
      [new TextEncoder().encode('not a zip at all'), 'not a readable zip file'],
      [workspaceZip('tcp-elsewhere', { 'add.ts': '' }), '"tcp-elsewhere" is not a lab of this course'],
      [workspaceZip('adder', { 'evil.ts': '' }), 'adder/evil.ts is not one of the adder lab\'s files'],
    ];
    for (const [bytes, reason] of cases) {
      const zip = join(ws, 'bad.zip');
      writeFileSync(zip, bytes);
      const run = journey(['import', zip], { workspace: ws, labs });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).toContain('Nothing was changed');
    }
    expect(readFileSync(join(ws, 'adder', 'add.ts'), 'utf8')).toBe('// my work\n');
    expect(existsSync(join(ws, '.journey', 'backups'))).toBe(false);
  });
});
