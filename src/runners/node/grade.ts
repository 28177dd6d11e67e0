/**
 * The Node runner: grades one lab target in a child process and watches each
 * test. A synchronous infinite loop cannot be interrupted from inside, so a
 * test that overruns its limit gets the whole child killed; the test is
 * reported as timed out and the stages not yet finished are run again without it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labAliases } from '../../course/aliases.ts';
import type { Lab, Target } from '../../course/labs.ts';
import { targetDir } from '../../course/labs.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { gradeResult, stageResult, type GradeResult, type TestResult } from '../result.ts';
import { stageOfFile, TEST_TIMEOUT_MS, type SessionEvent, type SessionOptions } from './vitest-session.ts';

/** How far past the per-test limit a test may run before its process is killed. */
const GRACE_MS = 2_000;

export interface GradeOptions {
  paths: CoursePaths;
  lab: Lab;
  target: Target;
  /** Grade the files in this folder instead of the target's own (imported zips, batch grading). */
  implDir?: string;
  /** Stage ids to run; every stage when omitted. */
  stages?: readonly string[];
  /** Per-test limit before the run is killed (tests use a short one). */
  testTimeoutMs?: number;
}

interface StageProgress {
  tests: TestResult[];
  error?: string;
  done: boolean;
}

const childEntry = fileURLToPath(new URL('./grade-child.ts', import.meta.url));

/** Grades a lab target with Vitest and returns the course's result shape. */
export async function gradeLab(options: GradeOptions): Promise<GradeResult> {
  const started = performance.now();
  const { lab, paths } = options;
  const implDir = options.implDir ?? targetDir(paths, lab, options.target);
  const stages = options.stages ? lab.manifest.stages.filter((s) => options.stages!.includes(s.id)) : lab.manifest.stages;
  const progress = new Map<string, StageProgress>(stages.map((s) => [s.id, { tests: [], done: false }]));
  const finish = (error?: string) =>
    gradeResult(
      { lab: lab.id, target: options.target, runner: 'node', durationMs: Math.round(performance.now() - started) },
      stages.map((s) => {
        const p = progress.get(s.id)!;
        return stageResult(s, p.tests, p.error ?? (p.done ? undefined : 'not graded'));
      }),
      error,
    );

  if (!existsSync(implDir)) return finish(`nothing to grade: ${implDir} does not exist`);

  const unhandled: string[] = [];
  // Each pass runs the unfinished stages; a pass ends early only when a test hangs,
  // and that stage is then closed, so the number of passes is bounded by the stage count.
  for (let pass = 0; pass <= stages.length; pass++) {
    const remaining = stages.filter((s) => !progress.get(s.id)!.done);
    if (!remaining.length) break;
    const outcome = await runChild(
      {
        root: paths.root,
        aliases: labAliases(paths, implDir),
        files: remaining.map((s) => `${lab.dir}/tests/${s.id}.test.ts`),
      },
      options.testTimeoutMs ?? TEST_TIMEOUT_MS,
      (event) => {
        if (event.kind === 'test-end') progress.get(event.stage)?.tests.push(event.result);
        if (event.kind === 'stage-end') {
          const p = progress.get(event.stage);
          if (p) Object.assign(p, { done: true }, event.error ? { error: event.error } : {});
        }
        if (event.kind === 'run-end') unhandled.push(...event.unhandled);
      },
    );
    if (outcome.kind === 'crash') return finish(`the grader crashed: ${outcome.message}`);
    if (outcome.kind === 'hung') {
      const p = progress.get(outcome.stage)!;
      p.tests.push({
        name: outcome.name,
        status: 'failed',
        message: `did not finish within ${outcome.limitMs / 1000} s and was stopped: look for a loop that never ends, or a promise that never settles`,
        durationMs: outcome.limitMs,
      });
      p.error = `stopped at the test "${outcome.name}", which never finished; the stage's later tests were not run`;
      p.done = true;
    }
  }
  return finish(unhandled.length ? `errors outside any test:\n${unhandled.join('\n')}` : undefined);
}

type ChildOutcome =
  | { kind: 'done' }
  | { kind: 'hung'; stage: string; name: string; limitMs: number }
  | { kind: 'crash'; message: string };

/** Runs one grading child, relaying its events, killing it if a test overruns. */
function runChild(session: SessionOptions, limitMs: number, onEvent: (e: SessionEvent) => void): Promise<ChildOutcome> {
  const progressDir = mkdtempSync(join(tmpdir(), 'journey-progress-'));
  const progressFile = join(progressDir, 'tests.jsonl');
  writeFileSync(progressFile, '');
  return new Promise<ChildOutcome>((resolve) => {
    const child = spawn(process.execPath, [childEntry, JSON.stringify(session)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      detached: true, // its own process group, so the kill reaches Vitest's forks too
      env: { ...process.env, JOURNEY_PROGRESS_FILE: progressFile },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let settled: ChildOutcome | undefined;
    const settle = (outcome: ChildOutcome) => {
      if (settled) return;
      settled = outcome;
      clearInterval(watchdog);
      if (outcome.kind === 'hung') killGroup(child.pid);
    };
    const watchdog = setInterval(() => {
      const hung = overrunningTest(progressFile, limitMs + GRACE_MS);
      if (hung) settle({ kind: 'hung', stage: stageOfFile(hung.file), name: hung.name, limitMs });
    }, 250);
    child.on('message', (raw) => {
      const event = raw as SessionEvent | { kind: 'crash'; message: string };
      if (settled) return;
      if (event.kind === 'crash') return settle(event);
      onEvent(event);
    });
    child.on('exit', (code, signal) => {
      settle(code === 0 ? { kind: 'done' } : { kind: 'crash', message: `exit ${code ?? signal}: ${stderr.trim()}` });
      resolve(settled!);
    });
  }).finally(() => rmSync(progressDir, { recursive: true, force: true }));
}

/** The test that started and has not ended for longer than `limitMs`, from the progress lines. */
function overrunningTest(progressFile: string, limitMs: number): { name: string; file: string } | undefined {
  const lines = readFileSync(progressFile, 'utf8').trim().split('\n');
  const last = lines.at(-1);
  if (!last) return undefined;
  const entry = JSON.parse(last) as { event: 'start' | 'end'; at: number; name: string; file: string };
  return entry.event === 'start' && Date.now() - entry.at > limitMs ? entry : undefined;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
