// The results panel's counts: what a stage's note says about its tests.
import { describe, expect, it } from 'vitest';
import type { TestResult } from '../runners/result.ts';
import { testCounts } from './results-view.ts';

const tests = (status: string, n: number) => Array.from({ length: n }, () => ({ status }) as Pick<TestResult, 'status'>);

describe('testCounts', () => {
  it('says how many tests passed, failed and did not run, in that order, leaving out zeros', () => {
    // A stage that hung on its third test: 24 tests, 22 never ran.
    expect(testCounts([...tests('not-run', 22), ...tests('failed', 1), ...tests('passed', 1)])).toBe('1 passed · 1 failed · 22 not run');
    expect(testCounts(tests('failed', 24))).toBe('24 failed');
  });

  it('names a status it does not know as itself', () => {
    expect(testCounts([...tests('todo', 2), ...tests('passed', 1)])).toBe('1 passed · 2 todo');
  });
});
