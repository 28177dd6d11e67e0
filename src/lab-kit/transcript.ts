/**
 * Step transcripts for state-machine graders: each step is recorded, and a
 * failed check prints every step so far, then "expected X, got Y", so the
 * learner sees how their code got into the wrong state.
 */
// Vitest's own equality and printing, so transcripts read like its diffs and run in the browser worker too.
import { equals } from '@vitest/expect';
import { stringify } from '@vitest/utils/display';
import { LabAssertionError } from './assertion.ts';

export class Transcript {
  private readonly steps: string[] = [];
  private readonly title: string;

  /** @param title what is being exercised, e.g. "resolver for www.shop.example A" */
  constructor(title: string) {
    this.title = title;
  }

  /** Records one step (an input given or an output observed). */
  step(description: string): void {
    this.steps.push(description);
  }

  /** Records a step and checks its outcome; on mismatch throws with the transcript. */
  expect<T>(description: string, actual: T, expected: T, see?: string): void {
    this.step(description);
    if (equals(actual, expected)) return;
    const shown = (v: unknown) => stringify(v, 10, { min: true, maxLength: 400 });
    this.fail(`expected ${shown(expected)}, got ${shown(actual)}`, shown(actual), shown(expected), see);
  }

  /** Throws with the transcript; for checks that are not a plain equality. */
  fail(reason: string, actual = '', expected = '', see?: string): never {
    const numbered = this.steps.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s}`);
    const message = [`${this.title}: ${reason}`, 'transcript:', ...numbered, ...(see ? [`see ${see}`] : [])].join('\n');
    throw new LabAssertionError(message, actual, expected, { kind: 'transcript', steps: [...this.steps] });
  }
}
