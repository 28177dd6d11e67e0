/**
 * The Node runner's side of one grading child (grade-child.ts): spawned in its
 * own process group with its own temp folder, both registered with the reaper.
 * A run relays the child's events and its progress channel's lines to the
 * shared passes; when the watchdog stops the run, the whole group is killed.
 * One child can be started ahead of time (`prestartGrader`), so Vitest loads
 * while the CLI is still reading the lab.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraderEvent } from '../embedded/protocol.ts';
import type { PassOutcome } from '../passes.ts';
import type { WatchFeed } from '../watchdog.ts';
import type { ChildReply, ChildRequest } from './child-protocol.ts';
import { ProgressReader, progressKey, type ProgressEntry } from './progress-channel.ts';
import { killGroup, track } from './reaper.ts';
import { stageOfFile } from './stage-file.ts';
import type { RunOrder, SessionSetup } from './vitest-session.ts';

/** How often the progress channel is read. */
const POLL_MS = 100;

const childEntry = fileURLToPath(new URL('./grade-child.ts', import.meta.url));

/** A program and its arguments and environment, as spawn takes them. */
export interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Wraps the child's command line, e.g. in a sandbox (class/sandbox.ts), given
 * the child's own command and its temp folder, the one place it writes.
 */
export type Launcher = (child: Launch, tempDir: string) => Launch;

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

/** One grading child process. */
export class GradingChild {
  /** Its temp folder (its TMPDIR): Vitest keeps files in one, which it leaves behind when killed. */
  private readonly dir: string;
  private readonly child: ChildProcess;
  private readonly release: () => void;
  private stderr = '';
  private gone = false;
  /** Kept from one grade to the next (journey watch). */
  private kept = false;
  /** Resolves once the child has exited and been reaped. */
  readonly ended: Promise<void>;
  /** Who hears the child's next replies, and its end. */
  private listener: { reply(reply: ChildReply): void; exit(why: string): void } | undefined;

