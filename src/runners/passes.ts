/**
 * Grading in passes, shared by the Node and worker runners. A pass runs the
 * stages not yet finished; when a test never returns, the runner kills its
 * process or worker and reports the test as hung, the stage is closed with
 * that test failed, and the next pass runs the rest. Each pass closes at least
 * one stage, so there are at most as many passes as stages.
 */
import type { Stage } from '../course/manifest.ts';
import { gradeResult, stageResult, type GradeResult, type RunnerName, type StageResult, type TestResult } from './result.ts';

/** What a runner reports while a pass runs. */
export type PassEvent =
  | { kind: 'test-end'; stage: string; result: TestResult }
  | { kind: 'stage-end'; stage: string; error?: string }
  | { kind: 'run-end'; unhandled: string[] };

/** How a pass ended. */
export type PassOutcome =
  | { kind: 'done' }
  | { kind: 'hung'; stage: string; name: string; limitMs: number }
  | { kind: 'crash'; message: string };

export interface PassOptions {
  lab: string;
  target: string;
  runner: RunnerName;
  /** The stages this runner grades, in manifest order. */
  stages: readonly Stage[];
  /** Stages listed in the result but not run here (e.g. `host` stages in a browser). */
  notRun?: (stage: Stage) => StageResult | undefined;
  runPass(stages: readonly Stage[], onEvent: (event: PassEvent) => void): Promise<PassOutcome>;
}

/** The message a hung test gets. */
export function hungMessage(limitMs: number): string {
  return `did not finish within ${limitMs / 1000} s and was stopped: look for a loop that never ends, or a promise that never settles`;
}

/** Runs passes until every stage is graded and assembles the result. */
export async function gradeInPasses(options: PassOptions): Promise<GradeResult> {
  const started = performance.now();
  const skipped = new Map(options.stages.flatMap((s) => {
    const r = options.notRun?.(s);
    return r ? [[s.id, r] as const] : [];
  }));
  const runnable = options.stages.filter((s) => !skipped.has(s.id));
  const progress = new Map(runnable.map((s) => [s.id, { tests: [] as TestResult[], error: undefined as string | undefined, done: false }]));
  const unhandled: string[] = [];
  let failure: string | undefined;

  for (let pass = 0; pass <= runnable.length; pass++) {
    const remaining = runnable.filter((s) => !progress.get(s.id)!.done);
    if (!remaining.length) break;
    const outcome = await options.runPass(remaining, (event) => {
      if (event.kind === 'test-end') progress.get(event.stage)?.tests.push(event.result);
      if (event.kind === 'stage-end') {
        const p = progress.get(event.stage);
        if (p) Object.assign(p, { done: true, error: event.error });
      }
      if (event.kind === 'run-end') unhandled.push(...event.unhandled);
    });
    if (outcome.kind === 'crash') {
      failure = `the grader crashed: ${outcome.message}`;
      break;
    }
    if (outcome.kind === 'hung') {
      const p = progress.get(outcome.stage)!;
      p.tests.push({ name: outcome.name, status: 'failed', message: hungMessage(outcome.limitMs), durationMs: outcome.limitMs });
      p.error = `stopped at the test "${outcome.name}", which never finished; the stage's later tests were not run`;
      p.done = true;
    }
  }
  const stages = options.stages.map((s) => {
    const notRun = skipped.get(s.id);
    if (notRun) return notRun;
    const p = progress.get(s.id)!;
    return stageResult(s, p.tests, p.error ?? (p.done ? undefined : 'not graded'));
  });
  const error = failure ?? (unhandled.length ? `errors outside any test:\n${unhandled.join('\n')}` : undefined);
  return gradeResult(
    { lab: options.lab, target: options.target, runner: options.runner, durationMs: Math.round(performance.now() - started) },
    stages,
    error,
  );
}
