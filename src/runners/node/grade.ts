/**
 * The Node runner: grades one lab target in a child process, watching each
 * stage's loading and each test through the progress channel. A synchronous
 * infinite loop cannot be interrupted from inside, so when the shared
 * watchdog fires the whole child is killed (see passes.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseAliases } from '../../course/aliases.ts';
import type { Lab, Target } from '../../course/labs.ts';
import { implLayout, targetDir } from '../../course/labs.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { courseSettings } from '../../course/settings.ts';
import type { GraderEvent } from '../embedded/protocol.ts';
import { gradeInPasses, type PassOutcome } from '../passes.ts';
import { gradeResult, stageResult, type GradeResult, type Scoring } from '../result.ts';
import { LIMITS, type Limits } from '../rules.ts';
import { parseSeed, SEED_VARIABLE } from '../seed.ts';
import type { WatchFeed } from '../watchdog.ts';
import { ProgressReader, progressKey, type ProgressEntry } from './progress-channel.ts';
import { killGroup, track } from './reaper.ts';
import { stageOfFile } from './stage-file.ts';
import type { SessionOptions } from './vitest-session.ts';

/** How often the progress channel is read. */
const POLL_MS = 100;

export interface GradeOptions {
  paths: CoursePaths;
  lab: Lab;
  target: Target;
  /** Grade the files in this folder instead of the target's own (imported zips, batch grading). */
  implDir?: string;
  /** Stage ids to run; every stage when omitted. */
  stages?: readonly string[];
  /** Overrides of the runner's limits (tests use short ones). */
  limits?: Partial<Limits>;
  /** fast-check's seed; `JOURNEY_SEED` or the course's fixed seed when omitted. */
  seed?: number;
  /** The course's scoring (course.json) when omitted. */
  scoring?: Scoring;
}

const childEntry = fileURLToPath(new URL('./grade-child.ts', import.meta.url));

/** Grades a lab target with Vitest and returns the course's result shape; never throws for what learner code does. */
export async function gradeLab(options: GradeOptions): Promise<GradeResult> {
  const { lab, paths } = options;
  const implDir = options.implDir ?? targetDir(paths, lab, options.target);
  const stages = options.stages ? lab.manifest.stages.filter((s) => options.stages!.includes(s.id)) : lab.manifest.stages;
  const scoring = options.scoring ?? courseSettings(paths).scoring;
  const limits = { ...LIMITS.node, ...options.limits };
  const refuse = (message: string) =>
    gradeResult({ lab: lab.id, target: options.target, runner: 'node', scoring, durationMs: 0 }, stages.map((s) => stageResult(s, [], 'not graded', scoring)), message);
  if (!existsSync(implDir)) return refuse(`nothing to grade: ${implDir} does not exist`);
  let seed: number;
  try {
    seed = options.seed ?? parseSeed(process.env[SEED_VARIABLE], SEED_VARIABLE);
  } catch (error) {
    return refuse((error as Error).message);
  }
  return gradeInPasses({
    lab: lab.id,
    target: options.target,
    runner: 'node',
    scoring,
    limits,
    stages,
    runPass: (remaining, onEvent, watch, signal) =>
      runChild(
        { root: paths.root, aliases: courseAliases(paths.root), impl: implLayout(lab, implDir), files: remaining.map((s) => join(lab.dir, 'tests', `${s.id}.test.ts`)), limits },
        seed,
        onEvent,
        watch,
        signal,
      ),
  });
}

/**
 * Turns progress lines into watchdog calls and, for results Vitest never got
 * to send (its updates are batched, and a hang stops them), into events.
 */
class ProgressRelay {
  /** Tests whose end the progress channel saw, per stage, not yet reported by Vitest. */
  private readonly ended = new Map<string, Extract<GraderEvent, { kind: 'test-end' }>>();
  private readonly reported = new Set<string>();
  /** Errors outside any test, as the test workers saw them. */
  private readonly unhandled: string[] = [];
  private readonly onEvent: (event: GraderEvent) => void;
  private readonly watch: WatchFeed;

