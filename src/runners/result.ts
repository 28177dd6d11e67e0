/**
 * The one result shape every runner produces (Node, browser worker,
 * WebContainer) and `journey grade --json` prints. Field names overlap with
 * Exercism's test-runner results.json (top-level `status`; per-test `name`,
 * `status`, `message`, `output`) so autograders and LMS exports can read it.
 */
import type { ImplLayout } from '../course/impl-layers.ts';
import type { Manifest } from '../course/manifest.ts';
import { labPoints, type RunsIn } from '../course/runs-in.ts';
import type { RunnerName } from './rules.ts';

export type { RunnerName } from './rules.ts';

/**
 * How a stage's points are earned (course.json `scoring`): all of them when
 * every test passes, or a share proportional to the tests passed.
 */
export const SCORINGS = ['all-or-nothing', 'proportional'] as const;
export type Scoring = (typeof SCORINGS)[number];
export const DEFAULT_SCORING: Scoring = 'all-or-nothing';

export interface TestResult {
  /** The test's full name: its describe blocks and title, joined by " > ". */
  name: string;
  /**
   * `hung`: overran its time limit and was stopped; `not-run`: a later test
   * of a stage that was stopped at a hung one.
   */
  status: 'passed' | 'failed' | 'skipped' | 'hung' | 'not-run';
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
  /** A failure outside any test: the stage's file did not compile, threw or hung on import. */
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
  scoring: Scoring;
  score: number;
  max: number;
  stages: StageResult[];
  durationMs: number;
}

/** Appends to captured output, stopping at `limit` characters with a visible marker. */
export function appendOutput(previous: string | undefined, chunk: string, limit: number): string {
  const text = (previous ?? '') + chunk;
  if (text.length <= limit) return text;
  const marker = '\n… output truncated';
  return previous?.endsWith(marker) ? previous : text.slice(0, limit) + marker;
}

/**
 * Points earned for a stage. All-or-nothing: every point when every test
 * passes, none otherwise. Proportional: the share of tests passed, rounded
 * down. A stage with no tests or a stage-level error earns nothing either way.
 */
export function stagePoints(points: number, tests: readonly TestResult[], error: string | undefined, scoring: Scoring): number {
  if (error || tests.length === 0) return 0;
  const passed = tests.filter((t) => t.status === 'passed').length;
  if (scoring === 'all-or-nothing') return passed === tests.length ? points : 0;
  return Math.floor((points * passed) / tests.length);
}

/** Assembles a stage's result from its tests. */
export function stageResult(
  stage: Manifest['stages'][number],
  tests: TestResult[],
  error: string | undefined,
  scoring: Scoring,
): StageResult {
  const earned = stagePoints(stage.points, tests, error, scoring);
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
  fields: { lab: string; target: string; runner: RunnerName; scoring: Scoring; durationMs: number },
  stages: StageResult[],
  error?: string,
): GradeResult {
  const score = stages.reduce((sum, s) => sum + s.earned, 0);
  const max = labPoints(stages);
  const status = error ? 'error' : score === max ? 'pass' : 'fail';
  const { durationMs, ...rest } = fields;
  return { status, ...(error ? { message: error } : {}), ...rest, score, max, stages, durationMs };
}

/** A test that did not pass: failed, hung, or never reached. */
export function unfinished(test: TestResult): boolean {
  return test.status === 'failed' || test.status === 'hung' || test.status === 'not-run';
}

/** How each test status reads in words ("3 not run"), in the order counts list them. */
export const STATUS_WORDS: Readonly<Record<TestResult['status'], string>> = { passed: 'passed', failed: 'failed', hung: 'hung', 'not-run': 'not run', skipped: 'skipped' };

/** A stage's tests counted by outcome, e.g. "22 passed, 1 hung, 1 not run", leaving out zeros. */
export function testSummary(
  tests: readonly Pick<TestResult, 'status'>[],
  separator = ', ',
  words: Readonly<Record<TestResult['status'], string>> = STATUS_WORDS,
  none = 'no tests',
): string {
  const counts = (Object.keys(STATUS_WORDS) as TestResult['status'][])
    .map((status) => [words[status], tests.filter((t) => t.status === status).length] as const)
    .filter(([, n]) => n > 0);
  return counts.map(([word, n]) => `${n} ${word}`).join(separator) || none;
}