  private constructor(launcher?: Launcher) {
    this.dir = mkdtempSync(join(tmpdir(), 'journey-grade-'));
    const own: Launch = { command: process.execPath, args: [childEntry], env: { ...process.env, TMPDIR: this.dir, TMP: this.dir, TEMP: this.dir } };
    const launch = launcher ? launcher(own, this.dir) : own;
    this.child = spawn(launch.command, launch.args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      detached: true, // its own process group, so one kill ends it and anything it started
      env: launch.env,
    });
    this.release = this.child.pid === undefined ? () => {} : track(this.child.pid, this.dir);
    // Only a run or a question in progress keeps this process alive for the child (see `busy`): a child
    // started ahead of time for a grade that never comes (a usage error) must not hold the CLI open.
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as Socket | null)?.unref();
    this.child.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.child.on('message', (reply) => this.listener?.reply(reply as ChildReply));
    this.child.on('error', (error) => (this.stderr = error.message));
    this.ended = new Promise((resolve) =>
      this.child.on('close', (code, signal) => {
        this.cleanUp();
        this.listener?.exit(`exit ${code ?? signal}: ${this.stderr.trim()}`);
        resolve();
      }),
    );
  }

  /** A child to grade with: the one started ahead of time, if any, or a new one (always new when launched through `launcher`). */
  static take(launcher?: Launcher): GradingChild {
    if (launcher) return new GradingChild(launcher);
    const child = spare;
    spare = undefined;
    return child && !child.gone ? child : new GradingChild();
  }

  /** Starts a child now, for the next `take()`; it ends by itself if this process ends first. */
  static prestart(): void {
    spare ??= new GradingChild();
  }

  /** Marks the child as kept between grades: each run then readies the next run's threads when it ends. */
  keep(): this {
    this.kept = true;
    return this;
  }

  /** False once the child has ended or been killed. */
  get alive(): boolean {
    return !this.gone;
  }

  /** Runs batches of stage files (see RunOrder), relaying results to `onEvent` and progress to `watch`, until the run ends or `signal` stops it. */
  run(setup: SessionSetup, plan: Pick<RunOrder, 'batches' | 'changed'> & { seed: number }, onEvent: (event: GraderEvent) => void, watch: WatchFeed, signal: AbortSignal): Promise<PassOutcome> {
    if (this.gone) return Promise.resolve({ kind: 'crash', message: `the grading child had already ended: ${this.stderr.trim()}` });
    // One run at a time, each with a fresh file and key.
    const channel = { file: join(this.dir, 'progress.jsonl'), key: progressKey() };
    // The child's first line creates the file, as the user it runs as (a sandbox's may not be this process's).
    rmSync(channel.file, { force: true });
    const reader = new ProgressReader(channel);
    const relay = new ProgressRelay(onEvent, watch);
    const drain = () => reader.read().forEach((e) => relay.progress(e));
    return new Promise<PassOutcome>((resolve) => {
      const poll = setInterval(drain, POLL_MS);
      const done = this.busy();
      const finish = (outcome: PassOutcome) => {
        done();
        clearInterval(poll);
        signal.removeEventListener('abort', stop);
        this.listener = undefined;
        // A child that failed or was stopped is never used again.
        if (outcome.kind !== 'done') this.kill();
        else rmSync(channel.file, { force: true });
        resolve(outcome);
      };
      const stop = () => {
        drain();
        relay.flush();
        finish({ kind: 'stopped' });
      };
      signal.addEventListener('abort', stop, { once: true });
      this.listener = {
        reply: (reply) => {
          if (reply.kind === 'crash') return finish({ kind: 'crash', message: reply.message });
          if (reply.kind === 'run-done') {
            drain();
            return finish({ kind: 'done' });
          }
          // The progress lines written before the run ended are read first: an unhandled rejection there may be its only report.
          if (reply.kind === 'run-end') drain();
          if (reply.kind !== 'dependents') relay.result(reply);
        },
        exit: (why) => finish({ kind: 'crash', message: why }),
      };
      const changed = plan.changed ? { changed: plan.changed } : {};
      const context = { seed: plan.seed, progress: channel, learner: setup.impl, ...(setup.canary ? { canary: setup.canary } : {}) };
      this.send({ type: 'run', setup, order: { batches: plan.batches, warm: this.kept, ...changed, context } });
    });
  }

  /** Which of these stage files import a changed file, by the child's module graph; undefined when it cannot tell. */
  dependents(setup: SessionSetup, changed: string[], files: string[]): Promise<string[] | undefined> {
    if (this.gone) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = this.busy();
      const finish = (answer: string[] | undefined) => {
        done();
        this.listener = undefined;
        resolve(answer);
      };
      this.listener = {
        reply: (reply) => {
          if (reply.kind === 'dependents') finish(reply.files ?? undefined);
          else if (reply.kind === 'crash') finish(undefined);
        },
        exit: () => finish(undefined),
      };
      this.send({ type: 'dependents', setup, changed, files });
    });
  }

  /** Kills the child's whole process group and removes its temp folder. */
  kill(): void {
    // Held until it has exited: whoever awaits `ended` needs this process alive to hear the child close
    // (unref'd, a slow exit ended `journey grade` with "unsettled top-level await" and no scoreboard).
    this.child.ref();
    if (this.child.pid !== undefined && !this.gone) killGroup(this.child.pid);
    this.cleanUp();
  }

  /** Keeps this process alive for the child's replies until the returned function is called. */
  private busy(): () => void {
    this.child.channel?.ref();
    return () => this.child.channel?.unref();
  }

  private send(request: ChildRequest): void {
    this.child.send(request);
  }

  private cleanUp(): void {
    if (this.gone) return;
    this.gone = true;
    rmSync(this.dir, { recursive: true, force: true });
    this.release();
  }
}

let spare: GradingChild | undefined;

/** Starts the next grading child ahead of time (the CLI calls it first thing for grade and watch). */
export function prestartGrader(): void {
  GradingChild.prestart();
}
