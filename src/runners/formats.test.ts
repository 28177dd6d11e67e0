import { describe, expect, it } from 'vitest';
import { formatResult } from './formats.ts';
import { gradeResult, stageResult, type TestResult } from './result.ts';

const stage = (id: string, points: number) => ({ id, title: id.toUpperCase(), summary: id, points, runsIn: 'pure' as const, hints: ['h'] });
const t = (name: string, status: TestResult['status'], message?: string): TestResult => ({ name, status, durationMs: 1, ...(message ? { message } : {}) });
const result = gradeResult({ lab: 'dns', target: 'workspace', runner: 'node', scoring: 'all-or-nothing', durationMs: 5 }, [
  stageResult(stage('a', 10), [t('a1', 'passed'), t('a2', 'passed')], undefined, 'all-or-nothing'),
  stageResult(stage('b', 30), [t('b1', 'failed', 'expected 1\nmore'), t('b2', 'hung')], undefined, 'all-or-nothing'),
]);

describe('other graders\' result files', () => {
  it('Exercism v3: one entry per test, a hung test an error, the stage as its task', () => {
    const out = formatResult(result, 'exercism') as { version: number; status: string; tests: { name: string; status: string; task_id: number; test_code: string }[] };
    expect([out.version, out.status]).toEqual([3, 'fail']);
    expect(out.tests.map((x) => [x.name, x.status, x.task_id])).toEqual([['a1', 'pass', 1], ['a2', 'pass', 1], ['b1', 'fail', 2], ['b2', 'error', 2]]);
    expect(out.tests[2]!.test_code).toBe('labs/dns/tests/b.test.ts');
  });

  it('Gradescope: the score and one visible test per stage with its points', () => {
    const out = formatResult(result, 'gradescope') as { score: number; tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string }[] };
    expect(out.score).toBe(10);
    expect(out.tests.map((x) => [x.name, x.score, x.max_score, x.status, x.visibility])).toEqual([['A', 10, 10, 'passed', 'visible'], ['B', 0, 30, 'failed', 'visible']]);
    expect(out.tests[1]!.output).toBe('B: 0/30 points (1 failed, 1 hung)\n✗ b1: expected 1\n✗ b2 (hung)');
  });

  it('PrairieLearn: the score as a fraction of the maximum', () => {
    const out = formatResult(result, 'prairielearn') as { gradable: boolean; score: number; tests: { points: number; max_points: number }[] };
    expect([out.gradable, out.score]).toEqual([true, 0.25]);
    expect(out.tests.map((x) => [x.points, x.max_points])).toEqual([[10, 10], [0, 30]]);
  });

  it('Gradescope with hidden tests: each after the visible ones, by its message alone, shown after the due date, its points in the score', () => {
    const out = formatResult(result, 'gradescope', [{ message: 'Long labels', points: 5, passed: true }, { message: 'Pointer loops', points: 3, passed: false }]) as { score: number; tests: Record<string, unknown>[] };
    expect(out.score).toBe(15);
    expect(out.tests.slice(2)).toEqual([
      { name: 'Hidden: Long labels', number: '3', score: 5, max_score: 5, status: 'passed', visibility: 'after_due_date' },
      { name: 'Hidden: Pointer loops', number: '4', score: 0, max_score: 3, status: 'failed', visibility: 'after_due_date' },
    ]);
    expect(() => formatResult(result, 'prairielearn', [{ message: 'x', points: 1, passed: true }])).toThrow(/cannot hide a test/);
  });
});
