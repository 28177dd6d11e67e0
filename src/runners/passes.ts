/**
 * Grading in passes, shared by every runner. A pass runs the stages not yet
 * finished under the one watchdog (watchdog.ts); when it fires, the runner
 * stops its process or worker, the overrun is recorded (a hung test keeps the
 * results its stage already had; a stage that never finished loading gets an
 * error) and the next pass runs the rest, including any stage that was
 * stopped half-way beside it. An overrun is blamed only on a stage that
 * overran with no other stage still open beside it; otherwise the open stages
 * run again one at a time. Each pass but that one closes at least one stage,
 * so passes are bounded, and the whole run has a time limit besides.
 */
import type { Stage } from '../course/manifest.ts';
import type { GraderEvent } from './embedded/protocol.ts';
import { gradeResult, stageResult, type GradeResult, type RunnerName, type Scoring, type StageResult, type TestResult } from './result.ts';
import type { Limits } from './rules.ts';
import { Watchdog, type Overrun, type WatchFeed } from './watchdog.ts';

/** How a pass ended: it finished, the watchdog stopped it, or the grader itself failed. */
export type PassOutcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'crash'; message: string };

export interface PassOptions {
  lab: string;
  target: string;
  runner: RunnerName;
  scoring: Scoring;
  limits: Limits;
  /** The stages this runner grades, in manifest order. */
  stages: readonly Stage[];
  /** Stages listed in the result but not run here (e.g. `host` stages in a browser). */
  notRun?: (stage: Stage) => StageResult | undefined;
  /**
   * Runs one pass: reports results through `onEvent`, progress through
   * `watch`, and stops its process or worker as soon as `signal` aborts.
   */
  runPass(stages: readonly Stage[], onEvent: (event: GraderEvent) => void, watch: WatchFeed, signal: AbortSignal): Promise<PassOutcome>;
}

/** The error of a stage the run ended before grading (a stop, a crash, the run's time limit). */
export const NOT_GRADED = 'not graded';

/** The message a hung test gets. */
export function hungMessage(limitMs: number): string {
  return `did not finish within ${limitMs / 1000} s and was stopped: look for a loop that never ends, or a promise that never settles; the stage's later tests were not run`;
}

/** The error of a stage whose files never finished loading. */
export function loadOverrunMessage(limitMs: number): string {
  return `its files did not finish loading within ${limitMs / 1000} s and grading was stopped: look for a loop (or an await that never settles) at the top level of your files, outside any function`;
}

interface Progress {
  tests: TestResult[];
  /** Every test of the stage, as collected before any ran. */
  names: string[];
  error: string | undefined;
  done: boolean;
}

/** Records what the watchdog stopped. */
function recordOverrun(progress: Progress, overrun: Overrun): void {
  if (overrun.scope === 'load') {
    progress.error = loadOverrunMessage(overrun.limitMs);
  } else if (overrun.scope === 'test') {
    const reported = new Set(progress.tests.map((t) => t.name));
    progress.tests.push({ name: overrun.name, status: 'hung', message: hungMessage(overrun.limitMs), durationMs: overrun.limitMs });
    for (const name of progress.names) {
      if (!reported.has(name) && name !== overrun.name) progress.tests.push({ name, status: 'not-run', durationMs: 0 });
    }
  }
  progress.done = true;
}

/** Tests in the order their file declares them (results can arrive in another), so equal runs give equal results. */
function inFileOrder(tests: TestResult[], names: readonly string[]): TestResult[] {
  const at = (t: TestResult) => {
    const i = names.indexOf(t.name);
    return i === -1 ? names.length : i;
  };
  return tests.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => at(a) - at(b) || i - j).map(([t]) => t);
}

/** Runs passes until every stage is graded (or the run's time is up) and assembles the result. */
export async function gradeInPasses(options: PassOptions): Promise<GradeResult> {
  const started = performance.now();
  const skipped = new Map(options.stages.flatMap((s) => {
    const r = options.notRun?.(s);
    return r ? [[s.id, r] as const] : [];
  }));
  const runnable = options.stages.filter((s) => !skipped.has(s.id));
  const progress = new Map<string, Progress>(runnable.map((s) => [s.id, { tests: [], names: [], error: undefined, done: false }]));
  const unhandled: string[] = [];
  let failure: string | undefined;

  const onEvent = (event: GraderEvent) => {
    const p = 'stage' in event ? progress.get(event.stage) : undefined;
    if (event.kind === 'stage-tests' && p) p.names = event.names;
    if (event.kind === 'test-end' && p) p.tests.push(event.result);
    if (event.kind === 'stage-end' && p) Object.assign(p, { done: true, error: event.error });
    // A stage run again reports its stray rejection again: each is listed once.
    if (event.kind === 'run-end') unhandled.push(...event.unhandled.filter((u) => !unhandled.includes(u)));
  };

  // Once the watchdog has stopped a pass while stages beside the one it named were still open, the
  // blame is unsure: on a busy machine a loop in one stage slows the others' loading and tests too.
  // From then on each open stage runs alone, where an overrun can only be its own.
  let alone = false;
  // Each pass closes a stage, except the one pass that finds the blame unsure.
  for (let pass = 0; pass <= runnable.length + 1 && !failure; pass++) {
    const open = runnable.filter((s) => !progress.get(s.id)!.done);
    if (!open.length) break;
    const remaining = alone ? open.slice(0, 1) : open;
    // A stage graded beside the one that overran was stopped with it: it runs again from the start.
    for (const s of remaining) Object.assign(progress.get(s.id)!, { tests: [], names: [], error: undefined });
    const controller = new AbortController();
    let overrun: Overrun | undefined;
    const watchdog = new Watchdog(options.limits, options.limits.runMs - (performance.now() - started), (o) => {
      overrun = o;
      controller.abort();
    });
    // The stages that began loading in this pass: one still waiting its turn cannot have slowed another.
    const begun = new Set<string>();
    const watch: WatchFeed = {
      loading(stage) {
        begun.add(stage);
        watchdog.loading(stage);
      },
      started(stage, name) {
        begun.add(stage);
        watchdog.started(stage, name);
      },
      ended: (stage) => watchdog.ended(stage),
    };
    let outcome: PassOutcome;
    try {
      outcome = await options.runPass(remaining, onEvent, watch, controller.signal);
    } catch (error) {
      outcome = { kind: 'crash', message: (error as Error).message ?? String(error) };
    } finally {
      watchdog.stop();
    }
    const stopped = overrun as Overrun | undefined;
    if (stopped?.scope === 'run') failure = `the whole run took longer than ${stopped.limitMs / 1000} s and was stopped`;
    else if (stopped && [...begun].some((id) => id !== stopped.stage && progress.get(id)?.done === false)) alone = true;
    else if (stopped) recordOverrun(progress.get(stopped.stage)!, stopped);
    else if (outcome.kind === 'crash') failure = `the grader crashed: ${outcome.message}`;
  }
  const stages = options.stages.map((s) => {
    const notRun = skipped.get(s.id);
    if (notRun) return notRun;
    const p = progress.get(s.id)!;
    return stageResult(s, inFileOrder(p.tests, p.names), p.error ?? (p.done ? undefined : NOT_GRADED), options.scoring);
  });
  const error = failure ?? (unhandled.length ? `errors outside any test:\n${unhandled.join('\n')}` : undefined);
  return gradeResult(
    { lab: options.lab, target: options.target, runner: options.runner, scoring: options.scoring, durationMs: Math.round(performance.now() - started) },
    stages,
    error,
  );
}
