import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../runners/result.ts';
import { junitXml } from './junit.ts';

const result: GradeResult = {
  status: 'fail',
  lab: 'dns',
  target: 'workspace',
  runner: 'node',
  scoring: 'all-or-nothing',
  score: 0,
  max: 20,
  durationMs: 10,
  stages: [
    {
      id: 'names',
      title: 'Names',
      runsIn: 'pure',
      points: 10,
      earned: 0,
      status: 'failed',
      tests: [
        { name: 'reads <a> & "b"', status: 'failed', message: 'expected 1 < 2\u0007\nsecond line', output: 'printed & kept', durationMs: 1500 },
        { name: 'passes', status: 'passed', durationMs: 2 },
        { name: 'after the hang', status: 'not-run', durationMs: 0 },
      ],
    },
    { id: 'wire', title: 'Wire', runsIn: 'host', points: 10, earned: 0, status: 'failed', error: 'SyntaxError: Unexpected token (3:4)', tests: [] },
  ],
};

describe('junitXml', () => {
  const xml = junitXml([result]);

  it('makes one suite per stage, named with its points, counting failures and skips', () => {
    expect(xml).toContain('<testsuite name="dns › names (0/10 points)" tests="3" failures="1" skipped="1" time="1.502">');
    expect(xml).toContain('<testcase classname="dns.names" name="passes" time="0.002"/>');
    expect(xml).toContain('<skipped message="not-run"/>');
  });

  it('escapes names and messages and drops characters XML cannot hold', () => {
    expect(xml).toContain('name="reads &lt;a&gt; &amp; &quot;b&quot;"');
    expect(xml).toContain('<failure message="expected 1 &lt; 2" type="failed">expected 1 &lt; 2\nsecond line</failure>');
    expect(xml).toContain('<system-out>printed &amp; kept</system-out>');
    expect(xml).not.toMatch(/\u0007/);
  });

  it('reports a stage that failed outside its tests as a failing case carrying the error', () => {
    expect(xml).toContain('<testsuite name="dns › wire (0/10 points)" tests="1" failures="1"');
    expect(xml).toContain('name="wire loads"');
    expect(xml).toContain('SyntaxError: Unexpected token (3:4)</failure>');
  });
});
