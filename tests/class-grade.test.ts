/**
 * `journey class grade` on a generated class that includes the hostile set
 * (tests/support/class-submissions.ts): every attack is contained by the
 * sandbox, scored honestly and named in the log; the gradebook is right;
 * a re-run resumes from the cache; and with no sandbox the batch refuses.
 * The class is graded on the fixture lab adder (two stages, a few tests),
 * so the time goes to the attacks, not to a real lab's tests; the attacks
 * that only fail to escape share one submission. The benchmark grades the
 * whole set, one student each, on the real labs. Needs bubblewrap: without
 * it these skip (under CI they fail).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBubblewrap } from '../src/class/sandbox.ts';
import { combinedHostile, HOSTILE, markedProcesses, writeClass, type Targets } from './support/class-submissions.ts';
import { fixtureLabs, journey, journeyHere, root, tempWorkspace } from './support/cli.ts';
import { skipWithout } from './support/host-tools.ts';

const sandboxed = probeBubblewrap(root).ok;
/** Attacks that do nothing when refused: one submission tries them all. */
const ESCAPES = ['hostile-write-outside', 'hostile-read-others', 'hostile-socket'];
const hostile = [...HOSTILE.filter((h) => !ESCAPES.includes(h.student)), combinedHostile('hostile-escape', HOSTILE.filter((h) => ESCAPES.includes(h.student)))];
/**
 * Each attack that holds a stage stuck (the loops, the output flood) costs
 * its test limit (and 2 s of grace) for each stage it holds, up to the lab's
 * time: shorter limits than the course's 10 s and 90 s, with room for an
 * honest adder stage (milliseconds) to load on a busy machine.
 */
const LIMITS = ['--test-seconds', '5', '--lab-seconds', '20'];
const base = mkdtempSync(join(tmpdir(), 'journey-class-'));
const submissions = join(base, 'submissions');
const secret = join(base, 'teacher-private');
const out = join(base, 'out', 'gradebook.csv');
const marker = `jclass${process.pid}x${Date.now().toString(36)}`;
let connections = 0;
const server = createServer((socket) => {
  connections++;
  socket.destroy();
});

/** Runs the CLI in a child without blocking this test's event loop (the server must keep answering). */
function journeyAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'journey.mjs'), ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Row = Record<string, string>;
function readCsv(file: string): Row[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}

/** Processes still running whose command line carries the hostile set's marker. */
const leftRunning = () => markedProcesses(marker);

