/**
 * A grade result (result.ts) as other graders' result files, for
 * `journey grade --format`: Exercism's test-runner `results.json` (version 3,
 * one entry per test, the stage as its task), Gradescope's autograder
 * `results.json` and PrairieLearn's external grader `results.json` (one
 * entry per stage, since points are earned per stage; PrairieLearn's score
 * is a fraction). Gradescope's may add a teacher's hidden tests (`journey
 * grade --hidden`), each by its message alone, shown after the due date.
 */
import type { GradeResult, StageResult, TestResult } from './result.ts';
import { testSummary, unfinished } from './result.ts';

export const FORMATS = ['exercism', 'gradescope', 'prairielearn'] as const;
export type Format = (typeof FORMATS)[number];

/** Exercism caps a test's output at 500 characters. */
const EXERCISM_OUTPUT_CHARS = 500;

/** A stage's failures in words: the count, then each unfinished test with the first line of its message. */
function stageOutput(stage: StageResult): string {
  const lines = [`${stage.title}: ${stage.earned}/${stage.points} points (${testSummary(stage.tests)})`];
  if (stage.error) lines.push(stage.error);
  for (const t of stage.tests.filter(unfinished)) lines.push(`✗ ${t.name}${t.message ? `: ${t.message.split('\n')[0]}` : ` (${t.status})`}`);
  return lines.join('\n');
}

function exercismStatus(test: TestResult): 'pass' | 'fail' | 'error' {
  return test.status === 'passed' ? 'pass' : test.status === 'hung' ? 'error' : 'fail';
}

/** Exercism's test-runner results.json, version 3. */
function exercism(result: GradeResult): object {
  return {
    version: 3,
    status: result.status,
    ...(result.message ? { message: result.message } : {}),
    tests: result.stages.flatMap((stage, i) => [
      ...(stage.error ? [{ name: `${stage.title}: loading`, test_code: `labs/${result.lab}/tests/${stage.id}.test.ts`, status: 'error', message: stage.error, task_id: i + 1 }] : []),
      ...stage.tests.map((t) => ({
        name: t.name,
        test_code: `labs/${result.lab}/tests/${stage.id}.test.ts`,
        status: exercismStatus(t),
        ...(t.message ? { message: t.message } : t.status === 'not-run' ? { message: 'not run: an earlier test of its stage hung' } : {}),
        ...(t.output ? { output: t.output.slice(0, EXERCISM_OUTPUT_CHARS) } : {}),
        task_id: i + 1,
      })),
    ]),
  };
}

/** A hidden test's outcome, as much of it as a learner may see: the teacher's message, its points, pass or fail. */
export interface HiddenOutcome {
  message: string;
  points: number;
  passed: boolean;
}

/** Gradescope's autograder results.json: one test per stage, then each hidden test, visible only after the due date. */
function gradescope(result: GradeResult, hidden: readonly HiddenOutcome[]): object {
  const visible = result.stages.map((stage, i) => ({
    name: stage.title,
    number: String(i + 1),
    score: stage.earned,
    max_score: stage.points,
    status: stage.status === 'passed' ? 'passed' : 'failed',
    output: stageOutput(stage),
    visibility: 'visible',
  }));
  // Gradescope shows these once the due date has passed; never their source, values or output.
  const secret = hidden.map((h, i) => ({
    name: `Hidden: ${h.message}`,
    number: String(visible.length + i + 1),
    score: h.passed ? h.points : 0,
    max_score: h.points,
    status: h.passed ? 'passed' : 'failed',
    visibility: 'after_due_date',
  }));
  return {
    score: result.score + secret.reduce((sum, t) => sum + t.score, 0),
    ...(result.message ? { output: result.message } : {}),
    tests: [...visible, ...secret],
  };
}

/** PrairieLearn's external grader results.json: the score as a fraction, one test per stage. */
function prairielearn(result: GradeResult): object {
  return {
    gradable: result.status !== 'error',
    score: result.max ? result.score / result.max : 0,
    ...(result.message ? { message: result.message } : {}),
    tests: result.stages.map((stage) => ({
      name: stage.title,
      description: stage.id,
      points: stage.earned,
      max_points: stage.points,
      output: stageOutput(stage),
    })),
  };
}

/** The result as the named grader's results.json; hidden tests go only into Gradescope's, which can hide them. */
export function formatResult(result: GradeResult, format: Format, hidden: readonly HiddenOutcome[] = []): object {
  if (format === 'gradescope') return gradescope(result, hidden);
  if (hidden.length) throw new Error(`${format}'s results.json cannot hide a test from the learner`);
  return { exercism, prairielearn }[format](result);
}