  constructor(onEvent: (event: GraderEvent) => void, watch: WatchFeed) {
    this.onEvent = onEvent;
    this.watch = watch;
  }

  progress(entry: ProgressEntry): void {
    const stage = stageOfFile(entry.file);
    if (entry.event === 'load') this.watch.loading(stage);
    if (entry.event === 'tests') this.onEvent({ kind: 'stage-tests', stage, names: entry.names });
    if (entry.event === 'unhandled' && !this.unhandled.includes(entry.message)) this.unhandled.push(entry.message);
    if (entry.event === 'start') this.watch.started(stage, entry.name);
    if (entry.event === 'end') {
      this.watch.ended(stage);
      const key = `${stage}\0${entry.name}`;
      if (!this.reported.has(key)) {
        const status = entry.passed ? 'passed' : 'failed';
        this.ended.set(key, { kind: 'test-end', stage, result: { name: entry.name, status, ...(entry.message ? { message: entry.message } : {}), durationMs: entry.durationMs } });
      }
    }
  }

  /** A result from Vitest, which has the output and wins over the progress line. */
  result(event: GraderEvent): void {
    // A stage's end comes only from Vitest (a file that fails to load runs no hooks).
    if (event.kind === 'stage-end') this.watch.ended(event.stage);
    if (event.kind === 'test-end') {
      const key = `${event.stage}\0${event.result.name}`;
      this.reported.add(key);
      this.ended.delete(key);
    }
    if (event.kind === 'run-end') return this.onEvent({ kind: 'run-end', unhandled: [...new Set([...this.unhandled, ...event.unhandled])] });
    this.onEvent(event);
  }

  /** After a stop: the tests that ended but whose results Vitest had not sent yet. */
  flush(): void {
    for (const event of this.ended.values()) this.onEvent(event);
    this.ended.clear();
    if (this.unhandled.length) this.onEvent({ kind: 'run-end', unhandled: this.unhandled });
  }
}

/** Runs one grading child, relaying its events, until it ends or the watchdog stops it. */
function runChild(
  session: Omit<SessionOptions, 'context'>,
  seed: number,
  onEvent: (event: GraderEvent) => void,
  watch: WatchFeed,
  signal: AbortSignal,
): Promise<PassOutcome> {
  // The child's own temp folder too: Vitest keeps files in one it leaves behind when killed.
  const dir = mkdtempSync(join(tmpdir(), 'journey-grade-'));
  const channel = { file: join(dir, 'progress.jsonl'), key: progressKey() };
  writeFileSync(channel.file, '');
  const reader = new ProgressReader(channel);
  const relay = new ProgressRelay(onEvent, watch);
  const child = spawn(process.execPath, [childEntry], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true, // its own process group, so one kill ends it and anything it started
    env: { ...process.env, TMPDIR: dir, TMP: dir, TEMP: dir },
  });
  const release = child.pid === undefined ? () => {} : track(child.pid, dir);
  return new Promise<PassOutcome>((resolve) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const poll = setInterval(() => reader.read().forEach((e) => relay.progress(e)), POLL_MS);
    const stop = () => {
      reader.read().forEach((e) => relay.progress(e));
      relay.flush();
      if (child.pid !== undefined) killGroup(child.pid);
    };
    signal.addEventListener('abort', stop, { once: true });
    child.on('message', (raw) => {
      const event = raw as GraderEvent | { kind: 'crash'; message: string };
      if (signal.aborted) return;
      if (event.kind === 'crash') stderr = event.message;
      else relay.result(event);
    });
    child.on('error', (error) => (stderr = error.message));
    child.on('close', (code, killedBy) => {
      clearInterval(poll);
      signal.removeEventListener('abort', stop);
      if (signal.aborted) return resolve({ kind: 'stopped' });
      reader.read().forEach((e) => relay.progress(e));
      resolve(code === 0 ? { kind: 'done' } : { kind: 'crash', message: `exit ${code ?? killedBy}: ${stderr.trim()}` });
    });
    child.send({ ...session, context: { seed, progress: channel } } satisfies SessionOptions);
  }).finally(() => {
    rmSync(dir, { recursive: true, force: true });
    release();
  });
}
