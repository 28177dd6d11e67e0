import { describe, expect, it } from 'vitest';
import { appendOutput, failureText, gradeResult, stagePoints, stageResult, testSummary, type TestResult } from './result.ts';

const test = (status: TestResult['status']): TestResult => ({ name: 't', status, durationMs: 0 });
const stage = { id: 's', title: 'S', summary: 'x', points: 10, runsIn: 'pure' as const, hints: ['h'] };

describe('scoring', () => {
  it('all-or-nothing by default: a stage earns its points only when every test passes', () => {
    expect(stagePoints(10, [test('passed'), test('passed'), test('failed')], undefined, 'all-or-nothing')).toBe(0);
    expect(stagePoints(10, [test('passed'), test('passed')], undefined, 'all-or-nothing')).toBe(10);
  });

  it('proportional: points in proportion to the tests passed, rounded down', () => {
    expect(stagePoints(10, [test('passed'), test('failed'), test('failed')], undefined, 'proportional')).toBe(3);
    expect(stagePoints(10, [test('passed'), test('passed'), test('hung'), test('not-run')], undefined, 'proportional')).toBe(5);
  });

  it('gives nothing for a stage with no tests or a load error', () => {
    expect(stagePoints(10, [], undefined, 'proportional')).toBe(0);
    expect(stagePoints(10, [test('passed')], 'SyntaxError', 'proportional')).toBe(0);
  });

  it('passes a stage only when every test passes; skipped tests count as not passed', () => {
    expect(stageResult(stage, [test('passed'), test('skipped')], undefined, 'proportional').status).toBe('failed');
    expect(stageResult(stage, [test('passed')], undefined, 'all-or-nothing').status).toBe('passed');
  });

  it('reports pass only at full marks, and error when grading failed', () => {
    const fields = { lab: 'l', target: 'solution', runner: 'node' as const, scoring: 'all-or-nothing' as const, durationMs: 1 };
    expect(gradeResult(fields, [stageResult(stage, [test('passed')], undefined, 'all-or-nothing')]).status).toBe('pass');
    expect(gradeResult(fields, [stageResult(stage, [test('failed')], undefined, 'all-or-nothing')]).status).toBe('fail');
    expect(gradeResult(fields, [], 'crashed')).toMatchObject({ status: 'error', message: 'crashed', scoring: 'all-or-nothing' });
  });

  it('counts a stage\'s tests by outcome', () => {
    const tests = [...Array(22).fill(test('passed')), test('hung'), test('not-run')];
    expect(testSummary(tests)).toBe('22 passed, 1 hung, 1 not run');
    // The lab page's form: a stage that hung on its second test, 22 never ran.
    expect(testSummary([test('not-run'), ...Array(21).fill(test('not-run')), test('hung'), test('passed')], ' · ')).toBe('1 passed · 1 hung · 22 not run');
    expect(testSummary(Array(24).fill(test('failed')))).toBe('24 failed');
  });
});

describe('captured output', () => {
  it('is capped with a visible marker, and stays capped', () => {
    let out: string | undefined;
    for (let i = 0; i < 1000; i++) out = appendOutput(out, 'x'.repeat(100), 4096);
    expect(out!.length).toBeLessThanOrEqual(4096 + 40);
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

  it('shows a failed property\'s cause first, then the counterexample, then the seed to replay', () => {
    const message =
      'Property failed after 3 tests\n{ seed: 42, path: "2:0", endOnFailure: true }\nCounterexample: [7]\nShrunk 1 time(s)\n\n' +
      'Hint: Enable verbose mode in order to have the list of all failing values encountered during the run';
    const text = failureText([{ name: 'Error', message, cause: { name: 'Error', message: 'TODO(names): encode a name' } }]);
    expect(text.split('\n\n')).toEqual([
      'TODO(names): encode a name',
      'Counterexample: [7]\nShrunk 1 time(s)',
      'Found after 3 runs with seed 42 (path "2:0"); every grade uses this seed, and JOURNEY_SEED=<number> tries another.',
    ]);
    expect(text).not.toContain('verbose');
  });

  it('says where the learner\'s code threw: the first frame in one of their files, by line', () => {
    const learner = { learnerDir: '/home/me/workspace/dns', learnerFiles: ['header.ts', 'name.ts'] };
    const stack = [
      'RangeError: offset 14 is outside the buffer',
      '    at readU16 (/home/me/course/labs/dns/given/bytes.ts:9:11)',
      '    at decodeHeader (file:///home/me/workspace/dns/header.ts:42:17)',
      '    at /home/me/workspace/dns/name.ts:7:3',
      '    at /home/me/course/labs/dns/tests/header.test.ts:30:5',
    ].join('\n');
    expect(failureText([{ name: 'RangeError', message: 'offset 14 is outside the buffer', stack }], learner)).toBe(
      'RangeError: offset 14 is outside the buffer\n\nThrown at header.ts:42.',
    );
    // Only the learner's own files count: not a given file, a test, or a file of the same name elsewhere.
    const elsewhere = stack.replaceAll('/home/me/workspace/dns/', '/home/me/other/dns/');
    expect(failureText([{ name: 'RangeError', message: 'm', stack: elsewhere }], learner)).toBe('RangeError: m');
    expect(failureText([{ name: 'RangeError', message: 'm', stack }])).toBe('RangeError: m');
  });
});
