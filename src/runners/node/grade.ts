/**
 * The Node runner: grades one lab target in a child process and watches each
 * test. A synchronous infinite loop cannot be interrupted from inside, so a
 * test that overruns its limit gets the whole child killed (see passes.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseAliases } from '../../course/aliases.ts';
import type { Lab, Target } from '../../course/labs.ts';
import { implLayout, targetDir } from '../../course/labs.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { gradeInPasses, type PassEvent, type PassOutcome } from '../passes.ts';
import { gradeResult, stageResult, type GradeResult } from '../result.ts';
import { stageOfFile, TEST_TIMEOUT_MS, type SessionOptions } from './vitest-session.ts';

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

const childEntry = fileURLToPath(new URL('./grade-child.ts', import.meta.url));

/** Grades a lab target with Vitest and returns the course's result shape. */
export async function gradeLab(options: GradeOptions): Promise<GradeResult> {
  const { lab, paths } = options;
  const implDir = options.implDir ?? targetDir(paths, lab, options.target);
  const stages = options.stages ? lab.manifest.stages.filter((s) => options.stages!.includes(s.id)) : lab.manifest.stages;
  if (!existsSync(implDir)) {
    const fields = { lab: lab.id, target: options.target, runner: 'node' as const, durationMs: 0 };
    return gradeResult(fields, stages.map((s) => stageResult(s, [], 'not graded')), `nothing to grade: ${implDir} does not exist`);
  }
  const limitMs = options.testTimeoutMs ?? TEST_TIMEOUT_MS;
  return gradeInPasses({
    lab: lab.id,
    target: options.target,
    runner: 'node',
    stages,
    runPass: (remaining, onEvent) =>
      runChild(
        { root: paths.root, aliases: courseAliases(paths.root), impl: implLayout(lab, implDir), files: remaining.map((s) => join(lab.dir, 'tests', `${s.id}.test.ts`)) },
        limitMs,
        onEvent,
      ),
  });
}

/** Runs one grading child, relaying its events, killing it if a test overruns. */
function runChild(session: SessionOptions, limitMs: number, onEvent: (e: PassEvent) => void): Promise<PassOutcome> {
  const progressDir = mkdtempSync(join(tmpdir(), 'journey-progress-'));
  const progressFile = join(progressDir, 'tests.jsonl');
  writeFileSync(progressFile, '');
  return new Promise<PassOutcome>((resolve) => {
    const child = spawn(process.execPath, [childEntry, JSON.stringify(session)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      detached: true, // its own process group, so the kill reaches Vitest's forks too
      env: { ...process.env, JOURNEY_PROGRESS_FILE: progressFile },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let settled: PassOutcome | undefined;
    const settle = (outcome: PassOutcome) => {
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
      const event = raw as PassEvent | { kind: 'crash'; message: string };
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
  const last = readFileSync(progressFile, 'utf8').trim().split('\n').at(-1);
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