/** What a runner knows of an error thrown in a test (Vitest's serialized TestError). */
export interface ReportedError {
  name?: string;
  message: string;
  diff?: string;
  cause?: unknown;
  stack?: string;
}

/** The error an error names as its cause, when it is one (fast-check puts the failed assertion there). */
export function causeOf(error: ReportedError): ReportedError | undefined {
  const { cause } = error;
  return cause && typeof cause === 'object' && 'message' in cause ? (cause as ReportedError) : undefined;
}

/**
 * Where a runner's stack traces show the learner's files: their folder (an
 * absolute path under Vitest's Node API, `/impl/` in an embedded run once its
 * module URLs are named) and their names.
 */
export type LearnerFiles = Pick<ImplLayout, 'learnerDir' | 'learnerFiles'>;

/** A stack frame's location: `(path:line:column)` or a bare `path:line:column` at the end of the line. */
const FRAME = /\(?(\S+?):(\d+):\d+\)?\s*$/;

/**
 * The first frame of a stack in one of the learner's files, as "header.ts:42":
 * the line the learner opens when their code threw. Lines only, no columns:
 * the embedded grader's transpiler keeps lines but not columns.
 */
function learnerFrame(stack: string | undefined, learner: LearnerFiles | undefined): string | undefined {
  if (!stack || !learner) return undefined;
  for (const line of stack.split('\n')) {
    const frame = FRAME.exec(line);
    if (!frame) continue;
    const path = frame[1]!.replace(/^file:\/\//, '');
    if (!path.startsWith(learner.learnerDir)) continue;
    const name = path.slice(learner.learnerDir.length).replace(/^\//, '');
    if (learner.learnerFiles.includes(name)) return `${name}:${frame[2]}`;
  }
  return undefined;
}

/** fast-check's report of a failed property, whose own message says little: the real error is its cause. */
const PROPERTY_FAILED = /^Property failed after (\d+) tests?\n\{ seed: (-?\d+), path: "([^"]*)"[^\n]*\}\n/;

/**
 * A failed property, cause first: the assertion or TODO that failed, then the
 * counterexample fast-check found, then the seed that finds it again.
 */
function propertyText(error: ReportedError, match: RegExpExecArray, learner: LearnerFiles | undefined): string {
  const rest = error.message.slice(match[0].length);
  const counterexample = /^Counterexample: .*$/m.exec(rest)?.[0] ?? '';
  const shrunk = /^Shrunk \d+ time\(s\)$/m.exec(rest)?.[0];
  const failed = causeOf(error);
  const cause = failed ? errorText(failed, learner) : undefined;
  const seed = `Found after ${match[1]} ${match[1] === '1' ? 'run' : 'runs'} with seed ${match[2]} (path "${match[3]}"); every grade uses this seed, and JOURNEY_SEED=<number> tries another.`;
  return [cause ?? rest.split('\n\n')[0], [counterexample, shrunk].filter(Boolean).join('\n'), seed].filter(Boolean).join('\n\n');
}

function errorText(e: ReportedError, learner: LearnerFiles | undefined): string {
  const property = PROPERTY_FAILED.exec(e.message);
  if (property) return propertyText(e, property, learner);
  const head = e.name && !['AssertionError', 'Error'].includes(e.name) ? `${e.name}: ${e.message}` : e.message;
  // An assertion fails in the test file; an error thrown from the learner's own code says where.
  const thrown = learnerFrame(e.stack, learner);
  return [head, ...(thrown ? [`Thrown at ${thrown}.`] : []), ...(e.diff ? [e.diff] : [])].join('\n\n');
}

/**
 * A failed test's message, the same from every runner: the assertion's own
 * text (which lab-kit diagnostics fill in), where the learner's code threw
 * (given where their files are), then Vitest's diff. Results travel as JSON
 * to files, browsers and LMSs, so terminal colour codes are removed.
 */
export function failureText(errors: readonly ReportedError[], learner?: LearnerFiles): string {
  return errors
    .map((e) => errorText(e, learner))
    .join('\n\n')
    .replace(/\u001b\[[0-9;]*m/g, '');
}
