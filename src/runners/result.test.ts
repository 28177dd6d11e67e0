import { describe, expect, it } from 'vitest';
import { appendOutput, failureText, gradeResult, OUTPUT_LIMIT, stagePoints, stageResult, type TestResult } from './result.ts';

const test = (status: TestResult['status']): TestResult => ({ name: 't', status, durationMs: 0 });
const stage = { id: 's', title: 'S', summary: 'x', points: 10, runsIn: 'pure' as const, hints: ['h'] };

describe('scoring', () => {
  it('gives points in proportion to the tests passed, rounded down', () => {
    expect(stagePoints(10, [test('passed'), test('failed'), test('failed')])).toBe(3);
    expect(stagePoints(10, [test('passed'), test('passed')])).toBe(10);
  });

  it('gives nothing for a stage with no tests or a load error', () => {
    expect(stagePoints(10, [])).toBe(0);
    expect(stagePoints(10, [test('passed')], 'SyntaxError')).toBe(0);
  });

  it('passes a stage only when every test passes; skipped tests count as not passed', () => {
    expect(stageResult(stage, [test('passed'), test('skipped')]).status).toBe('failed');
    expect(stageResult(stage, [test('passed')]).status).toBe('passed');
  });

  it('reports pass only at full marks, and error when grading failed', () => {
    const fields = { lab: 'l', target: 'solution', runner: 'node' as const, durationMs: 1 };
    expect(gradeResult(fields, [stageResult(stage, [test('passed')])]).status).toBe('pass');
    expect(gradeResult(fields, [stageResult(stage, [test('failed')])]).status).toBe('fail');
    expect(gradeResult(fields, [], 'crashed')).toMatchObject({ status: 'error', message: 'crashed' });
  });
});

describe('captured output', () => {
  it('is capped with a visible marker, and stays capped', () => {
    let out: string | undefined;
    for (let i = 0; i < 1000; i++) out = appendOutput(out, 'x'.repeat(100));
    expect(out!.length).toBeLessThanOrEqual(OUTPUT_LIMIT + 40);
    expect(out).toMatch(/… output truncated$/);
  });
});

describe('failure text', () => {
  it('keeps the assertion message, adds the diff, names other errors, and drops colour codes', () => {
    expect(failureText([{ name: 'AssertionError', message: 'expected 1 to be 2', diff: '\u001b[32m- Expected\u001b[39m\n+ Received' }])).toBe(
      'expected 1 to be 2\n\n- Expected\n+ Received',
    );
    expect(failureText([{ name: 'TypeError', message: 'x is not a function' }])).toBe('TypeError: x is not a function');
  });
});
