/**
 * The one result shape every runner produces (Node, browser worker,
 * WebContainer) and `journey grade --json` prints. Field names overlap with
 * Exercism's test-runner results.json (top-level `status`; per-test `name`,
 * `status`, `message`, `output`) so autograders and LMS exports can read it.
 */
import { labPoints, type Manifest, type RunsIn } from '../course/manifest.ts';

export type RunnerName = 'node' | 'worker' | 'webcontainer';

export interface TestResult {
  /** The test's full name: its describe blocks and title, joined by " > ". */
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed: the assertion message (with the lab kit's hex or transcript diagnostic). */
  message?: string;
  /** What the learner's code printed while this test ran (capped). */
  output?: string;
  durationMs: number;
}

export interface StageResult {
  id: string;
  title: string;
  runsIn: RunsIn;
  points: number;
  earned: number;
  /** `not-run`: this runner cannot run the stage (e.g. a `host` stage in the browser). */
  status: 'passed' | 'failed' | 'not-run';
  /** A failure outside any test: the stage's file did not compile or threw on import. */
  error?: string;
  tests: TestResult[];
}

export interface GradeResult {
  /** Exercism-compatible: `pass` at full marks, `fail` otherwise, `error` when grading itself failed. */
  status: 'pass' | 'fail' | 'error';
  message?: string;
  lab: string;
  target: string;
  runner: RunnerName;
  score: number;
  max: number;
  stages: StageResult[];
  durationMs: number;
}

/** Most output kept per test, so a chatty loop cannot flood the scoreboard or a JSON export. */
export const OUTPUT_LIMIT = 4096;

/** Appends to captured output, stopping at OUTPUT_LIMIT with a visible marker. */
export function appendOutput(previous: string | undefined, chunk: string): string {
  const text = (previous ?? '') + chunk;
  if (text.length <= OUTPUT_LIMIT) return text;
  const marker = '\n… output truncated';
  return previous?.endsWith(marker) ? previous : text.slice(0, OUTPUT_LIMIT) + marker;
}

/**
 * Points earned for a stage: proportional to the tests passed, rounded down,
 * so the stage's full points need every test. A stage with no tests or an
 * import error earns nothing.
 */
export function stagePoints(points: number, tests: readonly TestResult[], error?: string): number {
  if (error || tests.length === 0) return 0;
  const passed = tests.filter((t) => t.status === 'passed').length;
  return Math.floor((points * passed) / tests.length);
}

/** Assembles a stage's result from its tests. */
export function stageResult(
  stage: Manifest['stages'][number],
  tests: TestResult[],
  error?: string,
): StageResult {
  const earned = stagePoints(stage.points, tests, error);
  const passed = !error && tests.length > 0 && tests.every((t) => t.status === 'passed');
  return {
    id: stage.id,
    title: stage.title,
    runsIn: stage.runsIn,
    points: stage.points,
    earned,
    status: passed ? 'passed' : 'failed',
    ...(error ? { error } : {}),
    tests,
  };
}

/** A stage this runner cannot run: listed with its points, nothing earned, no tests. */
export function notRunStage(stage: Manifest['stages'][number]): StageResult {
  return { id: stage.id, title: stage.title, runsIn: stage.runsIn, points: stage.points, earned: 0, status: 'not-run', tests: [] };
}

/** Totals the stages into the final result. */
export function gradeResult(
  fields: { lab: string; target: string; runner: RunnerName; durationMs: number },
  stages: StageResult[],
  error?: string,
): GradeResult {
  const score = stages.reduce((sum, s) => sum + s.earned, 0);
  const max = labPoints(stages);
  const status = error ? 'error' : score === max ? 'pass' : 'fail';
  return { status, ...(error ? { message: error } : {}), ...fields, score, max, stages };
}

/** What a runner knows of an error thrown in a test (Vitest's serialized TestError). */
export interface ReportedError {
  name?: string;
  message: string;
  diff?: string;
}

/**
 * A failed test's message, the same from every runner: the assertion's own
 * text (which lab-kit diagnostics fill in), then Vitest's diff. Results travel
 * as JSON to files, browsers and LMSs, so terminal colour codes are removed.
 */
export function failureText(errors: readonly ReportedError[]): string {
  return errors
    .map((e) => {
      const head = e.name && !['AssertionError', 'Error'].includes(e.name) ? `${e.name}: ${e.message}` : e.message;
      return e.diff ? `${head}\n\n${e.diff}` : head;
    })
    .join('\n\n')
    .replace(/\u001b\[[0-9;]*m/g, '');
}