let first: { code: number | null; stdout: string; stderr: string };
let bombPeak = 0;
let rows: Row[];
const row = (student: string) => rows.find((r) => r.student === student)!;
/** The log's lines for one student (its head line and its notes). */
function logOf(student: string): string {
  const lines = first.stdout.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${student} adder `));
  const notes = lines.slice(at + 1).findIndex((l) => !l.startsWith('    '));
  return lines.slice(at, at + 1 + (notes === -1 ? lines.length : notes)).join('\n');
}

describe('journey class grade, with the hostile set', () => {
  beforeAll(async () => {
    if (!sandboxed) return;
    mkdirSync(submissions, { recursive: true });
    mkdirSync(secret, { recursive: true });
    writeFileSync(join(secret, 'secret.txt'), 'the hidden tests');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const targets: Targets = { root, submissions, secret, port: (server.address() as { port: number }).port, marker };
    writeClass(fixtureLabs, submissions, { solutions: 2, starters: 1, partial: 0, hostile, labs: ['adder'] }, targets);
    // The adder has one learner file, so partial work is written by hand: the first stage done, the second not.
    const partial = join(submissions, 'partial-1', 'workspace', 'adder');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'add.ts'), readFileSync(join(fixtureLabs, 'adder', 'solution', 'add.ts'), 'utf8').replace('return toU32(a + b);', "throw new Error('TODO');"));
    // The most of the fork bomb's processes (each subshell carries the marker) seen at once while the class grades.
    const sample = setInterval(() => (bombPeak = Math.max(bombPeak, leftRunning().length)), 250);
    first = await journeyAsync(['class', 'grade', submissions, '--labs', 'adder', '--out', out, '--jobs', '2', ...LIMITS], { JOURNEY_LABS: fixtureLabs });
    clearInterval(sample);
    rows = readCsv(out);
  }, 600_000);
  afterAll(() => {
    server.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('grades every submission into the gradebook, saying which sandbox ran each', (context) => {
    if (!sandboxed) skipWithout(context, 'sandbox');
    expect(first.code, first.stderr).toBe(0);
    expect(rows.map((r) => r.student).sort()).toEqual(['partial-1', 'solution-1', 'solution-2', 'starter-1', ...hostile.map((h) => h.student)].sort());
    expect(new Set(rows.map((r) => r.isolation))).toEqual(new Set(['bubblewrap']));
    expect(first.stdout.split('\n')[0]).toMatch(/isolation: bubblewrap/);
    expect(readFileSync(out.replace(/\.csv$/, '.log'), 'utf8')).toContain('hostile-forge-channel adder 0/10 tampered [bubblewrap]');
  });

  it('scores the honest submissions as journey grade would', (context) => {
    if (!sandboxed) skipWithout(context, 'sandbox');
    for (const s of ['solution-1', 'solution-2']) expect([row(s).score, row(s).status], s).toEqual(['10', 'pass']);
    expect([row('starter-1').score, row('starter-1').status]).toEqual(['0', 'fail']);
    expect([row('partial-1').score, row('partial-1').small, row('partial-1').wrap]).toEqual(['4', '4', '0']);
    expect([row('solution-1').small, row('solution-1').wrap]).toEqual(['4', '6']);
  });

  it('contains each attack, scores it honestly and names it in the log', (context) => {
    if (!sandboxed) skipWithout(context, 'sandbox');
    expect(row('hostile-loop-import').score).toBe('0');
    expect(logOf('hostile-loop-import')).toMatch(/did not finish loading within 5 s/);
    expect(row('hostile-loop-test').status).toBe('fail');
    expect(logOf('hostile-loop-test')).toMatch(/small: hung, stopped at its time limit/);
    expect(row('hostile-exit').status).toBe('fail');
    expect(logOf('hostile-exit')).toMatch(/process\.exit/);
    expect(row('hostile-output').status).not.toBe('pass');
    // The solution with failed escapes: every write, read and connection was refused, so the code scores what it earns.
    expect(row('hostile-escape').status).toBe('pass');
    expect(connections).toBe(0);
    for (const dir of [root, join(submissions, 'solution-1'), secret, '/tmp']) expect(existsSync(join(dir, `ESCAPED-${marker}`)), dir).toBe(false);
    for (const s of ['hostile-patch-globals', 'hostile-forge-channel']) {
      expect([s, row(s).status, row(s).score]).toEqual([s, 'tampered', '0']);
      expect(logOf(s)).toMatch(/tampering: /);
    }
    // Node's permission model, in the test workers too, refuses the fork bomb's first process
    // (src/class/sandbox.test.ts shows the process limit under it holding one, root or not); the batch went on.
    expect(bombPeak).toBe(0);
    expect(['pass', 'fail']).toContain(row('hostile-fork-bomb').status);
    expect(leftRunning()).toEqual([]);
  });

  it('resumes from its cache: a second run grades nothing again', async (context) => {
    if (!sandboxed) skipWithout(context, 'sandbox');
    const again = await journeyAsync(['class', 'grade', submissions, '--labs', 'adder', '--out', out, '--jobs', '2', ...LIMITS], { JOURNEY_LABS: fixtureLabs });
    const heads = again.stdout.split('\n').filter((l) => / adder \d+\/10 /.test(l));
    expect(heads.length).toBe(rows.length);
    expect(heads.filter((l) => !l.endsWith('(cached)'))).toEqual([]);
    expect(readCsv(out).map((r) => [r.student, r.score, r.status])).toEqual(rows.map((r) => [r.student, r.score, r.status]));
  }, 120_000);
});

describe('journey class grade, without a sandbox', () => {
  it('refuses to grade, and says how to install one or what --unsafe means', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journey-class-none-'));
    try {
      const run = journey(['class', 'grade', dir, '--labs', 'dns', '--out', join(dir, 'g.csv')], { workspace: dir, more: { JOURNEY_PRETEND_MISSING: 'sandbox' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/no sandbox: bubblewrap \(bwrap\) is not installed/);
      expect(run.stderr).toMatch(/sudo apt-get install bubblewrap.*--unsafe/s);
      expect(existsSync(join(dir, 'g.csv'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hidden tests', () => {
  const hiddenFixture = join(root, 'tests', 'fixtures', 'hidden');

  it('checks a hidden folder like a lab: each file passes on the solution and fails on the starter', async () => {
    const good = await journeyAsync(['class', 'check-hidden', hiddenFixture, '--labs', 'adder'], { JOURNEY_LABS: fixtureLabs });
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('✓ adder/tests/large-sums.test.ts (Sums past 2^40 are exact)');
  }, 120_000);

  it('go into Gradescope\'s results.json with journey grade --hidden, by their message alone, shown after the due date', async () => {
    const workspace = tempWorkspace();
    const graded = await journeyHere(['grade', 'adder', '--target', 'starter', '--format', 'gradescope', '--hidden', hiddenFixture], { workspace, labs: fixtureLabs });
    expect(graded.code).toBe(1);
    const out = JSON.parse(graded.stdout) as { score: number; tests: { name: string; visibility: string; status: string; max_score: number }[] };
    expect(out.tests.map((t) => [t.name, t.visibility, t.status, t.max_score])).toEqual([
      ['Small numbers', 'visible', 'failed', 4],
      ['32-bit wrap', 'visible', 'failed', 6],
      ['Hidden: Sums past 2^40 are exact', 'after_due_date', 'failed', 5],
    ]);
    expect(graded.stdout).not.toMatch(/HIDDEN-SECRET|large-sums|1099511627783/);
    const json = await journeyHere(['grade', 'adder', '--target', 'starter', '--json', '--hidden', hiddenFixture], { workspace, labs: fixtureLabs });
    expect([json.code, json.stderr]).toEqual([2, expect.stringContaining('--hidden goes with --format gradescope')]);
  }, 120_000);

  it('rejects a hidden test the starter passes, and a hidden.json naming a stage the lab lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journey-hidden-bad-'));
    try {
      mkdirSync(join(dir, 'adder', 'tests'), { recursive: true });
      writeFileSync(join(dir, 'adder', 'tests', 'trivial.test.ts'), "import { expect, it } from 'vitest';\nit('always', () => expect(1).toBe(1));\n");
      writeFileSync(join(dir, 'adder', 'hidden.json'), JSON.stringify({ tests: [{ file: 'trivial.test.ts', stage: 'small', points: 1, message: 'trivial' }] }));
      const trivial = await journeyAsync(['class', 'check-hidden', dir, '--labs', 'adder'], { JOURNEY_LABS: fixtureLabs });
      expect(trivial.code).toBe(1);
      expect(trivial.stdout).toContain('✗ adder/tests/trivial.test.ts (trivial): passes on the starter, so it checks nothing');
      writeFileSync(join(dir, 'adder', 'hidden.json'), JSON.stringify({ tests: [{ file: 'trivial.test.ts', stage: 'nope', points: 1, message: 'trivial' }] }));
      const unknown = await journeyAsync(['class', 'check-hidden', dir, '--labs', 'adder'], { JOURNEY_LABS: fixtureLabs });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/tests\[0\]\.stage: the adder lab has no stage "nope"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('adds their points to their stage, and shows a learner only their message, never their source, values or output', async (context) => {
    if (!sandboxed) skipWithout(context, 'sandbox');
    const dir = mkdtempSync(join(tmpdir(), 'journey-hidden-grade-'));
    try {
      const subs = join(dir, 'submissions');
      mkdirSync(subs);
      writeClass(fixtureLabs, subs, { solutions: 1, starters: 1, partial: 0, hostile: [], labs: ['adder'] }, { root, submissions: subs, secret: dir, port: 9, marker });
      const csv = join(dir, 'gradebook.csv');
      const feedback = join(dir, 'feedback');
      const run = await journeyAsync(['class', 'grade', subs, '--labs', 'adder', '--hidden', hiddenFixture, '--out', csv, '--jobs', '2', '--feedback', feedback], { JOURNEY_LABS: fixtureLabs });
      expect(run.code, run.stderr).toBe(0);
      const graded = readCsv(csv);
      const of = (s: string) => graded.find((r) => r.student === s)!;
      expect([of('solution-1').score, of('solution-1').max, of('solution-1').small, of('solution-1').status]).toEqual(['15', '15', '9', 'pass']);
      expect([of('starter-1').score, of('starter-1').max]).toEqual(['0', '15']);
      expect(run.stdout).toContain('starter-1 adder 0/15 fail hidden 0/1');
      expect(run.stdout).toContain('small: hidden test failed: Sums past 2^40 are exact');
      const learner = JSON.parse(readFileSync(join(feedback, 'starter-1', 'adder.json'), 'utf8')) as { score: number; hidden: unknown[] };
      expect([learner.score, learner.hidden]).toEqual([0, [{ stage: 'small', points: 5, message: 'Sums past 2^40 are exact', passed: false }]]);
      const everything = run.stdout + run.stderr + readFileSync(csv, 'utf8') + readFileSync(csv.replace(/\.csv$/, '.log'), 'utf8') + readFileSync(join(feedback, 'starter-1', 'adder.json'), 'utf8');
      expect(everything).not.toMatch(/HIDDEN-SECRET|large-sums|1099511627783/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
